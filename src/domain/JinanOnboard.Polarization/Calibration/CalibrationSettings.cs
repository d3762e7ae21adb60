namespace JinanOnboard.Polarization.Calibration;

/// <summary>How the compensator calibration runs (from the physics set's <c>polarization</c> section, <see cref="PolarizationSettings"/>).</summary>
public sealed record CalibrationSettings
{
    /// <summary>Pulses the payload sends per reference state per step.</summary>
    public required long PulsesPerState { get; init; }

    /// <summary>Expected dark and background counts at each decoder output during one step (removed before estimating).</summary>
    public required double DarkCountsPerOutput { get; init; }

    /// <summary>The source's own error probability from its finite contrast (parameters.md ~25 dB), removed from the channel estimate.</summary>
    public required double SourceErrorProbability { get; init; }

    /// <summary>Contrast the channel (source floor removed) must reach in both bases, dB.</summary>
    public required double TargetContrastDb { get; init; }

    /// <summary>Most measure → solve → set cycles.</summary>
    public required int MaxIterations { get; init; }

    /// <summary>An iteration that gains less than this (worst basis, dB) once the target is met ends the calibration.</summary>
    public required double MinImprovementDb { get; init; }

    /// <summary>A plate that reports an angle further than this from the command has failed, degrees.</summary>
    public double AngleToleranceDegrees { get; init; } = 1.0;
}
