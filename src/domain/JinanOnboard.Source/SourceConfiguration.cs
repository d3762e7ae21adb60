namespace JinanOnboard.Source;

/// <summary>
/// Decoy-state BB84 light source settings. Defaults are the Jinan-1 values of
/// parameters.md (625 MHz; μ = 0.8 / 0.1 / 0.001 with probabilities 0.5 / 0.25 / 0.25;
/// symmetric bases, assumed; extinction ratio ~29 dB; polarization contrast ~25 dB).
/// </summary>
public sealed record SourceConfiguration
{
    /// <summary>Signal mean photon number per pulse, μ1.</summary>
    public double SignalMeanPhotonNumber { get; init; } = 0.8;

    /// <summary>Decoy mean photon number per pulse, μ2.</summary>
    public double DecoyMeanPhotonNumber { get; init; } = 0.1;

    /// <summary>Nominal "vacuum" mean photon number per pulse, μ3.</summary>
    public double VacuumMeanPhotonNumber { get; init; } = 0.001;

    /// <summary>Probability p1 of sending the signal intensity.</summary>
    public double SignalProbability { get; init; } = 0.5;

    /// <summary>Probability p2 of sending the decoy intensity.</summary>
    public double DecoyProbability { get; init; } = 0.25;

    /// <summary>Probability p3 of sending the vacuum intensity.</summary>
    public double VacuumProbability { get; init; } = 0.25;

    /// <summary>Probability of preparing in the Z basis (assumed 0.5, symmetric BB84).</summary>
    public double ZBasisProbability { get; init; } = 0.5;

    /// <summary>Intensity-modulator extinction ratio (dB): the weakest pulse it can make is μ1 · 10^(-ER/10).</summary>
    public double ExtinctionRatioDb { get; init; } = 29.0;

    /// <summary>Polarization contrast of the prepared states (dB), correct to orthogonal intensity.</summary>
    public double PolarizationContrastDb { get; init; } = 25.0;

    /// <summary>Pulse repetition rate (Hz).</summary>
    public double RepetitionRateHz { get; init; } = 625e6;

    /// <summary>The Jinan-1 default source.</summary>
    public static SourceConfiguration Jinan1 { get; } = new();

    /// <summary>Pulse period (ps): 1600 ps at 625 MHz.</summary>
    public double PulsePeriodPs => 1e12 / RepetitionRateHz;

    /// <summary>Nominal mean photon number of intensity index 0, 1 or 2.</summary>
    public double MeanPhotonNumber(int intensityIndex) => intensityIndex switch
    {
        0 => SignalMeanPhotonNumber,
        1 => DecoyMeanPhotonNumber,
        2 => VacuumMeanPhotonNumber,
        _ => throw new ArgumentOutOfRangeException(nameof(intensityIndex), intensityIndex, "Intensity index must be 0, 1 or 2."),
    };

    /// <summary>Probability of intensity index 0, 1 or 2.</summary>
    public double IntensityProbability(int intensityIndex) => intensityIndex switch
    {
        0 => SignalProbability,
        1 => DecoyProbability,
        2 => VacuumProbability,
        _ => throw new ArgumentOutOfRangeException(nameof(intensityIndex), intensityIndex, "Intensity index must be 0, 1 or 2."),
    };

    /// <summary>
    /// Mean photon number actually emitted for an intensity index. The modulator cannot
    /// extinguish a pulse below μ1 · 10^(-ER/10) (≈ 0.001 for 0.8 and 29 dB, which is where the
    /// Jinan-1 "vacuum" value comes from), so a nominal level below that floor leaks up to it.
    /// </summary>
    public double EmittedMeanPhotonNumber(int intensityIndex) =>
        Math.Max(MeanPhotonNumber(intensityIndex), SignalMeanPhotonNumber * Math.Pow(10.0, -ExtinctionRatioDb / 10.0));

