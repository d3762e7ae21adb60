using System.Globalization;
using JinanOnboard.Physics.Parameters;
using JinanOnboard.Polarization.Calibration;
using JinanOnboard.Polarization.Errors;

namespace JinanOnboard.Polarization;

/// <summary>
/// The physics set's <c>polarization</c> section (configs/physics/*.json; ranges checked on load by the set's schema)
/// with the source contrast and dark counts it builds on. Sets without the section get the defaults below, which are
/// the jinan1 values.
/// </summary>
public sealed record PolarizationSettings
{
    /// <summary>Source polarization contrast when the set gives none, dB (parameters.md).</summary>
    public const double DefaultSourceContrastDb = 25;

    /// <summary>Retardance change of the source fibre per kelvin, rad/K (<c>assumed</c>).</summary>
    public double FibreDriftRadPerKelvin { get; init; } = 0.05;

    /// <summary>Fibre temperature change from the start to the end of the pass, K (<c>assumed</c>; linear).</summary>
    public double FibreTemperatureChangeKelvin { get; init; } = 2;

    /// <summary>Mean detections per reference state per calibration step, all four outputs (<c>assumed</c>).</summary>
    public double CalibrationDetectionsPerState { get; init; } = 20000;

    /// <summary>Dwell per reference state, s: sets the pulses sent and the dark counts collected.</summary>
    public double CalibrationStepS { get; init; } = 1;

    /// <summary>Most measure → solve → set cycles.</summary>
    public int CalibrationMaxIterations { get; init; } = 6;

    /// <summary>Gain below which, with the target met, the calibration stops, dB.</summary>
    public double CalibrationMinImprovementDb { get; init; } = 0.5;

    /// <summary>Channel contrast (source floor removed) the calibration must reach in both bases, dB.</summary>
    public double TargetContrastDb { get; init; } = 25;

    /// <summary>Angle step of the motorised mounts, degrees (<c>assumed</c>).</summary>
    public double WaveplateResolutionDegrees { get; init; } = 0.02;

    /// <summary>Backlash of the motorised mounts on a reversal, degrees (<c>assumed</c>).</summary>
    public double WaveplateBacklashDegrees { get; init; } = 0.05;

    /// <summary>OGS HWP offset compensating the fixed birefringent elements, degrees (<c>assumed</c> 0).</summary>
    public double OgsHalfWaveOffsetDegrees { get; init; }

    /// <summary>The source's polarization contrast, dB.</summary>
    public double SourceContrastDb { get; init; } = DefaultSourceContrastDb;

    /// <summary>Dark counts per detector per second.</summary>
    public double DarkCountsPerS { get; init; } = 100;

    /// <summary>Pulse rate of the source, Hz.</summary>
    public double RepetitionRateHz { get; init; } = 625e6;

    /// <summary>The source's error probability from its contrast.</summary>
    public double SourceErrorProbability => BasisErrors.ErrorProbabilityOfContrast(SourceContrastDb);

    /// <summary>Reads the section (and the source and receiver values it builds on) from a physics set.</summary>
    /// <exception cref="ParameterSetException">A count that must be whole is not.</exception>
    public static PolarizationSettings From(PhysicsParameterSet physics)
    {
        ArgumentNullException.ThrowIfNull(physics);
        var d = new PolarizationSettings();
        double iterations = physics.NumberOr("polarization.calibration_max_iterations", d.CalibrationMaxIterations);
        if (iterations != Math.Floor(iterations))
        {
            throw new ParameterSetException(string.Create(CultureInfo.InvariantCulture,
                $"{physics.SourcePath}: key 'polarization.calibration_max_iterations' = {iterations} must be a whole number in [1, 50]"));
        }

        return new PolarizationSettings
        {
            FibreDriftRadPerKelvin = physics.NumberOr("polarization.fibre_drift_rad_per_k", d.FibreDriftRadPerKelvin),
            FibreTemperatureChangeKelvin = physics.NumberOr("polarization.fibre_temperature_change_k", d.FibreTemperatureChangeKelvin),
            CalibrationDetectionsPerState = physics.NumberOr("polarization.calibration_detections_per_state", d.CalibrationDetectionsPerState),
            CalibrationStepS = physics.NumberOr("polarization.calibration_step_s", d.CalibrationStepS),
            CalibrationMaxIterations = (int)iterations,
            CalibrationMinImprovementDb = physics.NumberOr("polarization.calibration_min_improvement_db", d.CalibrationMinImprovementDb),
            TargetContrastDb = physics.NumberOr("polarization.target_contrast_db", d.TargetContrastDb),
            WaveplateResolutionDegrees = physics.NumberOr("polarization.waveplate_resolution_deg", d.WaveplateResolutionDegrees),
            WaveplateBacklashDegrees = physics.NumberOr("polarization.waveplate_backlash_deg", d.WaveplateBacklashDegrees),
            OgsHalfWaveOffsetDegrees = physics.NumberOr("polarization.ogs_hwp_offset_deg", d.OgsHalfWaveOffsetDegrees),
            SourceContrastDb = physics.NumberOr("source.polarization_contrast_db", d.SourceContrastDb),
            DarkCountsPerS = physics.NumberOr("receiver.dark_count_per_s", d.DarkCountsPerS),
            RepetitionRateHz = physics.NumberOr("source.repetition_rate_hz", d.RepetitionRateHz),
        };
    }

    /// <summary>The calibration's settings: pulses from the dwell and the source rate, dark counts from the detectors' rate.</summary>
    public CalibrationSettings ToCalibrationSettings() => new()
    {
        PulsesPerState = (long)Math.Round(CalibrationStepS * RepetitionRateHz),
        DarkCountsPerOutput = DarkCountsPerS * CalibrationStepS,
        SourceErrorProbability = SourceErrorProbability,
        TargetContrastDb = TargetContrastDb,
        MaxIterations = CalibrationMaxIterations,
        MinImprovementDb = CalibrationMinImprovementDb,
        AngleToleranceDegrees = Math.Max(1.0, 10 * (WaveplateResolutionDegrees + WaveplateBacklashDegrees)),
    };
}
