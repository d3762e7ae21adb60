namespace JinanOnboard.Primitives.Information;

/// <summary>
/// Binary entropy h(p) (models.md, preamble) and its inverse: the finite-key formula's phase-error term 1 − h(e_ph), and
/// reconciliation's efficiency f = m / (n·h(QBER)) and the code book's QBER ranges. One definition, so both use the same h.
/// </summary>
public static class BinaryEntropy
{
    /// <summary>h(p) = −p log2 p − (1−p) log2(1−p) in bits; 0 for p ≤ 0 and p ≥ 1.</summary>
    public static double Of(double p)
    {
        if (p <= 0 || p >= 1)
        {
            return 0;
        }

        return (-p * Math.Log2(p)) - ((1 - p) * Math.Log2(1 - p));
    }

    /// <summary>The p in [0, 0.5] with h(p) = y (bisection, 60 steps: exact to double precision).</summary>
    public static double Inverse(double y)
    {
        if (y <= 0)
        {
            return 0;
        }

        if (y >= 1)
        {
            return 0.5;
        }

        double lo = 0;
        double hi = 0.5;
        for (int i = 0; i < 60; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (Of(mid) < y)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return 0.5 * (lo + hi);
    }

    /// <summary>Reconciliation efficiency f = disclosed / (n·h(qber)).</summary>
    public static double Efficiency(int disclosedBits, int blockLength, double qber) => disclosedBits / (blockLength * Of(qber));
}
