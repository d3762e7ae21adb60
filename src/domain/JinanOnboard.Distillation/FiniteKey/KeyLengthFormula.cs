using JinanOnboard.Primitives.Information;

namespace JinanOnboard.Distillation.FiniteKey;

/// <summary>What one key basis contributes to the key length.</summary>
/// <param name="VacuumEvents">s_{b,0}.</param>
/// <param name="SinglePhotonEvents">s_{b,1}.</param>
/// <param name="PhaseErrorRate">φ_b.</param>
public readonly record struct KeyBasisContribution(double VacuumEvents, double SinglePhotonEvents, double PhaseErrorRate);

/// <summary>
/// Phase-error bound and key-length formula of Lim, Curty, Walenta, Xu &amp; Zbinden, PRA 89, 022307 (2014),
/// Eqs. (1) and (4), in the form of finite-key.md "Phase error and key length". Exposed on its own so it
/// can be checked against published values (finite-key.md reference 3).
/// </summary>
public static class KeyLengthFormula
{
    /// <summary>The number of bounds whose failure probabilities add up to ε_sec (finite-key.md).</summary>
    public const int BoundCount = 21;

    /// <summary>
    /// γ(a, r, c, d) = sqrt( (c+d)(1−r) r / (c d ln 2) · log2( (c+d)/(c d (1−r) r) · 21²/a² ) ), 0 when r = 0.
    /// </summary>
    /// <remarks>
    /// For any sensible parameters the log2 argument is far above 1; should it fall below 1 the correction is
    /// taken as 0 rather than NaN, because a negative radicand means the sampling term vanishes.
    /// </remarks>
    public static double Gamma(double epsilon, double errorRate, double otherBasisCount, double thisBasisCount)
    {
        double a = epsilon;
        double r = errorRate;
        double c = otherBasisCount;
        double d = thisBasisCount;
        if (r <= 0 || r >= 1 || c <= 0 || d <= 0)
        {
            return 0;
        }

        double logArgument = (c + d) / (c * d * (1 - r) * r) * (BoundCount * BoundCount) / (a * a);
        double radicand = (c + d) * (1 - r) * r / (c * d * Math.Log(2)) * Math.Log2(logArgument);
        return radicand > 0 ? Math.Sqrt(radicand) : 0;
    }

    /// <summary>
    /// φ_b = min(0.5, r + γ(ε_sec, r, s_{b',1}, s_{b,1})) with r = min(0.5, max(0, v_{b',1}/s_{b',1}));
    /// 0.5 when either single-photon count is 0.
    /// </summary>
    /// <param name="otherBasisSinglePhotonErrors">v_{b',1}.</param>
    /// <param name="otherBasisSinglePhotons">s_{b',1}.</param>
    /// <param name="thisBasisSinglePhotons">s_{b,1}.</param>
    /// <param name="epsilonSec">ε_sec.</param>
    /// <param name="observedRate">r, the other basis' single-photon error rate.</param>
    /// <param name="gamma">γ, the sampling correction.</param>
    public static double PhaseErrorRate(
        double otherBasisSinglePhotonErrors,
        double otherBasisSinglePhotons,
        double thisBasisSinglePhotons,
        double epsilonSec,
        out double observedRate,
        out double gamma)
    {
        if (otherBasisSinglePhotons <= 0 || thisBasisSinglePhotons <= 0)
        {
            observedRate = 0.5;
            gamma = 0;
            return 0.5;
        }

        observedRate = Math.Min(0.5, Math.Max(0, otherBasisSinglePhotonErrors / otherBasisSinglePhotons));
        gamma = Gamma(epsilonSec, observedRate, otherBasisSinglePhotons, thisBasisSinglePhotons);
        return Math.Min(0.5, observedRate + gamma);
    }

    /// <summary>6 log2(21/ε_sec) + log2(2/ε_cor), the bits paid for security and correctness.</summary>
    public static double SecurityCostBits(double epsilonSec, double epsilonCor) =>
        (6 * Math.Log2(BoundCount / epsilonSec)) + Math.Log2(2 / epsilonCor);

    /// <summary>
    /// Σ_b [ s_{b,0} + s_{b,1}(1 − h(φ_b)) ] − λ_EC − 6 log2(21/ε_sec) − log2(2/ε_cor), before the floor.
    /// Pass one contribution for a single key basis (as Lim et al.), two for Jinan-1 (both bases keyed).
    /// </summary>
    public static double KeyLengthBeforeFloor(
        ReadOnlySpan<KeyBasisContribution> keyBases, double lambdaEcBits, double epsilonSec, double epsilonCor)
    {
        double sum = 0;
        foreach (KeyBasisContribution basis in keyBases)
        {
            sum += basis.VacuumEvents + (basis.SinglePhotonEvents * (1 - BinaryEntropy.Of(basis.PhaseErrorRate)));
        }

        return sum - lambdaEcBits - SecurityCostBits(epsilonSec, epsilonCor);
    }

    /// <summary>ℓ = floor of the key-length expression, 0 when it is negative (or not a number).</summary>
    public static long Floor(double keyLengthBeforeFloor) =>
        keyLengthBeforeFloor > 0 ? (long)Math.Floor(keyLengthBeforeFloor) : 0;
}
