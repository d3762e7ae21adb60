using JinanOnboard.Config.Model;
using JinanOnboard.Control.Configuration;
using JinanOnboard.Control.Pointing;
using JinanOnboard.Primitives.Randomness;
using JinanOnboard.Control.Scheduling;
using JinanOnboard.Ground.Components.Pointing;
using JinanOnboard.Payload.Components.Pointing;
using JinanOnboard.Physics.Parameters;
using JinanOnboard.Physics.Timeline;
using JinanOnboard.PointingBench.Disturbances;
using JinanOnboard.PointingBench.Geometry;
using JinanOnboard.PointingBench.Plants;
using JinanOnboard.PointingBench.Sensors;
using JinanOnboard.Runtime.Plan;

namespace JinanOnboard.PointingBench;

/// <summary>
/// Both ends' pointing over a pass, loops alone (no key distillation): the payload's and the OGS's APT components run at
/// their rates on one <see cref="FixedRateScheduler"/> against the plants (attitude with reaction wheels, gimbal, piezo
/// FSMs behind <see cref="Devices.Mirrors.ITipTiltMirror"/>), disturbances and cameras of this bench. The geometry is
/// the default pass of the orbit layer (<see cref="PassGeometry"/>). Truth errors after each end's fine lock give the
/// steady-state RMS per loop and the mean T_point of models.md §2. Every random stream is derived from the run seed
/// under the labels of seed-derivation.md (<c>apt.*</c>).
/// </summary>
public sealed class AptSimulation
{
    private const int PayloadFineJob = 0;
    private const int OgsFineJob = 1;
    private const int CaptureCameraJob = 2;
    private const int AttitudeJob = 3;
    private const int OgsCoarseCameraJob = 4;
    private const int GimbalJob = 5;

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

    /// <summary>Runs the pass and reports.</summary>
    public AptReport Run()
    {
        PassTimeline timeline = PassGeometry.Build(new PassSettings { DurationS = _options.Seconds }, _physics);
        var track = new LineOfSightTrack(timeline);
        return new Pass(_settings, _physics, _options, track).Execute();
    }

    private sealed class Pass
    {
        private readonly AptSettings _s;
        private readonly AptSimulationOptions _o;
        private readonly LineOfSightTrack _track;
        private readonly FixedRateScheduler _scheduler;
        private readonly AptEventLog _events = new();
        private readonly PayloadPointing _payload;
        private readonly OgsPointing _ogs;
        private readonly RigidAxisPair _satellite;
        private readonly RigidAxisPair _gimbal;
        private readonly PiezoTipTiltMirror _payloadMirror;
        private readonly PiezoTipTiltMirror _ogsMirror;
        private readonly SimulatedCamera _captureCamera;
        private readonly SimulatedCamera _payloadFineCamera;
        private readonly SimulatedCamera _ogsCoarseCamera;
        private readonly SimulatedCamera _ogsFineCamera;
        private readonly PlatformJitter _jitterX;
        private readonly PlatformJitter _jitterY;
        private readonly TurbulenceTilt _tilt;
        private readonly ShapedNoise _satTorqueX;
        private readonly ShapedNoise _satTorqueY;
        private readonly ShapedNoise _windX;
        private readonly ShapedNoise _windY;
        private readonly GaussianStream _auxNoise;
        private readonly GaussianStream _encoderNoise;
        private readonly double _payloadBiasX;
        private readonly double _payloadBiasY;
        private readonly double _ogsBiasX;
        private readonly double _ogsBiasY;
        private readonly TrackingStatistics _attitudeStats;
        private readonly TrackingStatistics _payloadFineStats;
        private readonly TrackingStatistics _gimbalStats;
        private readonly TrackingStatistics _ogsFineStats;
        private double _jitterNowX;
        private double _jitterNowY;
        private double _tiltNowX;
        private double _tiltNowY;
        private double _disturbanceSatX;
        private double _disturbanceSatY;
        private double _disturbanceGimbalX;
        private double _disturbanceGimbalY;

