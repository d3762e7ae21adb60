using JinanOnboard.Physics.Budgets;

namespace JinanOnboard.Physics.Timeline;

/// <summary>
/// The link at one instant of a pass: geometry, every loss term (in <see cref="Budget"/>), total transmittance,
/// expected signal detection rate (all detectors, before gating) and background counts per detector.
/// </summary>
public sealed record PassSample(
    DateTime TimeUtc,
    double PassSeconds,
    double ElevationDeg,
    double AzimuthDeg,
    double RangeKm,
    double RangeRateKmPerS,
    LinkBudget Budget,
    double SignalDetectionRatePerS,
    double BackgroundCountsPerSPerDetector,
    double SunElevationDeg,
    double MoonSeparationDeg)
{
    /// <summary>Total transmittance of the link at this instant.</summary>
    public double Transmittance => Budget.Transmittance;
}
