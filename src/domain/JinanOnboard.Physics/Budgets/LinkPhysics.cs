namespace JinanOnboard.Physics.Budgets;

/// <summary>The formulas of models.md §2-§4, one function each, SI units unless named otherwise.</summary>
public static class LinkPhysics
{
    /// <summary>
    /// Downlink beam radius at the receiver (models.md §2): ω_r = sqrt((λ/(πφ))² + (φL)²), with φ the
    /// divergence half-angle at 1/e² (so λ/(πφ) is the Gaussian waist) and L the slant range.
    /// </summary>
    public static double DownlinkBeamRadiusM(double wavelengthM, double divergenceHalfAngleRad, double rangeM)
    {
        double waist = wavelengthM / (Math.PI * divergenceHalfAngleRad);
        double spread = divergenceHalfAngleRad * rangeM;
        return Math.Sqrt((waist * waist) + (spread * spread));
    }

    /// <summary>Collection by an aperture of diameter D of a Gaussian beam of radius ω (models.md §2): 1 - exp(-D²/(2ω²)).</summary>
    public static double GeometricTransmittance(double apertureDiameterM, double beamRadiusM) =>
        -double.ExpM1(-(apertureDiameterM * apertureDiameterM) / (2.0 * beamRadiusM * beamRadiusM));

    /// <summary>
    /// Atmosphere with cloud index α in [0, 150] (models.md §2, read as printed there):
    /// exp(-Λ_A0 csc β) · (150 - α)/150.
    /// </summary>
    public static double AtmosphericTransmittance(double extinctionCoefficient, double elevationDeg, double cloudIndex)
    {
        double airmass = 1.0 / Math.Sin(elevationDeg * Math.PI / 180.0);
        return Math.Exp(-extinctionCoefficient * airmass) * (150.0 - cloudIndex) / 150.0;
    }

    /// <summary>Instantaneous pointing loss of a Gaussian beam (models.md §2): exp(-2 θe²/θd²), θd the 1/e² half-angle divergence.</summary>
    public static double PointingTransmittance(double pointingErrorRad, double divergenceHalfAngleRad) =>
        Math.Exp(-2.0 * pointingErrorRad * pointingErrorRad / (divergenceHalfAngleRad * divergenceHalfAngleRad));

    /// <summary>
    /// Mean pointing transmittance under circular Gaussian jitter of σ per axis (used for the ISL, models.md §4):
    /// averaging exp(-2(x²+y²)/θd²) over x, y ~ N(0, σ²) gives exactly 1/(1 + 4σ²/θd²).
    /// </summary>
    public static double MeanPointingTransmittance(double jitterRmsPerAxisRad, double divergenceHalfAngleRad) =>
        1.0 / (1.0 + (4.0 * jitterRmsPerAxisRad * jitterRmsPerAxisRad / (divergenceHalfAngleRad * divergenceHalfAngleRad)));

    /// <summary>
    /// Hufnagel-Valley C_n²(z) (models.md §3), z metres above ground, wind v m/s, ground value C0:
    /// 0.00594 (v/27)² (1e-5 z)^10 e^(-z/1000) + 2.7e-16 e^(-z/1500) + C0 e^(-z/100).
    /// </summary>
    public static double HufnagelValleyCn2(double heightM, double windSpeedMPerS, double groundCn2)
    {
        double w = windSpeedMPerS / 27.0;
        return (0.00594 * w * w * Math.Pow(1e-5 * heightM, 10) * Math.Exp(-heightM / 1000.0))
            + (2.7e-16 * Math.Exp(-heightM / 1500.0))
            + (groundCn2 * Math.Exp(-heightM / 100.0));
    }

    /// <summary>∫_0^Zmax C_n²(z) dz by composite Simpson on 1 m steps (the C0 term decays over 100 m, so 1 m resolves it), m^(1/3).</summary>
    public static double IntegratedCn2(double ceilingM, double windSpeedMPerS, double groundCn2)
    {
        int n = Math.Max(2, (int)Math.Ceiling(ceilingM));
        if (n % 2 == 1)
        {
            n++;
        }

        double h = ceilingM / n;
        double sum = HufnagelValleyCn2(0, windSpeedMPerS, groundCn2) + HufnagelValleyCn2(ceilingM, windSpeedMPerS, groundCn2);
        for (int i = 1; i < n; i++)
        {
            sum += (i % 2 == 1 ? 4.0 : 2.0) * HufnagelValleyCn2(i * h, windSpeedMPerS, groundCn2);
        }

        return sum * h / 3.0;
    }

    /// <summary>Fried parameter along a slant path at elevation φ (models.md §3): r0 = [0.423 k² csc φ ∫C_n² dz]^(-3/5), metres.</summary>
    public static double FriedParameterM(double wavelengthM, double elevationDeg, double integratedCn2)
    {
        double k = 2.0 * Math.PI / wavelengthM;
        double csc = 1.0 / Math.Sin(elevationDeg * Math.PI / 180.0);
        return Math.Pow(0.423 * k * k * csc * integratedCn2, -0.6);
    }

    /// <summary>
    /// Long-term uplink beam radius with beam wander, collimated beam from radius R_s (models.md §3):
    /// ω = Lλ/(0.632 π R_s) · [1 + (0.83 csc φ)(2 R_s/r0)^(5/3)]^(3/5). With r0 = ∞ this is the diffraction-only radius.
    /// </summary>
    public static double UplinkBeamRadiusM(double wavelengthM, double rangeM, double transmitterRadiusM, double elevationDeg, double friedParameterM)
    {
        double diffraction = rangeM * wavelengthM / (0.632 * Math.PI * transmitterRadiusM);
        if (double.IsPositiveInfinity(friedParameterM))
        {
            return diffraction;
        }

        double csc = 1.0 / Math.Sin(elevationDeg * Math.PI / 180.0);
        double turbulence = 0.83 * csc * Math.Pow(2.0 * transmitterRadiusM / friedParameterM, 5.0 / 3.0);
        return diffraction * Math.Pow(1.0 + turbulence, 0.6);
    }

    /// <summary>Uplink collection (models.md §3): 1 - exp(-2 R_r²/ω²) for receiver radius R_r.</summary>
    public static double UplinkCollection(double receiverRadiusM, double beamRadiusM) =>
        -double.ExpM1(-2.0 * receiverRadiusM * receiverRadiusM / (beamRadiusM * beamRadiusM));

    /// <summary>Gaussian beam radius after distance d from waist w0 (models.md §4): w0 sqrt(1 + (d/z_R)²), z_R = π w0²/λ.</summary>
    public static double GaussianBeamRadiusM(double waistM, double wavelengthM, double distanceM)
    {
        double rayleigh = Math.PI * waistM * waistM / wavelengthM;
        double x = distanceM / rayleigh;
        return waistM * Math.Sqrt(1.0 + (x * x));
    }
}