        public Pass(AptSettings s, PhysicsParameterSet physics, AptSimulationOptions o, LineOfSightTrack track)
        {
            _s = s;
            _o = o;
            _track = track;
            _scheduler = new FixedRateScheduler([s.Payload.Fine.RateHz, s.Ogs.Fine.RateHz, s.Payload.Coarse.Camera.RateHz, s.Payload.Coarse.RateHz, s.Ogs.Coarse.Camera.RateHz, s.Ogs.Coarse.RateHz]);
            double tick = 1.0 / _scheduler.TicksPerSecond;
            int maxStep = (int)_scheduler.MinPeriodTicks;
            ulong seed = o.Seed;
            GaussianStream Stream(string label) => GaussianStream.Derived(seed, "apt." + label);

            _payloadMirror = new PiezoTipTiltMirror("simulated piezo FSM (payload)", s.Payload.Fine.Mirror, tick, maxStep);
            _ogsMirror = new PiezoTipTiltMirror("simulated piezo FSM (OGS)", s.Ogs.Fine.Mirror, tick, maxStep);
            _payload = new PayloadPointing(s, _payloadMirror, _events);
            _ogs = new OgsPointing(s, _ogsMirror, _events);
            CoarseLoopSettings pc = s.Payload.Coarse;
            CoarseLoopSettings oc = s.Ogs.Coarse;
            _satellite = new RigidAxisPair(pc.InertiaKgM2, pc.FrictionPerS, pc.TorqueLimitNm, pc.MomentumLimitNms, tick, maxStep);
            _gimbal = new RigidAxisPair(oc.InertiaKgM2, oc.FrictionPerS, oc.TorqueLimitNm, oc.MomentumLimitNms, tick, maxStep);
            _captureCamera = new SimulatedCamera(pc.Camera, Stream("capture-camera"));
            _payloadFineCamera = new SimulatedCamera(s.Payload.Fine.Camera, Stream("payload-fine-camera"));
            _ogsCoarseCamera = new SimulatedCamera(oc.Camera, Stream("ogs-coarse-camera"));
            _ogsFineCamera = new SimulatedCamera(s.Ogs.Fine.Camera, Stream("ogs-fine-camera"));
            _jitterX = new PlatformJitter(s.Jitter, Stream("jitter-x"), s.Payload.Fine.RateHz);
            _jitterY = new PlatformJitter(s.Jitter, Stream("jitter-y"), s.Payload.Fine.RateHz);
            _tilt = new TurbulenceTilt(s.Turbulence, physics.Number("receiver.aperture_m"), track.ElevationDeg(0), Stream("tilt-x"), Stream("tilt-y"), s.Ogs.Fine.RateHz);
            _satTorqueX = new ShapedNoise(Stream("attitude-torque-x"), pc.DisturbanceTorqueNm, pc.DisturbanceCornerHz, pc.RateHz);
            _satTorqueY = new ShapedNoise(Stream("attitude-torque-y"), pc.DisturbanceTorqueNm, pc.DisturbanceCornerHz, pc.RateHz);
            _windX = new ShapedNoise(Stream("wind-torque-x"), oc.DisturbanceTorqueNm, oc.DisturbanceCornerHz, oc.RateHz);
            _windY = new ShapedNoise(Stream("wind-torque-y"), oc.DisturbanceTorqueNm, oc.DisturbanceCornerHz, oc.RateHz);
            _auxNoise = Stream("attitude-sensors");
            _encoderNoise = Stream("gimbal-encoders");
            GaussianStream prediction = Stream("orbit-prediction");
            _payloadBiasX = pc.PredictionErrorUrad * prediction.Next();
            _payloadBiasY = pc.PredictionErrorUrad * prediction.Next();
            _ogsBiasX = oc.PredictionErrorUrad * prediction.Next();
            _ogsBiasY = oc.PredictionErrorUrad * prediction.Next();
            _attitudeStats = new TrackingStatistics(0);
            _payloadFineStats = new TrackingStatistics(s.PayloadDivergenceHalfAngleUrad);
            _gimbalStats = new TrackingStatistics(0);
            _ogsFineStats = new TrackingStatistics(s.OgsFieldOfViewHalfAngleUrad);

            // Open-loop pointing from the predicted orbit: both ends start off by the prediction error, at the predicted rate.
            track.At(0, out LineOfSight x0, out LineOfSight y0);
            _satellite.Reset(x0.Angle - _payloadBiasX, y0.Angle - _payloadBiasY, x0.Rate, y0.Rate);
            _gimbal.Reset(x0.Angle - _ogsBiasX, y0.Angle - _ogsBiasY, x0.Rate, y0.Rate);
        }

