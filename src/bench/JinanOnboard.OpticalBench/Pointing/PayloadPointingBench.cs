using JinanOnboard.Config.Model;
using JinanOnboard.Control.Pointing;
using JinanOnboard.Physics.Parameters;
using JinanOnboard.Physics.Timeline;

namespace JinanOnboard.OpticalBench.Pointing;

/// <summary>
/// The payload half of the bench's pointing for a pass: the payload's pointing hardware (attitude, FSM, cameras; its
/// loops run in the payload firmware) and, when the bench joins the two processes, the optical path that carries the
/// payload's fine error to the OGS half, where the light is simulated.
/// </summary>
public sealed class PayloadPointingBench : IAsyncDisposable
{
    /// <summary>How long the payload half waits for the OGS half to listen on the optical path.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    private readonly BenchPointingHalf _half;
    private readonly OpticalPathSender? _path;
    private readonly string? _pathFailure;

    private PayloadPointingBench(BenchPointingHalf half, OpticalPathSender? path, string? pathFailure)
    {
        _half = half;
        _path = path;
        _pathFailure = pathFailure;
        if (path is not null)
        {
            half.Hardware.FineSampleTaken = (_, x, y) => path.Add(x, y);
        }
    }

    /// <summary>The payload's pointing hardware.</summary>
    public IPointingHardware Hardware => _half.Hardware;

    /// <summary>The optical path to the OGS half, or null (the polarization bench sends its plates records on it too).</summary>
    public OpticalPathSender? Path => _path;

    /// <summary>Both ends' APT settings.</summary>
    public Control.Configuration.AptSettings Settings => _half.Settings;

    /// <summary>The payload half for a pass, or null when the bench runs no loops.</summary>
    /// <param name="fineMirror">The payload's fine mirror on a real bus (HIL profile), or null for the bench's own.</param>
    public static PayloadPointingBench? Create(PassTimeline timeline, PhysicsParameterSet physics, ulong seed, IReadOnlyList<OutageSettings> downlinkOutages, BenchSettings bench, string? opticalPath, Devices.Profiles.DeviceEntry? fineMirror = null)
    {
        ArgumentNullException.ThrowIfNull(bench);
        if (!bench.AptOn)
        {
            return null;
        }

        BenchPointingHalf half = BenchPointingHalf.Create(PointingEnd.Payload, timeline, physics, seed, downlinkOutages, bench.Apt, fineMirror);
        if (opticalPath is null)
        {
            return new PayloadPointingBench(half, null, null);
        }

        try
        {
            OpticalPathSender path = OpticalPathSender.ConnectAsync(opticalPath, half.FineRateHz, ConnectTimeout, CancellationToken.None).GetAwaiter().GetResult();
            return new PayloadPointingBench(half, path, null);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            return new PayloadPointingBench(half, null, $"optical path {opticalPath}: {e.Message}");
        }
    }

    /// <summary>After each pass tick's loop steps: the samples go to the OGS half.</summary>
    public void OnPassTime() => _path?.Flush();

    /// <summary>The payload's pass is over.</summary>
    public void Complete() => _path?.Complete();

    /// <summary>The optical path's figures for the result.</summary>
    public object Details() => new
    {
        optical_path = _path is null ? "none" : _path.Failure is null ? "connected" : "broken",
        error = _pathFailure ?? _path?.Failure,
        samples_sent = _path?.SamplesSent ?? 0,
    };

    public ValueTask DisposeAsync()
    {
        _path?.Dispose();
        return _half.DisposeAsync();
    }
}
