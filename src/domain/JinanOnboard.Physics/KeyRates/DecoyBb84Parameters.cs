namespace JinanOnboard.Physics.KeyRates;

/// <summary>
/// Source and protocol settings of the asymptotic decoy-state BB84 key rate (models.md §5): signal intensity μ, weak
/// decoy ν (ν &lt; μ; the vacuum decoy is implied), background yield Y_0 per pulse, its error probability e_0 (0.5),
/// optical misalignment e_d, error-correction inefficiency f_e and the sifting factor q (1/2 for symmetric BB84).
/// </summary>
public sealed record DecoyBb84Parameters(
    double SignalIntensity,
    double DecoyIntensity,
    double BackgroundYield,
    double MisalignmentError,
    double ErrorCorrectionInefficiency,
    double SiftFactor,
    double BackgroundErrorProbability = 0.5)
{
    /// <summary>Throws when a value is outside the range the formula is defined on.</summary>
    public void Validate()
    {
        Require(SignalIntensity > 0 && double.IsFinite(SignalIntensity), nameof(SignalIntensity), SignalIntensity, "μ must be > 0");
        Require(DecoyIntensity > 0 && DecoyIntensity < SignalIntensity, nameof(DecoyIntensity), DecoyIntensity, "ν must be in (0, μ)");
        Require(BackgroundYield is >= 0 and < 1, nameof(BackgroundYield), BackgroundYield, "Y_0 must be in [0, 1)");
        Require(MisalignmentError is >= 0 and <= 0.5, nameof(MisalignmentError), MisalignmentError, "e_d must be in [0, 0.5]");
        Require(ErrorCorrectionInefficiency >= 1 && double.IsFinite(ErrorCorrectionInefficiency), nameof(ErrorCorrectionInefficiency), ErrorCorrectionInefficiency, "f_e must be >= 1");
        Require(SiftFactor is > 0 and <= 1, nameof(SiftFactor), SiftFactor, "q must be in (0, 1]");
        Require(BackgroundErrorProbability is >= 0 and <= 1, nameof(BackgroundErrorProbability), BackgroundErrorProbability, "e_0 must be in [0, 1]");
    }

    private static void Require(bool ok, string name, double value, string rule)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, value, rule);
        }
    }
}