    /// <summary>
    /// Probability that a photon leaves in the state orthogonal to the intended one, from the
    /// contrast C = 10^(dB/10) between wanted and orthogonal intensity: 1 / (1 + C)
    /// (≈ 0.32% at 25 dB).
    /// </summary>
    public double SourcePolarizationErrorProbability => 1.0 / (1.0 + Math.Pow(10.0, PolarizationContrastDb / 10.0));

    /// <summary>Checks every field; returns one message per problem, each naming the field.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        RequireFinite(errors, SignalMeanPhotonNumber, nameof(SignalMeanPhotonNumber));
        RequireFinite(errors, DecoyMeanPhotonNumber, nameof(DecoyMeanPhotonNumber));
        RequireFinite(errors, VacuumMeanPhotonNumber, nameof(VacuumMeanPhotonNumber));
        if (VacuumMeanPhotonNumber < 0)
        {
            errors.Add($"{nameof(VacuumMeanPhotonNumber)} must be >= 0 (got {VacuumMeanPhotonNumber}).");
        }

        // finite-key.md: μ1 > μ2 > μ3 >= 0 and μ1 > μ2 + μ3.
        if (!(DecoyMeanPhotonNumber > VacuumMeanPhotonNumber))
        {
            errors.Add($"{nameof(DecoyMeanPhotonNumber)} ({DecoyMeanPhotonNumber}) must exceed {nameof(VacuumMeanPhotonNumber)} ({VacuumMeanPhotonNumber}).");
        }

        if (!(SignalMeanPhotonNumber > DecoyMeanPhotonNumber + VacuumMeanPhotonNumber))
        {
            errors.Add($"{nameof(SignalMeanPhotonNumber)} ({SignalMeanPhotonNumber}) must exceed {nameof(DecoyMeanPhotonNumber)} + {nameof(VacuumMeanPhotonNumber)} ({DecoyMeanPhotonNumber + VacuumMeanPhotonNumber}).");
        }

        RequireOpenUnit(errors, SignalProbability, nameof(SignalProbability));
        RequireOpenUnit(errors, DecoyProbability, nameof(DecoyProbability));
        RequireOpenUnit(errors, VacuumProbability, nameof(VacuumProbability));
        double sum = SignalProbability + DecoyProbability + VacuumProbability;
        if (Math.Abs(sum - 1.0) > 1e-9)
        {
            errors.Add($"{nameof(SignalProbability)} + {nameof(DecoyProbability)} + {nameof(VacuumProbability)} must be 1 (got {sum}).");
        }

        RequireOpenUnit(errors, ZBasisProbability, nameof(ZBasisProbability));
        if (!(ExtinctionRatioDb > 0) || !double.IsFinite(ExtinctionRatioDb))
        {
            errors.Add($"{nameof(ExtinctionRatioDb)} must be a positive number of dB (got {ExtinctionRatioDb}).");
        }

        if (!(PolarizationContrastDb > 0) || !double.IsFinite(PolarizationContrastDb))
        {
            errors.Add($"{nameof(PolarizationContrastDb)} must be a positive number of dB (got {PolarizationContrastDb}).");
        }

        if (!(RepetitionRateHz > 0) || !double.IsFinite(RepetitionRateHz) || RepetitionRateHz > 1e12)
        {
            errors.Add($"{nameof(RepetitionRateHz)} must be in (0, 1e12] Hz (got {RepetitionRateHz}).");
        }

        return errors;
    }

    /// <summary>Throws when <see cref="Validate"/> finds a problem.</summary>
    /// <exception cref="ArgumentException">Lists every invalid field.</exception>
    public void ThrowIfInvalid()
    {
        IReadOnlyList<string> errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid source configuration: " + string.Join(" ", errors));
        }
    }

    private static void RequireFinite(List<string> errors, double value, string name)
    {
        if (!double.IsFinite(value))
        {
            errors.Add($"{name} must be a finite number (got {value}).");
        }
    }

    private static void RequireOpenUnit(List<string> errors, double value, string name)
    {
        if (!(value > 0 && value < 1))
        {
            errors.Add($"{name} must lie strictly between 0 and 1 (got {value}).");
        }
    }
}
