using JinanOnboard.Primitives.Randomness;

namespace JinanOnboard.Studies.Repeaters.Simulation;

/// <summary>
/// Number of independent trials up to and including the first success (models.md §10: one draw replaces the failed
/// attempts). Inversion of the geometric distribution (Devroye, "Non-Uniform Random Variate Generation", 1986, §X.2):
/// K = 1 + ⌊ln U / ln(1 − p)⌋ with U uniform in (0, 1], so P(K = k) = (1 − p)^(k−1) p and E[K] = 1/p.
/// </summary>
public static class GeometricTrials
{
    /// <summary>
    /// ln(1 − p) for a success probability p in (0, 1), precomputed once per link (the hot loop then costs one log).
    /// </summary>
    public static double LogFailure(double successProbability)
    {
        if (!(successProbability > 0) || successProbability > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(successProbability), successProbability, "success probability must be in (0, 1]");
        }

        return successProbability >= 1 ? double.NegativeInfinity : Log1P(-successProbability);
    }

    /// <summary>One draw of K ≥ 1 given <paramref name="logFailure"/> = ln(1 − p) from <see cref="LogFailure"/>.</summary>
    public static long Draw(ref SplitMix64 stream, double logFailure)
    {
        // One uniform per call whatever p is, so the stream's position never depends on p.
        double u = 1.0 - stream.NextDouble(); // (0, 1]: ln u is finite
        if (double.IsNegativeInfinity(logFailure))
        {
            return 1;
        }

        return 1 + (long)Math.Floor(Math.Log(u) / logFailure);
    }

    /// <summary>
    /// Success probability of one heralding cycle of <paramref name="modes"/> multiplexed modes, each succeeding with
    /// <paramref name="perModeProbability"/>: 1 − (1 − p)^M = 1 − exp(M·ln(1 − p)).
    /// </summary>
    public static double PerCycleProbability(double perModeProbability, int modes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(modes);
        return perModeProbability >= 1 ? 1.0 : 1.0 - Math.Exp(modes * Log1P(-perModeProbability));
    }

    /// <summary>
    /// ln(1 + x) accurate for small |x| (Goldberg, "What every computer scientist should know about floating-point
    /// arithmetic", ACM Comput. Surv. 23, 1991, Theorem 4): with u = 1 ⊕ x, ln(1 + x) = x·ln u / (u − 1).
    /// </summary>
    internal static double Log1P(double x)
    {
        double u = 1.0 + x;
        return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
    }
}
