namespace JinanOnboard.Ldpc;

/// <summary>Binary entropy h(p) and its inverse, used for efficiency f = m / (n·h(QBER)).</summary>
public static class BinaryEntropy
{
    /// <summary>h(p) = −p log2 p − (1−p) log2(1−p); h(0) = h(1) = 0.</summary>
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
