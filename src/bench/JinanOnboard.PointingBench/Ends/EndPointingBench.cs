using System.Runtime.CompilerServices;
using JinanOnboard.Control.Configuration;
using JinanOnboard.Control.Pointing;
using JinanOnboard.Control.Scheduling;
using JinanOnboard.Devices.Mirrors;
using JinanOnboard.PointingBench.Disturbances;
using JinanOnboard.PointingBench.Geometry;
using JinanOnboard.PointingBench.Plants;
using JinanOnboard.PointingBench.Sensors;
using JinanOnboard.Primitives.Randomness;

namespace JinanOnboard.PointingBench.Ends;

/// <summary>
/// One end's half of the pointing bench, behind <see cref="IPointingHardware"/>: the coarse plant (the satellite's
/// attitude on reaction wheels, or the OGS gimbal), its disturbance torques, the fast steering mirror (a plant, or a
/// device simulator behind the real driver), the fine-line disturbance (platform jitter, or turbulence tilt), the two
/// cameras and the auxiliary-vector sensors, on the line of sight of the pass. Whether the other end's beacon reaches
/// this end and whether a cloud covers the OGS are given as functions of pass time. Random streams are derived from the
/// run seed under the <c>apt.*</c> labels of seed-derivation.md.
/// </summary>
public sealed class EndPointingBench : IPointingHardware
{
    private readonly string _end;
    private readonly EndSettings _settings;
    private readonly LineOfSightTrack _track;
    private readonly FixedRateScheduler _scheduler;
    private readonly IMirrorPlant _mirror;
    private readonly Func<double, bool> _beaconReachesUs;
    private readonly Func<double, bool> _cloud;
    private readonly RigidAxisPair _coarse;
    private readonly SimulatedCamera _coarseCamera;
    private readonly SimulatedCamera _fineCamera;
    private readonly IFineDisturbance _fineDisturbance;
    private readonly ShapedNoise _torqueX;
    private readonly ShapedNoise _torqueY;
    private readonly GaussianStream _sensorNoise;
    private readonly double _biasX;
    private readonly double _biasY;
    private long _lastTick;
    private double _disturbanceX;
    private double _disturbanceY;
    private LineOfSight _losX;
    private LineOfSight _losY;

    /// <param name="end"><see cref="PointingEnd.Payload"/> or <see cref="PointingEnd.Ogs"/>.</param>
    /// <param name="settings">Both ends' settings (this end's, the jitter and the turbulence are read from them).</param>
    /// <param name="apertureM">The OGS telescope's aperture (turbulence tilt), m.</param>
    /// <param name="track">The pass's line of sight.</param>
    /// <param name="seed">The run seed.</param>
    /// <param name="scheduler">The end's rate-group time base (<see cref="PointingRateGroup.Scheduler"/>).</param>
    /// <param name="mirror">The fast steering mirror.</param>
    /// <param name="beaconReachesUs">True when the other end's beacon reaches this end at a pass time.</param>
    /// <param name="cloud">True when a cloud covers the OGS at a pass time (both beacons blocked, false targets).</param>
    public EndPointingBench(string end, AptSettings settings, double apertureM, LineOfSightTrack track, ulong seed, FixedRateScheduler scheduler, IMirrorPlant mirror, Func<double, bool> beaconReachesUs, Func<double, bool> cloud)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(track);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(mirror);
        bool payload = end == PointingEnd.Payload;
        _end = end;
        _settings = payload ? settings.Payload : settings.Ogs;
        _track = track;
        _scheduler = scheduler;
        _mirror = mirror;
        _beaconReachesUs = beaconReachesUs;
        _cloud = cloud;
        GaussianStream Stream(string label) => GaussianStream.Derived(seed, "apt." + label);

        CoarseLoopSettings c = _settings.Coarse;
        double tickS = 1.0 / scheduler.TicksPerSecond;
        int maxStep = (int)scheduler.MinPeriodTicks;
        _coarse = new RigidAxisPair(c.InertiaKgM2, c.FrictionPerS, c.TorqueLimitNm, c.MomentumLimitNms, tickS, maxStep);
        _coarseCamera = new SimulatedCamera(c.Camera, Stream(payload ? "capture-camera" : "ogs-coarse-camera"), measuresIntensity: true);
        _fineCamera = new SimulatedCamera(_settings.Fine.Camera, Stream(payload ? "payload-fine-camera" : "ogs-fine-camera"), measuresIntensity: false);
        _fineDisturbance = payload
            ? new PlatformJitterPair(settings.Jitter, Stream("jitter-x"), Stream("jitter-y"), _settings.Fine.RateHz)
            : new TurbulenceTiltPair(new TurbulenceTilt(settings.Turbulence, apertureM, track.ElevationDeg(0), Stream("tilt-x"), Stream("tilt-y"), _settings.Fine.RateHz), track);
        _torqueX = new ShapedNoise(Stream(payload ? "attitude-torque-x" : "wind-torque-x"), c.DisturbanceTorqueNm, c.DisturbanceCornerHz, c.RateHz);
        _torqueY = new ShapedNoise(Stream(payload ? "attitude-torque-y" : "wind-torque-y"), c.DisturbanceTorqueNm, c.DisturbanceCornerHz, c.RateHz);
        _sensorNoise = Stream(payload ? "attitude-sensors" : "gimbal-encoders");

