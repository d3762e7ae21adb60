using JinanOnboard.Control.Configuration;
using JinanOnboard.Control.Scheduling;

namespace JinanOnboard.Control.Pointing;

/// <summary>
/// Drives one end's APT (<see cref="PointingEnd"/>) at its rates on the pass time (F Prime's rate group): the fine loop
/// at its kHz rate, the coarse camera and the coarse loop at theirs, each at exact integer ticks of one time base, in the
/// same order on every run. The caller advances it to the pass time it has reached (the payload's pass driver, the OGS's
/// disciplined clock), so real time and as-fast-as-possible are the same code and give the same samples.
/// A fast steering mirror whose driver fails (no answer, garbled reply, refused command) is a reported fault, not a
/// crash: the end keeps coarse pointing and tries the mirror again every <see cref="MirrorRetryPeriodS"/>.
/// </summary>
public sealed class PointingRateGroup
{
    /// <summary>How long a faulted mirror rests before the loop tries it again.</summary>
    public const double MirrorRetryPeriodS = 1.0;

    /// <summary>
    /// How often the loop reads the mirror's position back: the fine loop's moves are fire-and-forget (a 2 kHz loop cannot
    /// wait for an answer to each), so this read is what notices a controller that stopped answering.
    /// </summary>
    public const double MirrorCheckPeriodS = 0.1;

    private const int FineJob = 0;
    private const int CameraJob = 1;
    private const int CoarseJob = 2;

    private readonly PointingEnd _end;
    private readonly IPointingHardware _hardware;
    private readonly FixedRateScheduler _scheduler;
    private double _mirrorRetryAtS = double.NegativeInfinity;
    private double _mirrorCheckAtS;
    private bool _recovering;

    public PointingRateGroup(PointingEnd end, IPointingHardware hardware, FixedRateScheduler scheduler, double pointingHalfAngleUrad)
    {
        ArgumentNullException.ThrowIfNull(end);
        ArgumentNullException.ThrowIfNull(hardware);
        ArgumentNullException.ThrowIfNull(scheduler);
        _end = end;
        _hardware = hardware;
        _scheduler = scheduler;
        CoarseStatistics = new TrackingStatistics(0);
        FineStatistics = new TrackingStatistics(pointingHalfAngleUrad);
    }

    /// <summary>The time base of an end's loops: fine, coarse camera and coarse loop rates, in that order.</summary>
    public static FixedRateScheduler Scheduler(EndSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new FixedRateScheduler([settings.Fine.RateHz, settings.Coarse.Camera.RateHz, settings.Coarse.RateHz]);
    }

    /// <summary>The end this group drives.</summary>
    public PointingEnd End => _end;

    /// <summary>Coarse pointing error while in fine lock.</summary>
    public TrackingStatistics CoarseStatistics { get; }

    /// <summary>Fine pointing error while in fine lock, with the mean T_point of models.md §2.</summary>
    public TrackingStatistics FineStatistics { get; }

    /// <summary>Pass time the loops have reached, seconds.</summary>
    public double ReachedS { get; private set; }

    /// <summary>Fine-mirror driver failures (each one puts the mirror at rest for <see cref="MirrorRetryPeriodS"/>).</summary>
    public long MirrorFaults { get; private set; }

    /// <summary>The last mirror failure's message, null while the mirror has never failed.</summary>
    public string? LastMirrorFault { get; private set; }

    /// <summary>The mirror's position as last read back (every <see cref="MirrorCheckPeriodS"/>), µrad.</summary>
    public Devices.Mirrors.TipTiltPosition LastMirrorPosition { get; private set; }

    /// <summary>True while the mirror is at rest after a failure (coarse-only pointing).</summary>
    public bool MirrorFaulted => ReachedS < _mirrorRetryAtS;