        public AptReport Execute()
        {
            long endTick = (long)Math.Floor(_o.Seconds * _scheduler.TicksPerSecond);
            long lastTick = 0;
            int lastSecond = -1;
            while (_scheduler.TryNext(endTick, out long tick, out uint due))
            {
                int gap = (int)(tick - lastTick);
                if (gap > 0)
                {
                    _satellite.Advance(gap, _disturbanceSatX, _disturbanceSatY);
                    _gimbal.Advance(gap, _disturbanceGimbalX, _disturbanceGimbalY);
                    _payloadMirror.Advance(gap);
                    _ogsMirror.Advance(gap);
                    lastTick = tick;
                }

                double t = _scheduler.SecondsAt(tick);
                _track.At(t, out LineOfSight lx, out LineOfSight ly);
                if ((int)t != lastSecond)
                {
                    lastSecond = (int)t;
                    double slew = Math.Sqrt((lx.Rate * lx.Rate) + (ly.Rate * ly.Rate)) * 1e-6;
                    _tilt.Update(_track.ElevationDeg(t), slew);
                }

                bool cloud = InCloud(t);
                double attX = _satellite.X - lx.Angle;
                double attY = _satellite.Y - ly.Angle;
                double gimX = _gimbal.X - lx.Angle;
                double gimY = _gimbal.Y - ly.Angle;
                bool ogsBeaconReachesPayload = _o.BeaconsLit && Radial(gimX, gimY) <= _s.Ogs.BeaconDivergenceHalfAngleUrad;
                bool payloadBeaconReachesOgs = _o.BeaconsLit && Radial(attX, attY) <= _s.Payload.BeaconDivergenceHalfAngleUrad;

                if ((due & (1u << PayloadFineJob)) != 0)
                {
                    _jitterNowX = _jitterX.Next(t);
                    _jitterNowY = _jitterY.Next(t);
                    double rx = attX + _jitterNowX - (2 * _payloadMirror.XMicroradians);
                    double ry = attY + _jitterNowY - (2 * _payloadMirror.YMicroradians);
                    CentroidFrame frame = _payloadFineCamera.Expose(t, rx, ry, ogsBeaconReachesPayload, cloud);
                    Complete(_payload.OnFineFrameAsync(frame));
                    if (_payload.Acquisition.State == AcquisitionState.FineLock)
                    {
                        _payloadFineStats.Add(rx, ry);
                    }
                }

                if ((due & (1u << OgsFineJob)) != 0)
                {
                    (_tiltNowX, _tiltNowY) = _tilt.Next();
                    double rx = gimX + _tiltNowX - (2 * _ogsMirror.XMicroradians);
                    double ry = gimY + _tiltNowY - (2 * _ogsMirror.YMicroradians);
                    CentroidFrame frame = _ogsFineCamera.Expose(t, rx, ry, payloadBeaconReachesOgs, cloud);
                    Complete(_ogs.OnFineFrameAsync(frame));
                    if (_ogs.Acquisition.State == AcquisitionState.FineLock)
                    {
                        _ogsFineStats.Add(rx, ry);
                    }
                }

                if ((due & (1u << CaptureCameraJob)) != 0)
                {
                    _payload.OnCaptureFrame(t, _captureCamera.Expose(t, attX, attY, ogsBeaconReachesPayload, cloud));
                }

                if ((due & (1u << AttitudeJob)) != 0)
                {
                    CoarseLoopSettings pc = _s.Payload.Coarse;
                    _payload.OnAuxiliaryVector(new AuxiliaryVector(
                        t,
                        attX + _payloadBiasX + (pc.SensorNoiseUrad * _auxNoise.Next()),
                        attY + _payloadBiasY + (pc.SensorNoiseUrad * _auxNoise.Next()),
                        _satellite.XRate - lx.Rate + (pc.RateNoiseUradPerS * _auxNoise.Next()),
                        _satellite.YRate - ly.Rate + (pc.RateNoiseUradPerS * _auxNoise.Next()),
                        lx.Acceleration,
                        ly.Acceleration));
                    _satellite.Command = _payload.StepAttitude(t);
                    _disturbanceSatX = _satTorqueX.Next();
                    _disturbanceSatY = _satTorqueY.Next();
                    if (_payload.Acquisition.State == AcquisitionState.FineLock)
                    {
                        _attitudeStats.Add(attX, attY);
                    }
                }

                if ((due & (1u << OgsCoarseCameraJob)) != 0)
                {
                    _ogs.OnCoarseFrame(t, _ogsCoarseCamera.Expose(t, gimX, gimY, payloadBeaconReachesOgs, cloud));
                }

                if ((due & (1u << GimbalJob)) != 0)
                {
                    CoarseLoopSettings oc = _s.Ogs.Coarse;
                    _ogs.OnPredictedPointing(new AuxiliaryVector(
                        t,
                        gimX + _ogsBiasX + (oc.SensorNoiseUrad * _encoderNoise.Next()),
                        gimY + _ogsBiasY + (oc.SensorNoiseUrad * _encoderNoise.Next()),
                        _gimbal.XRate - lx.Rate + (oc.RateNoiseUradPerS * _encoderNoise.Next()),
                        _gimbal.YRate - ly.Rate + (oc.RateNoiseUradPerS * _encoderNoise.Next()),
                        lx.Acceleration,
                        ly.Acceleration));
                    _gimbal.Command = _ogs.StepGimbal(t);
                    _disturbanceGimbalX = _windX.Next();
                    _disturbanceGimbalY = _windY.Next();
                    if (_ogs.Acquisition.State == AcquisitionState.FineLock)
                    {
                        _gimbalStats.Add(gimX, gimY);
                    }
                }
            }

            return Report();
        }