        // One orbit-prediction stream for the pass: the payload's error is its first two draws, the OGS's the next two.
        GaussianStream prediction = Stream("orbit-prediction");
        if (!payload)
        {
            prediction.Next();
            prediction.Next();
        }

        _biasX = c.PredictionErrorUrad * prediction.Next();
        _biasY = c.PredictionErrorUrad * prediction.Next();

        // Open-loop pointing from the predicted orbit: the end starts off by the prediction error, at the predicted rate.
        track.At(0, out _losX, out _losY);
        _coarse.Reset(_losX.Angle - _biasX, _losY.Angle - _biasY, _losX.Rate, _losY.Rate);
    }

    /// <summary>"payload" or "ogs".</summary>
    public string End => _end;

    public ITipTiltMirror FineMirror => _mirror.Mirror;

    public (double X, double Y) CoarseErrorUrad => (_coarse.X - _losX.Angle, _coarse.Y - _losY.Angle);

    public (double X, double Y) FineErrorUrad { get; private set; }

    public long CoarseCameraDropouts => _coarseCamera.Dropouts;

    public long CoarseActuatorLimitedSteps => _coarse.MomentumLimitedSteps;

    /// <summary>Called after each fine exposure with (pass time, true fine error x, y in µrad): the channel's pointing trace.</summary>
    public Action<double, double, double>? FineSampleTaken { get; set; }

    // Per fine tick: compiled at first call with inlining across assemblies, which ReadyToRun code lacks (issue 16).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AdvanceTo(long tick)
    {
        int gap = (int)(tick - _lastTick);
        if (gap > 0)
        {
            _coarse.Advance(gap, _disturbanceX, _disturbanceY);
            _mirror.Advance(gap);
            _lastTick = tick;
        }

        _track.At(_scheduler.SecondsAt(tick), out _losX, out _losY);
    }

    // Per fine tick: compiled at first call with inlining across assemblies, which ReadyToRun code lacks (issue 16).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CentroidFrame ExposeFineCamera(double timeS)
    {
        (double jx, double jy) = _fineDisturbance.Next(timeS);
        (double ex, double ey) = CoarseErrorUrad;

        // The fine line of sight: the coarse error plus the disturbance, less twice the mirror's tilt (reflection).
        double rx = ex + jx - (2 * _mirror.XMicroradians);
        double ry = ey + jy - (2 * _mirror.YMicroradians);
        FineErrorUrad = (rx, ry);
        FineSampleTaken?.Invoke(timeS, rx, ry);
        return _fineCamera.Expose(timeS, rx, ry, _beaconReachesUs(timeS), _cloud(timeS));
    }

    public CentroidFrame ExposeCoarseCamera(double timeS)
    {
        (double ex, double ey) = CoarseErrorUrad;
        return _coarseCamera.Expose(timeS, ex, ey, _beaconReachesUs(timeS), _cloud(timeS));
    }

    public AuxiliaryVector ReadAuxiliaryVector(double timeS)
    {
        CoarseLoopSettings c = _settings.Coarse;
        (double ex, double ey) = CoarseErrorUrad;
        return new AuxiliaryVector(
            timeS,
            ex + _biasX + (c.SensorNoiseUrad * _sensorNoise.Next()),
            ey + _biasY + (c.SensorNoiseUrad * _sensorNoise.Next()),
            _coarse.XRate - _losX.Rate + (c.RateNoiseUradPerS * _sensorNoise.Next()),
            _coarse.YRate - _losY.Rate + (c.RateNoiseUradPerS * _sensorNoise.Next()),
            _losX.Acceleration,
            _losY.Acceleration);
    }

    public void CommandCoarse(TorqueCommand torque)
    {
        _coarse.Command = torque;
        _disturbanceX = _torqueX.Next();
        _disturbanceY = _torqueY.Next();
    }
}
