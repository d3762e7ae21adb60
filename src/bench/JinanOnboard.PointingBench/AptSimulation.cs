using JinanOnboard.Config.Model;
using JinanOnboard.Control.Configuration;
using JinanOnboard.Control.Pointing;
using JinanOnboard.Control.Scheduling;
using JinanOnboard.Physics.Parameters;
using JinanOnboard.Physics.Timeline;
using JinanOnboard.PointingBench.Ends;
using JinanOnboard.PointingBench.Geometry;
using JinanOnboard.Runtime.Plan;

namespace JinanOnboard.PointingBench;

/// <summary>
/// Both ends' pointing over a pass, loops alone (no key distillation): each end's APT (<see cref="PointingEnd"/>) on its
/// own rate group (<see cref="PointingRateGroup"/>) against its half of this bench (<see cref="EndPointingBench"/>: the
/// attitude with reaction wheels or the gimbal, a piezo FSM, disturbances and cameras) — the same parts the payload and
/// ground firmware run on the bench — stepped together millisecond by millisecond so that each end's beacon reaches the
/// other only while that end points within its beacon's divergence. The geometry is the default pass of the orbit layer
/// (<see cref="PassGeometry"/>). Truth errors after each end's fine lock give the steady-state RMS per loop and the mean
/// T_point of models.md §2.
/// </summary>
public sealed class AptSimulation
{
    /// <summary>The step at which the two ends are advanced together, s.</summary>
    public const double LockstepS = 0.001;

    private readonly AptSettings _settings;
    private readonly PhysicsParameterSet _physics;
    private readonly AptSimulationOptions _options;

    public AptSimulation(PhysicsParameterSet physics, AptSimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(physics);
        ArgumentNullException.ThrowIfNull(options);
        _physics = physics;
        _settings = AptSettingsReader.Read(physics);
        _options = options;
    }

    /// <summary>The settings read from the physics set.</summary>
    public AptSettings Settings => _settings;

    /// <summary>Called per lockstep with (pass time, payload fine error, OGS fine error, payload coarse error, OGS coarse error), radial µrad: the traces of a picture.</summary>
    public Action<double, double, double, double, double>? Sampled { get; set; }

    /// <summary>Runs the pass and reports.</summary>
    public AptReport Run()
    {
        PassTimeline timeline = PassGeometry.Build(new PassSettings { DurationS = _options.Seconds }, _physics);
        var track = new LineOfSightTrack(timeline);
        var events = new AptEventLog();
        AptSettings s = _settings;
        double aperture = _physics.Number("receiver.aperture_m");

        FixedRateScheduler payloadClock = PointingRateGroup.Scheduler(s.Payload);
        FixedRateScheduler ogsClock = PointingRateGroup.Scheduler(s.Ogs);
        EndPointingBench? payloadBench = null;
        EndPointingBench? ogsBench = null;
        bool Beacon(EndPointingBench? sender, double divergenceUrad) =>
            _options.BeaconsLit && sender is not null && Radial(sender.CoarseErrorUrad) <= divergenceUrad;

        using var mirrors = new MirrorSet();
        payloadBench = new EndPointingBench(PointingEnd.Payload, s, aperture, track, _options.Seed, payloadClock,
            mirrors.Add(Mirror("payload FSM", s.Payload, payloadClock)), _ => Beacon(ogsBench, s.Ogs.BeaconDivergenceHalfAngleUrad), InCloud);
        ogsBench = new EndPointingBench(PointingEnd.Ogs, s, aperture, track, _options.Seed, ogsClock,
            mirrors.Add(Mirror("OGS FSM", s.Ogs, ogsClock)), _ => Beacon(payloadBench, s.Payload.BeaconDivergenceHalfAngleUrad), InCloud);
        var payload = new PointingRateGroup(new PointingEnd(PointingEnd.Payload, s.Payload, s.Arbitration, payloadBench.FineMirror, events), payloadBench, payloadClock, s.PayloadDivergenceHalfAngleUrad);
        var ogs = new PointingRateGroup(new PointingEnd(PointingEnd.Ogs, s.Ogs, s.Arbitration, ogsBench.FineMirror, events), ogsBench, ogsClock, s.OgsFieldOfViewHalfAngleUrad);

        long steps = (long)Math.Floor(_options.Seconds / LockstepS);
        for (long k = 1; k <= steps; k++)
        {
            double t = k * LockstepS;
            Complete(payload.AdvanceToAsync(t));
            Complete(ogs.AdvanceToAsync(t));
            Sampled?.Invoke(t, Radial(payloadBench.FineErrorUrad), Radial(ogsBench.FineErrorUrad), Radial(payloadBench.CoarseErrorUrad), Radial(ogsBench.CoarseErrorUrad));
        }

        IReadOnlyList<AptLoopReport> loops =
        [
            .. payload.LoopReports("attitude"),
            .. ogs.LoopReports("gimbal"),
        ];
        return new AptReport(_options.Seconds, _options.Seed, loops, [payload.EndReport(), ogs.EndReport()], [.. events.Events]);
    }

    private IMirrorPlant Mirror(string name, EndSettings end, FixedRateScheduler clock) => MirrorPlants.Create(name, end.Fine.Mirror, clock, _options.Drivers);

    /// <summary>The run's mirrors, disposed (drivers closed) when the run ends.</summary>
    private sealed class MirrorSet : IDisposable
    {
        private readonly List<IMirrorPlant> _mirrors = [];

        public IMirrorPlant Add(IMirrorPlant mirror)
        {
            _mirrors.Add(mirror);
            return mirror;
        }

        public void Dispose()
        {
            foreach (IMirrorPlant mirror in _mirrors)
            {
                mirror.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
    }

    private bool InCloud(double t)
    {
        foreach (TimeWindow w in _options.Clouds)
        {
            if (w.Contains(t))
            {
                return true;
            }
        }

        return false;
    }

    private static double Radial((double X, double Y) e) => Math.Sqrt((e.X * e.X) + (e.Y * e.Y));

    // The simulated mirrors complete synchronously; a driver over a real bus is awaited by the firmware's rate group.
    private static void Complete(ValueTask pending)
    {
        if (!pending.IsCompletedSuccessfully)
        {
            pending.AsTask().GetAwaiter().GetResult();
        }
    }
}
