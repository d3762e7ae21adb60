using JinanOnboard.Polarization;
using JinanOnboard.Polarization.Geometry;
using JinanOnboard.Runtime.Plan;

namespace JinanOnboard.Ground.Components.Polarization;

/// <summary>
/// The OGS half-wave plate following the frame rotation of the pass (system.md §Polarization compensation): at every
/// whole second of pass time the plate goes to ψ(t)/2 + offset, ψ from the pass geometry (orbit and attitude, tabled
/// by <see cref="PassFrameRotationTable"/>). Before the pass it stands at the pass start's angle, where the payload's
/// calibration assumes it. It runs on its own task from the pass start: in real time each second waits for the
/// process clock, as fast as possible it runs ahead and the light it turns waits for it (a bench).
/// </summary>
public sealed class HalfWaveFollower
{
    private readonly PassFrameRotationTable _table;
    private readonly IOgsPolarizationHardware _hardware;
    private readonly object _gate = new();
    private Task? _prepared;
    private double _minDeg = double.PositiveInfinity;
    private double _maxDeg = double.NegativeInfinity;
    private int _moves;
    private string? _fault;

    public HalfWaveFollower(PassFrameRotationTable table, IOgsPolarizationHardware hardware)
    {
        _table = table ?? throw new ArgumentNullException(nameof(table));
        _hardware = hardware ?? throw new ArgumentNullException(nameof(hardware));
    }

    /// <summary>The follower for a plan's pass.</summary>
    public static HalfWaveFollower ForPlan(RunPlan plan, IOgsPolarizationHardware hardware)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new HalfWaveFollower(PassFrameRotationTable.Build(plan.Timeline, PolarizationSettings.From(plan.Physics).OgsHalfWaveOffsetDegrees), hardware);
    }

    /// <summary>Homes the plate and sets it for pass second 0 (once; later calls wait for the first).</summary>
    public Task PrepareAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _prepared ??= PrepareOnceAsync(cancellationToken);
        }
    }

    /// <summary>Follows the pass to <paramref name="durationS"/>, then tells the hardware it is over.</summary>
    public async Task RunAsync(double durationS, bool realtime, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        long start = time.GetTimestamp();
        try
        {
            await PrepareAsync(cancellationToken);
            int last = Math.Min((int)Math.Floor(durationS), _table.Count - 1);
            for (int second = 1; second <= last && _fault is null; second++)
            {
                if (realtime)
                {
                    TimeSpan wait = TimeSpan.FromSeconds(second) - time.GetElapsedTime(start);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, time, cancellationToken);
                    }
                }

                await SetAsync(second, cancellationToken);
            }
        }
        finally
        {
            _hardware.OnFollowingEnded();
        }
    }

    /// <summary>Housekeeping: the plate's last commanded angle.</summary>
    public IEnumerable<KeyValuePair<string, double>> Housekeeping()
    {
        if (_moves > 0)
        {
            yield return new("ogs_hwp_moves", _moves);
        }
    }

    /// <summary>For the ground's result (<c>ogs_hwp</c>).</summary>
    public object Details() => new
    {
        moves = _moves,
        commanded_deg = double.IsFinite(_minDeg) ? new { min = Math.Round(_minDeg, 3), max = Math.Round(_maxDeg, 3) } : null,
        fault = _fault,
    };

    private async Task PrepareOnceAsync(CancellationToken cancellationToken)
    {
        await _hardware.HalfWave.HomeAsync(cancellationToken);
        await SetAsync(0, cancellationToken);
    }

    private async Task SetAsync(int second, CancellationToken cancellationToken)
    {
        double angle = _table.HalfWaveDegreesAt(second);
        try
        {
            await _hardware.HalfWave.MoveToAsync(Mount(angle), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A plate that stops answering stays where it is; the pass goes on with it there.
            _fault = $"second {second}: {e.Message}";
            return;
        }

        _moves++;
        _minDeg = Math.Min(_minDeg, angle);
        _maxDeg = Math.Max(_maxDeg, angle);
        _hardware.OnHalfWaveSet(second);
    }

    /// <summary>The mount takes [0°, 360°); a half-wave plate repeats every 180°, so the representative in [0°, 180°).</summary>
    private static double Mount(double plateDeg)
    {
        double r = plateDeg % 180.0;
        return r < 0 ? r + 180.0 : r;
    }
}