        private bool InCloud(double t)
        {
            foreach (TimeWindow w in _o.Clouds)
            {
                if (w.Contains(t))
                {
                    return true;
                }
            }

            return false;
        }

        private static double Radial(double x, double y) => Math.Sqrt((x * x) + (y * y));

        // The simulated mirrors complete synchronously; a real bus would be awaited by the firmware's own scheduler.
        private static void Complete(ValueTask pending)
        {
            if (!pending.IsCompletedSuccessfully)
            {
                pending.AsTask().GetAwaiter().GetResult();
            }
        }

        private AptReport Report()
        {
            var loops = new List<AptLoopReport>
            {
                Loop("payload.attitude", _s.Payload.Coarse.RateHz, _attitudeStats, _payload.Attitude.SaturatedCycles + _satellite.MomentumLimitedSteps, _captureCamera.Dropouts),
                Loop("payload.fine", _s.Payload.Fine.RateHz, _payloadFineStats, _payload.Fine.ClampedCommands, _payload.Fine.Dropouts),
                Loop("ogs.gimbal", _s.Ogs.Coarse.RateHz, _gimbalStats, _ogs.Gimbal.SaturatedCycles, _ogsCoarseCamera.Dropouts),
                Loop("ogs.fine", _s.Ogs.Fine.RateHz, _ogsFineStats, _ogs.Fine.ClampedCommands, _ogs.Fine.Dropouts),
            };
            var ends = new List<AptEndReport>
            {
                End(PayloadPointing.End, _payload.Acquisition, _payload.Attitude.Arbiter, _payloadFineStats, _s.PayloadDivergenceHalfAngleUrad),
                End(OgsPointing.End, _ogs.Acquisition, _ogs.Gimbal.Arbiter, _ogsFineStats, _s.OgsFieldOfViewHalfAngleUrad),
            };
            return new AptReport(_o.Seconds, _o.Seed, loops, ends, [.. _events.Events]);
        }

        private static AptLoopReport Loop(string name, int rateHz, TrackingStatistics stats, long clamped, long dropouts) =>
            new(name, rateHz, stats.RmsUrad, stats.RmsXUrad, stats.RmsYUrad, stats.PeakUrad, stats.Count, clamped, dropouts);

        private AptEndReport End(string end, AcquisitionStateMachine acquisition, VectorSourceArbiter arbiter, TrackingStatistics fine, double halfAngle)
        {
            var rejected = new SortedDictionary<string, long>(StringComparer.Ordinal);
            foreach (FrameRejection r in Enum.GetValues<FrameRejection>())
            {
                if (r != FrameRejection.None)
                {
                    rejected[ToSnake(r.ToString())] = arbiter.Rejected(r);
                }
            }

            return new AptEndReport(end, ToSnake(acquisition.State.ToString()), acquisition.TimeToFineLockS, acquisition.FailureReason, fine.MeanPointingTransmittance, halfAngle,
                _events.Count(AptEventKind.SourceSwitched, end), _events.Count(AptEventKind.LockAcquired, end), _events.Count(AptEventKind.LockLost, end), rejected);
        }

        private static string ToSnake(string pascal) => string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
    }
}
