using JinanOnboard.QuantumChannel.Simulation;

namespace JinanOnboard.QuantumChannel.Profiles;

/// <summary>
/// Inputs of <see cref="ElevationShapedChannelProfile"/>: a circular orbit passing a site with a
/// given maximum elevation, and the Jinan-1 link budget of models.md section 2 (parameters.md
/// values; entries marked assumed are engineering guesses, not published figures).
/// </summary>
public sealed record ElevationPassParameters
{
    /// <summary>Orbit altitude above a spherical Earth (km); Jinan-1 ~500 km.</summary>
    public double AltitudeKm { get; init; } = 500.0;

    /// <summary>Maximum elevation of the pass (deg). Assumed 60 deg for the default pass.</summary>
    public double MaxElevationDeg { get; init; } = 60.0;

    /// <summary>Elevation where the QKD window opens and closes (deg); 10 deg assumed, as for Micius.</summary>
    public double MinElevationDeg { get; init; } = 10.0;

    /// <summary>Source wavelength (nm).</summary>
    public double WavelengthNm { get; init; } = 850.0;

    /// <summary>Beam divergence φ of models.md section 2 (µrad); Jinan-1 ~9 µrad.</summary>
    public double DivergenceMicroradians { get; init; } = 9.0;

    /// <summary>Receiver aperture diameter D_r (m); Jinan-1 portable OGS 280 mm.</summary>
    public double ReceiverApertureM { get; init; } = 0.28;

    /// <summary>Sea-level extinction coefficient Λ_A0 at 850 nm; assumed 0.45 (0.5 is given at 808 nm).</summary>
    public double ExtinctionCoefficient { get; init; } = 0.45;

    /// <summary>OGS optical efficiency up to the detector fibres (~49%).</summary>
    public double ReceiverOpticalEfficiency { get; init; } = 0.49;

    /// <summary>Static pointing loss (dB) until the APT layer supplies a dynamic one; assumed 1 dB.</summary>
    public double PointingLossDb { get; init; } = 1.0;

    /// <summary>
    /// Background click rate per detector (Hz); assumed 100 Hz for an urban rooftop at night without Moon
    /// behind 4 nm filters. With 100 Hz dark counts the default pass then gives ~2% sifted QBER overall,
    /// under 1.5% near culmination; 300 Hz would push it to ~3%.
    /// </summary>
    public double BackgroundPerDetectorHz { get; init; } = 100.0;

    /// <summary>Polarization error after compensation; assumed 0.5% (parameters.md gives 0-1.0% over a pass).</summary>
    public double PolarizationError { get; init; } = 0.005;
}
