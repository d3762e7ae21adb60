using JinanOnboard.Primitives.Numerics;
using JinanOnboard.Control.Configuration;
using JinanOnboard.Control.Pointing;

namespace JinanOnboard.Runtime.Pointing;

/// <summary>
/// One end's APT firmware component, the same at the payload and at the OGS: its <see cref="PointingEnd"/> on a
/// <see cref="PointingRateGroup"/> against the end's <see cref="IPointingHardware"/>, on its own task
/// (<see cref="RunAsync"/>). The loops' inputs are the end's own devices, never the link, so they keep their rates
/// whatever the link and the key pipeline do: in real time they follow the process clock from the pass start; as fast as
/// possible they run ahead of the rest of the pass, step by step of pass time, and the light they steer waits for them.
/// Either way every loop step happens at the same pass time, so the samples are the same. Housekeeping and the result
/// carry the loop states.
/// </summary>
public sealed class PointingComponent
{
    private readonly string _coarseName;
    private readonly CommandTimingMirror _timedMirror;
    private readonly bool _mirrorOnItsOwnClock;
    private bool _realtime;

    /// <param name="end"><see cref="PointingEnd.Payload"/> or <see cref="PointingEnd.Ogs"/>.</param>
    /// <param name="settings">Both ends' APT settings (physics set's <c>apt</c> section).</param>
    /// <param name="hardware">The end's devices.</param>
    /// <param name="coarseName">The coarse loop's name in the report ("attitude", "gimbal").</param>
    public PointingComponent(string end, AptSettings settings, IPointingHardware hardware, string coarseName)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(hardware);
        EndSettings endSettings = end == PointingEnd.Payload ? settings.Payload : settings.Ogs;
        double halfAngle = end == PointingEnd.Payload ? settings.PayloadDivergenceHalfAngleUrad : settings.OgsFieldOfViewHalfAngleUrad;
        Events = new AptEventLog();
        _timedMirror = new CommandTimingMirror(hardware.FineMirror);
        _mirrorOnItsOwnClock = hardware.FineMirror is Devices.Profiles.IBusMirror;
        End = new PointingEnd(end, endSettings, settings.Arbitration, _timedMirror, Events);
        RateGroup = new PointingRateGroup(End, hardware, PointingRateGroup.Scheduler(endSettings), halfAngle);
        _coarseName = coarseName;
    }

    /// <summary>The end's control.</summary>
    public PointingEnd End { get; }

    /// <summary>The end's rate group.</summary>
    public PointingRateGroup RateGroup { get; }

    /// <summary>The end's events (lock, arbitration, device faults) in order.</summary>
    public AptEventLog Events { get; }

    /// <summary>Pass time by which the loops' task advances between looks at the clock (and hands its samples on), s.</summary>
    public const double StepS = 0.05;

    /// <summary>
    /// Runs the loops over the pass: to <paramref name="durationS"/> in steps of <see cref="StepS"/>, each step waiting for
    /// its pass time on <paramref name="time"/> (from the call) when <paramref name="realtime"/>; <paramref name="afterStep"/>
    /// sees each step's pass time (a bench forwards the beam's pointing).
    /// </summary>
    public async Task RunAsync(double durationS, bool realtime, TimeProvider time, Action<double>? afterStep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        _realtime = realtime;
        _timedMirror.Timed = realtime;
        long start = time.GetTimestamp();
        for (long step = 1; ; step++)
        {
            double target = Math.Min(step * StepS, durationS);
            if (realtime)
            {
                if (_mirrorOnItsOwnClock)
                {
                    await FollowWallClockAsync(target, time, start, cancellationToken);
                }

                TimeSpan wait = TimeSpan.FromSeconds(target) - time.GetElapsedTime(start);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, cancellationToken);
                }
            }
            else if (step % 20 == 0)
            {
                await Task.Yield(); // one second of pass at a time, then let the process's other work in
            }

            await RateGroup.AdvanceToAsync(target, cancellationToken); // this task is the loops' only driver
            afterStep?.Invoke(target);
            if (target >= durationS)
            {
                return;
            }
        }
    }

    /// <summary>At the pass end: why this end never reached fine lock in it, or null once it did.</summary>
    public string? NeverLockedReason => End.Acquisition.NeverLockedReason(RateGroup.ReachedS);

    /// <summary>
    /// A mirror on a real bus moves on its own clock, so its commands must come at the loop's rate, not in bursts of a
    /// step: up to <paramref name="targetS"/>, runs every fine tick whose wall time has come, then sleeps until the next.
    /// The operating system's timers wake about 1 ms late at best, so a tick that finds itself late is run at once
    /// (catching up), keeping the average rate without burning a core in a spin.
    /// </summary>
    private async Task FollowWallClockAsync(double targetS, TimeProvider time, long start, CancellationToken cancellationToken)
    {
        double periodS = 1.0 / End.Settings.Fine.RateHz;
        while (true)
        {
            double nowS = time.GetElapsedTime(start).TotalSeconds;
            if (nowS >= targetS)
            {
                return;
            }

            await RateGroup.AdvanceToAsync(nowS, cancellationToken);
            double untilNextS = ((Math.Floor(nowS / periodS) + 1) * periodS) - time.GetElapsedTime(start).TotalSeconds;
            if (untilNextS > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(untilNextS), time, cancellationToken);
            }
        }
    }

    /// <summary>Loop states for housekeeping: acquisition state (its enum value), last fine residual, faults.</summary>
    public IEnumerable<KeyValuePair<string, double>> Housekeeping()
    {
        (double x, double y) = End.Fine.LastResidual;
        string prefix = "apt_" + End.End;
        return
        [
            new($"{prefix}_state", (double)End.Acquisition.State),
            new($"{prefix}_coarse_source", (double)End.Coarse.Arbiter.Source),
            new($"{prefix}_fine_residual_urad", Math.Sqrt((x * x) + (y * y))),
            new($"{prefix}_mirror_faults", RateGroup.MirrorFaults),
        ];
    }

    /// <summary>The end's section of the result: loops (RMS after fine lock), acquisition, device faults, events.</summary>
    /// <remarks>
    /// A figure with no samples (an end that never locked has no RMS after fine lock) is null, not NaN, so the report
    /// reads the same in the result and in the ground's summary message.
    /// </remarks>
    public object Report()
    {
        AptEndReport a = RateGroup.EndReport();
        var report = new Dictionary<string, object?>
        {
            ["end"] = End.End,
            ["reached_s"] = RateGroup.ReachedS,
            ["loops"] = RateGroup.LoopReports(_coarseName).Select(l => new
            {
                name = l.Name,
                rate_hz = l.RateHz,
                rms_urad = ReportNumber.OrNull(l.RmsUrad),
                rms_x_urad = ReportNumber.OrNull(l.RmsXUrad),
                rms_y_urad = ReportNumber.OrNull(l.RmsYUrad),
                peak_urad = ReportNumber.OrNull(l.PeakUrad),
                samples = l.Samples,
                clamped_commands = l.ClampedCommands,
                dropouts = l.Dropouts,
            }).ToArray(),
            ["acquisition"] = new
            {
                end = a.End,
                final_state = a.FinalState,
                time_to_fine_lock_s = ReportNumber.OrNull(a.TimeToFineLockS),
                failure_reason = a.FailureReason ?? NeverLockedReason,
                mean_pointing_transmittance = ReportNumber.OrNull(a.MeanPointingTransmittance),
                pointing_half_angle_urad = a.PointingHalfAngleUrad,
                source_switches = a.SourceSwitches,
                lock_acquired = a.LockAcquired,
                lock_lost = a.LockLost,
                frames_rejected = a.FramesRejected,
            },
            ["mirror_faults"] = RateGroup.MirrorFaults,
            ["last_mirror_fault"] = RateGroup.LastMirrorFault,
            ["events"] = Events.Events.Select(e => new { time_s = Math.Round(e.TimeS, 4), kind = PointingRateGroup.SnakeCase(e.Kind.ToString()), detail = e.Detail }).ToArray(),
        };

        // Only where they say something, so a default (simulated, as-fast-as-possible) pass reports exactly as before.
        if (RateGroup.MirrorFaults > 0)
        {
            report["fine_mirror_outages"] = MirrorOutages();
        }

        if (_realtime)
        {
            report["fine_loop_timing"] = _timedMirror.Timing();
        }

        return report;
    }

    /// <summary>
    /// Each time the fine mirror was lost: when (first fault), why, when it answered again (null: never in this pass),
    /// and how long the end pointed on its coarse loop alone meanwhile.
    /// </summary>
    private object[] MirrorOutages()
    {
        var outages = new List<object>();
        double? faultedS = null;
        string? why = null;
        foreach (AptEvent e in Events.Events)
        {
            if (e.Kind == AptEventKind.DeviceFault && faultedS is null)
            {
                (faultedS, why) = (e.TimeS, e.Detail);
            }
            else if (e.Kind == AptEventKind.DeviceRecovered && faultedS is { } from)
            {
                outages.Add(new { faulted_s = Math.Round(from, 4), fault = why, recovered_s = (double?)Math.Round(e.TimeS, 4), coarse_only_s = Math.Round(e.TimeS - from, 4) });
                faultedS = null;
            }
        }

        if (faultedS is { } open)
        {
            outages.Add(new { faulted_s = Math.Round(open, 4), fault = why, recovered_s = (double?)null, coarse_only_s = Math.Round(RateGroup.ReachedS - open, 4) });
        }

        return [.. outages];
    }
}
