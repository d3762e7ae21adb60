using JinanOnboard.Devices.Mirrors;
using JinanOnboard.Devices.Profiles;

namespace JinanOnboard.PointingBench.Ends;

/// <summary>
/// The fast steering mirror as a device on a real bus, named by a HIL profile: the firmware's driver on that bus
/// (<see cref="ProfileMirror"/>, opened through <see cref="HardwareBusFactory"/>: a real controller, or a simulator in
/// another process behind a TCP port or a pty). Its mechanics run there, on their own clock, so the bench's cameras take
/// the mirror's tilt from its position read-back (POS? on an E-727) after each command of the loop, awaited on the
/// loop's own task (the driver is single-caller, and blocking on it would starve the process's thread pool); a pass
/// with one runs in real time. While the device is lost the cameras see it where it was last read.
/// </summary>
public sealed class DeviceMirror : IMirrorPlant, IBusMirror
{
    /// <summary>How long opening the bus (TCP connect, serial open) may take.</summary>
    public static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(2);

    private readonly ProfileMirror _device;

    private DeviceMirror(ProfileMirror device) => _device = device;

    /// <summary>Opens <paramref name="entry"/> on its bus and connects its driver.</summary>
    /// <exception cref="DeviceBusException">The bus could not be opened.</exception>
    public static async Task<DeviceMirror> OpenAsync(DeviceEntry entry, CancellationToken cancellationToken = default) =>
        new(await ProfileMirror.OpenAsync(entry, new HardwareBusFactory(), OpenTimeout, cancellationToken).ConfigureAwait(false));

    /// <summary>What the firmware commands: the driver, each command followed by the bench's read-back.</summary>
    public ITipTiltMirror Mirror => this;

    public double XMicroradians { get; private set; }

    public double YMicroradians { get; private set; }

    public string Identity => _device.Identity;

    public TipTiltRange RangeMicroradians => _device.RangeMicroradians;

    public bool InUse => _device.InUse;

    public async ValueTask MoveAsync(double xMicroradians, double yMicroradians, CancellationToken cancellationToken = default)
    {
        await _device.MoveAsync(xMicroradians, yMicroradians, cancellationToken).ConfigureAwait(false);
        await ReadPositionAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<TipTiltPosition> ReadPositionAsync(CancellationToken cancellationToken = default)
    {
        TipTiltPosition position = await _device.ReadPositionAsync(cancellationToken).ConfigureAwait(false);
        XMicroradians = position.XMicroradians;
        YMicroradians = position.YMicroradians;
        return position;
    }

    public ValueTask RecoverAsync(CancellationToken cancellationToken = default) => _device.RecoverAsync(cancellationToken);

    /// <summary>The mechanics are the device's own: nothing to advance here.</summary>
    public void Advance(int ticks)
    {
    }

    public ValueTask DisposeAsync() => _device.DisposeAsync();
}
