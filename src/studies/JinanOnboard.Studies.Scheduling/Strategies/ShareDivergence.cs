namespace JinanOnboard.Studies.Scheduling.Strategies;

/// <summary>The S-TD measure of models.md §8: D_KL = Σ_n p_n ln(p_n / q_n), p_n = E_n / Σ E, q the weights (natural log).</summary>
public static class ShareDivergence
{
    /// <summary>D_KL of the delivered shares from <paramref name="weights"/>; +∞ when nothing is delivered.</summary>
    public static double Of(ReadOnlySpan<double> deliveredBits, ReadOnlySpan<double> weights)
    {
        double total = 0;
        foreach (double e in deliveredBits)
        {
            total += e;
        }

        if (!(total > 0))
        {
            return double.PositiveInfinity;
        }

        double d = 0;
        for (int n = 0; n < deliveredBits.Length; n++)
        {
            double p = deliveredBits[n] / total;
            if (p > 0)
            {
                // 0 · ln 0 = 0; a city with weight 0 that gets key makes the divergence infinite.
                d += p * Math.Log(p / weights[n]);
            }
        }

        return Math.Max(0, d);
    }
}
