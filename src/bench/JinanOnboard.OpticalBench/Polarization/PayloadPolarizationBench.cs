using JinanOnboard.Config.Model;
using JinanOnboard.Devices.Waveplates;
using JinanOnboard.OpticalBench.Pointing;
using JinanOnboard.Polarization.Compensation;
using JinanOnboard.Polarization.Jones;

namespace JinanOnboard.OpticalBench.Polarization;

/// <summary>
/// The payload half of the bench's polarization: the compensator's three plates as simulated ELL14 mounts at addresses
/// 1, 2, 3 of one in-process Elliptec line, driven through the real driver, and the source's reference mode. The light
/// is simulated in the OGS process, so whenever the source switches state the plates' real angles (the mounts' truth,
/// which the firmware never sees) go to the OGS half as a plates record on the optical path (optical-path.md §3).
/// </summary>
public sealed class PayloadPolarizationBench : IAsyncDisposable
{
    /// <summary>Bus addresses of QWP 1, HWP, QWP 2.</summary>
    public static readonly IReadOnlyList<int> Addresses = [1, 2, 3];

    private readonly WaveplateMounts _line;
    private readonly OpticalPathSender? _path;
    private readonly bool _ownsPath;
    private readonly string? _pathFailure;
    private int _records;

    private PayloadPolarizationBench(WaveplateMounts line, OpticalPathSender? path, bool ownsPath, string? pathFailure)
    {
        _line = line;
        _path = path;
        _ownsPath = ownsPath;
        _pathFailure = pathFailure;
    }

    /// <summary>The plate light meets first (address 1).</summary>
    public IWaveplateRotator FirstQuarterWave => _line.Rotators[0];

    /// <summary>The half-wave plate (address 2).</summary>
    public IWaveplateRotator HalfWave => _line.Rotators[1];

    /// <summary>The plate light meets last (address 3).</summary>
    public IWaveplateRotator SecondQuarterWave => _line.Rotators[2];

    /// <summary>
    /// The payload half, or null unless the bench compensates and has the optical path. It sends on <paramref name="sharedPath"/> (the pointing
    /// bench's) when there is one, otherwise it connects to <paramref name="opticalPath"/> itself. <paramref name="devices"/>
    /// gives, per plate (QWP 1, HWP, QWP 2), the HIL profile's mount on a serial line, or null for a simulated one.
    /// </summary>
    /// <exception cref="Devices.Profiles.DeviceBusException">A profile mount's serial line could not be opened.</exception>
    public static PayloadPolarizationBench? Create(BenchSettings bench, bool realtime, OpticalPathSender? sharedPath, string? opticalPath, IReadOnlyList<Devices.Profiles.DeviceEntry?>? devices = null)
    {
        ArgumentNullException.ThrowIfNull(bench);
        if (bench.Polarization != BenchSettings.PolarizationCompensated || opticalPath is null)
        {
            return null; // without the optical path the plates cannot reach the light: the OGS half calibrates inside the bench
        }

        WaveplateMounts line = WaveplateMounts.Open(Addresses, devices ?? [null, null, null], "114001", realtime);
        if (sharedPath is not null)
        {
            return new PayloadPolarizationBench(line, sharedPath, ownsPath: false, null);
        }

        try
        {
            // No fine samples on this path (the bench runs no loops): rate 0.
            OpticalPathSender path = OpticalPathSender.ConnectAsync(opticalPath, 0, PayloadPointingBench.ConnectTimeout, CancellationToken.None).GetAwaiter().GetResult();
            return new PayloadPolarizationBench(line, path, ownsPath: true, null);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            return new PayloadPolarizationBench(line, null, ownsPath: false, $"optical path {opticalPath}: {e.Message}");
        }
    }

    /// <summary>Where the plates really are.</summary>
    public CompensatorAngles Plates => new(_line.AngleDegrees(0), _line.AngleDegrees(1), _line.AngleDegrees(2));

    /// <summary>The source sends <paramref name="state"/> for measurement <paramref name="request"/>: the light leaves through the plates as they are.</summary>
    public void EmitReference(int request, Bb84State state) => Send((uint)request, (byte)state);

    /// <summary>The source sends key pulses from now on, through the plates as they are.</summary>
    public void EmitKeys() => Send(OpticalPath.KeyModeRequest, OpticalPath.KeyModeState);

    /// <summary>The payload's pass is over (ends the path when this bench opened it).</summary>
    public void Complete()
    {
        if (_ownsPath)
        {
            _path?.Complete();
        }
    }

    /// <summary>For the payload's result (<c>polarization_bench</c>).</summary>
    public object Details() => new
    {
        optical_path = _path is null ? "none" : _path.Failure is null ? "connected" : "broken",
        error = _pathFailure ?? _path?.Failure,
        plates_records_sent = _records,
        mounts = _line.Rotators.Select(r => r.Identity).ToArray(),
    };

    public async ValueTask DisposeAsync()
    {
        if (_ownsPath)
        {
            _path?.Dispose();
        }

        await _line.DisposeAsync();
    }

    private void Send(uint request, byte state)
    {
        CompensatorAngles plates = Plates;
        _path?.SendPlates(request, state, plates.FirstQuarterWaveDegrees, plates.HalfWaveDegrees, plates.SecondQuarterWaveDegrees);
        _records++;
    }
}
