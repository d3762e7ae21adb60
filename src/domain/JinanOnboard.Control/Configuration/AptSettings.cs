namespace JinanOnboard.Control.Configuration;

/// <summary>A tracking camera: frame rate, full field of view, noise-equivalent angle per axis, latency and faults.</summary>
public sealed record CameraSettings(int RateHz, double FieldOfViewUrad, double NeaUrad, int LatencyFrames, double DropoutProbability, double FalseTargetProbability);

/// <summary>A piezo tip/tilt mirror: mechanical half-range, resonance and damping ratio (second order), command slew limit.</summary>
public sealed record MirrorSettings(double RangeUrad, double ResonanceHz, double DampingRatio, double SlewUradPerS);

/// <summary>A fine loop: rate (= its camera's frame rate), PID gains on the optical error, optional lead-lag, camera, mirror.</summary>
/// <param name="Kp">Proportional gain (optical command per µrad of error).</param>
/// <param name="KiPerS">Integral gain, 1/s.</param>
/// <param name="KdS">Derivative gain, s.</param>
/// <param name="LeadZeroHz">Lead-lag zero, Hz; 0 when no lead-lag is in series.</param>
/// <param name="LeadPoleHz">Lead-lag pole, Hz.</param>
public sealed record FineLoopSettings(int RateHz, double Kp, double KiPerS, double KdS, double LeadZeroHz, double LeadPoleHz, CameraSettings Camera, MirrorSettings Mirror);

/// <summary>A coarse loop: rate and PID gains per unit inertia (the command is an angular acceleration), plant limits and disturbances.</summary>
public sealed record CoarseLoopSettings(
    int RateHz,
    double KpPerS2,
    double KiPerS3,
    double KdPerS,
    double InertiaKgM2,
    double TorqueLimitNm,
    double MomentumLimitNms,
    double FrictionPerS,
    double DisturbanceTorqueNm,
    double DisturbanceCornerHz,
    double PredictionErrorUrad,
    double SensorNoiseUrad,
    double RateNoiseUradPerS,
    CameraSettings Camera);

/// <summary>Dual-source arbitration of the payload's capture camera against the auxiliary vector (apt-arbitration.md).</summary>
public sealed record ArbitrationSettings(double GateUrad, int InvalidFramesToSwitch, int ValidFramesToSwitchBack, double IntensityMin, double IntensityMax);

/// <summary>Acquisition and loss-of-lock thresholds of one end (apt-arbitration.md §Acquisition).</summary>
public sealed record AcquisitionSettings(double CoarseLockUrad, double FineLockUrad, int LockFrames, double LossOfLockS, double TimeoutS);

/// <summary>Platform jitter of the payload: a 1/f² random part above a corner plus reaction-wheel harmonics.</summary>
public sealed record JitterSettings(double RandomRmsUrad, double CornerHz, double WheelHz, IReadOnlyList<double> HarmonicAmplitudesUrad);

/// <summary>Turbulence at the OGS: Fried parameter at 500 nm toward zenith, wind and the effective height of the layer the slew sweeps.</summary>
public sealed record TurbulenceSettings(double FriedParameterM, double WindSpeedMPerS, double EffectiveHeightM, double BeaconWavelengthNm);

/// <summary>One end's pointing: coarse loop, fine loop, acquisition, the beacon it sends.</summary>
public sealed record EndSettings(CoarseLoopSettings Coarse, FineLoopSettings Fine, AcquisitionSettings Acquisition, double BeaconDivergenceHalfAngleUrad);

/// <summary>
/// Everything the pointing loops and their plants need, read from the <c>apt</c> section of a physics set
/// (<see cref="AptSettingsReader"/>). <see cref="PayloadDivergenceHalfAngleUrad"/> and <see cref="OgsFieldOfViewHalfAngleUrad"/>
/// are the θ_d of models.md §2's dynamic pointing loss at each end.
/// </summary>
public sealed record AptSettings(
    EndSettings Payload,
    EndSettings Ogs,
    ArbitrationSettings Arbitration,
    JitterSettings Jitter,
    TurbulenceSettings Turbulence,
    double PayloadDivergenceHalfAngleUrad,
    double OgsFieldOfViewHalfAngleUrad);