    /// <summary>Runs every loop step due up to <paramref name="passTimeS"/>.</summary>
    public async ValueTask AdvanceToAsync(double passTimeS, CancellationToken cancellationToken = default)
    {
        long until = (long)Math.Floor(passTimeS * _scheduler.TicksPerSecond);
        while (_scheduler.TryNext(until, out long tick, out uint due))
        {
            double t = _scheduler.SecondsAt(tick);
            ReachedS = t;
            _hardware.AdvanceTo(tick);
            if ((due & (1u << FineJob)) != 0)
            {
                CentroidFrame frame = _hardware.ExposeFineCamera(t);
                if (t >= _mirrorRetryAtS)
                {
                    await StepFineAsync(t, frame, cancellationToken);
                }

                if (_end.Acquisition.State == AcquisitionState.FineLock)
                {
                    (double x, double y) = _hardware.FineErrorUrad;
                    FineStatistics.Add(x, y);
                }
            }

            if ((due & (1u << CameraJob)) != 0)
            {
                _end.OnCoarseFrame(t, _hardware.ExposeCoarseCamera(t));
            }

            if ((due & (1u << CoarseJob)) != 0)
            {
                _end.OnAuxiliaryVector(_hardware.ReadAuxiliaryVector(t));
                _hardware.CommandCoarse(_end.StepCoarse(t));
                if (_end.Acquisition.State == AcquisitionState.FineLock)
                {
                    (double x, double y) = _hardware.CoarseErrorUrad;
                    CoarseStatistics.Add(x, y);
                }
            }
        }
    }

    /// <summary>
    /// This end's two loops as report rows (<c>END.COARSE_NAME</c>, <c>END.fine</c>).
    /// </summary>
    public IReadOnlyList<AptLoopReport> LoopReports(string coarseName)
    {
        EndSettings s = _end.Settings;
        return
        [
            Row($"{_end.End}.{coarseName}", s.Coarse.RateHz, CoarseStatistics, _end.Coarse.SaturatedCycles + _hardware.CoarseActuatorLimitedSteps, _hardware.CoarseCameraDropouts),
            Row($"{_end.End}.fine", s.Fine.RateHz, FineStatistics, _end.Fine.ClampedCommands, _end.Fine.Dropouts),
        ];
    }

    /// <summary>This end's acquisition outcome, arbitration and mean T_point after fine lock.</summary>
    public AptEndReport EndReport()
    {
        var rejected = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (FrameRejection r in Enum.GetValues<FrameRejection>())
        {
            if (r != FrameRejection.None)
            {
                rejected[SnakeCase(r.ToString())] = _end.Coarse.Arbiter.Rejected(r);
            }
        }

        AcquisitionStateMachine acquisition = _end.Acquisition;
        AptEventLog events = _end.Events;
        return new AptEndReport(_end.End, SnakeCase(acquisition.State.ToString()), acquisition.TimeToFineLockS, acquisition.FailureReason, FineStatistics.MeanPointingTransmittance, FineStatistics.PointingHalfAngleUrad,
            events.Count(AptEventKind.SourceSwitched, _end.End), events.Count(AptEventKind.LockAcquired, _end.End), events.Count(AptEventKind.LockLost, _end.End), rejected);
    }

    /// <summary>PascalCase enum names as the snake_case words of every enumerated value in the reports.</summary>
    public static string SnakeCase(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static AptLoopReport Row(string name, int rateHz, TrackingStatistics stats, long clamped, long dropouts) =>
        new(name, rateHz, stats.RmsUrad, stats.RmsXUrad, stats.RmsYUrad, stats.PeakUrad, stats.Count, clamped, dropouts);

    private async ValueTask StepFineAsync(double t, CentroidFrame frame, CancellationToken cancellationToken)
    {
        try
        {
            if (_recovering)
            {
                await _hardware.FineMirror.RecoverAsync(cancellationToken);
            }

            ValueTask step = _end.OnFineFrameAsync(frame, cancellationToken);
            if (!step.IsCompletedSuccessfully)
            {
                await step;
            }

            if (t >= _mirrorCheckAtS)
            {
                _mirrorCheckAtS = t + MirrorCheckPeriodS;
                LastMirrorPosition = await _hardware.FineMirror.ReadPositionAsync(cancellationToken);
                if (_recovering)
                {
                    _recovering = false;
                    _end.Events.Add(t, _end.End, AptEventKind.DeviceRecovered, _end.Fine.MirrorIdentity);
                }
            }
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A device boundary: whatever the driver throws (timeout after its retries, garbled reply, refused command),
            // the end keeps pointing on its coarse loop and the fault is reported, never a crash of the firmware. After
            // the rest, the first step reads the mirror back before it counts as recovered.
            MirrorFaults++;
            LastMirrorFault = error.Message;
            _mirrorRetryAtS = t + MirrorRetryPeriodS;
            _mirrorCheckAtS = _mirrorRetryAtS;
            _recovering = true;
            _end.Events.Add(t, _end.End, AptEventKind.DeviceFault, error.Message);
        }
    }
}
