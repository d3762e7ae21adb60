using JinanOnboard.Devices.Mirrors;
using JinanOnboard.Devices.Profiles;

namespace JinanOnboard.PointingBench.Ends;

/// <summary>
/// The fast steering mirror as a device on a real bus, named by a HIL profile: the firmware's driver on that bus
/// (<see cref="ProfileMirror"/>, opened through <see cref="HardwareBusFactory"/>: a real controller, or a simulator in
/// another process behind a TCP port or a pty). Its mechanics run there, on their own clock, so the bench's cameras take
/// the mirror's tilt from its position read-back (POS? on an E-727) at every step of the end's time base; a pass with
/// one runs in real time. While the device is lost the cameras see it where it was last read.
/// </summary>
public sealed class DeviceMirror : IMirrorPlant
{
    /// <summary>How long opening the bus (TCP connect, serial open) may take.</summary>
    public static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(2);

    private readonly ProfileMirror _device;

    private DeviceMirror(ProfileMirror device) => _device = device;

    /// <summary>Opens <paramref name="entry"/> on its bus and connects its driver.</summary>
    /// <exception cref="DeviceBusException">The bus could not be opened.</exception>
    public static async Task<DeviceMirror> OpenAsync(DeviceEntry entry, CancellationToken cancellationToken = default) =>
        new(await ProfileMirror.OpenAsync(entry, new HardwareBusFactory(), OpenTimeout, cancellationToken).ConfigureAwait(false));

    public ITipTiltMirror Mirror => _device;

    public double XMicroradians { get; private set; }

    public double YMicroradians { get; private set; }

    /// <summary>Position read-backs that answered.</summary>
    public long ReadBacks { get; private set; }

    public void Advance(int ticks)
    {
        if (!_device.InUse)
        {
            return;
        }

        try
        {
            ValueTask<TipTiltPosition> read = _device.ReadPositionAsync();
            TipTiltPosition position = read.IsCompletedSuccessfully ? read.Result : read.AsTask().GetAwaiter().GetResult();
            XMicroradians = position.XMicroradians;
            YMicroradians = position.YMicroradians;
            ReadBacks++;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The device is now out of use (ProfileMirror marked it); the firmware's next command fails and its rate group
            // reports the fault and recovers the device. The cameras keep the last position read.
        }
    }

    public ValueTask DisposeAsync() => _device.DisposeAsync();
}
