namespace JinanOnboard.Polarization.Errors;

/// <summary>
/// Per-basis polarization error probabilities: the chance that a photon sent in a basis and measured in that basis
/// lands on the wrong output (models.md §5's misalignment e_d, split by basis), averaged over the basis' two states.
/// </summary>
public readonly record struct BasisErrors(double ZErrorProbability, double XErrorProbability)
{
    /// <summary>Largest contrast reported, dB: 10·log10 of a ratio with 10⁻⁶ of wrong detections.</summary>
    public const double MaxContrastDb = 60.0;

    /// <summary>Contrast of the Z basis, dB.</summary>
    public double ZContrastDb => ContrastDb(ZErrorProbability);

    /// <summary>Contrast of the X basis, dB.</summary>
    public double XContrastDb => ContrastDb(XErrorProbability);

    /// <summary>The worse of the two bases' contrasts, dB.</summary>
    public double MinContrastDb => Math.Min(ZContrastDb, XContrastDb);

    /// <summary>Mean of the two bases' error probabilities (symmetric basis choice).</summary>
    public double MeanErrorProbability => (ZErrorProbability + XErrorProbability) / 2;

    /// <summary>
    /// Contrast 10·log10(P_right / P_wrong) of an error probability e: 10·log10((1 − e)/e), capped at
    /// <see cref="MaxContrastDb"/> (a perfect channel would be infinite).
    /// </summary>
    public static double ContrastDb(double errorProbability) =>
        errorProbability <= 1e-6 ? MaxContrastDb : Math.Min(MaxContrastDb, 10 * Math.Log10((1 - errorProbability) / errorProbability));

    /// <summary>The error probability of a contrast in dB: 1 / (1 + 10^(dB/10)).</summary>
    public static double ErrorProbabilityOfContrast(double contrastDb) => 1.0 / (1.0 + Math.Pow(10, contrastDb / 10));

    /// <summary>
    /// These errors on top of a source that already emits the orthogonal state with probability
    /// <paramref name="sourceErrorProbability"/> (its finite contrast): two independent flips of the same bit,
    /// e = e_s (1 − e_c) + (1 − e_s) e_c. Exact for a source whose imperfection is a flip within the basis, the
    /// reading of "polarization contrast" in parameters.md.
    /// </summary>
    public BasisErrors WithSourceFloor(double sourceErrorProbability) => new(
        Combine(ZErrorProbability, sourceErrorProbability),
        Combine(XErrorProbability, sourceErrorProbability));

    private static double Combine(double channel, double source) => channel + source - (2 * channel * source);
}
