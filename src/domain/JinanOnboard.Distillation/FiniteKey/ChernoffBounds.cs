namespace JinanOnboard.Distillation.FiniteKey;

/// <summary>
/// Multiplicative Chernoff bounds on the expected value of an observed count
/// (finite-key.md "Chernoff bounds on expected counts"; Zhang et al., PRA 95, 012333 (2017)).
/// </summary>
public static class ChernoffBounds
{
    /// <summary>
    /// Lower bound E^L(x) = x / (1 + δ), where δ &gt; 0 solves (x/(1+δ))(δ − (1+δ) ln(1+δ)) = ln ε.
    /// E^L(0) = 0.
    /// </summary>
    /// <param name="observed">The observed count x (&gt;= 0).</param>
    /// <param name="lnEpsilon">ln ε, the natural log of the failure probability (&lt; 0).</param>
    public static double Lower(double observed, double lnEpsilon)
    {
        Validate(observed, lnEpsilon);
        if (observed == 0)
        {
            return 0;
        }

        // Dividing the defining equation by x/(1+δ) gives δ/(1+δ) − ln(1+δ) = ln ε / x, a function that
        // falls strictly from 0 as δ grows, so bisection on it brackets exactly one root.
        double target = lnEpsilon / observed;
        double lo = 0;
        double hi = 1;
        while (LowerFunction(hi) > target)
        {
            lo = hi;
            hi *= 2;
        }

        double delta = Bisect(LowerFunction, target, lo, hi);
        return observed / (1 + delta);
    }

    /// <summary>
    /// Upper bound E^U(x) = x / (1 − δ), where 0 &lt; δ &lt; 1 solves (x/(1−δ))(−δ − (1−δ) ln(1−δ)) = ln ε.
    /// E^U(0) = −ln ε.
    /// </summary>
    /// <param name="observed">The observed count x (&gt;= 0).</param>
    /// <param name="lnEpsilon">ln ε, the natural log of the failure probability (&lt; 0).</param>
    public static double Upper(double observed, double lnEpsilon)
    {
        Validate(observed, lnEpsilon);
        if (observed == 0)
        {
            return -lnEpsilon;
        }

        // −δ/(1−δ) − ln(1−δ) = ln ε / x; the left side falls strictly from 0 (δ = 0) to −∞ (δ → 1).
        double target = lnEpsilon / observed;
        double delta = Bisect(UpperFunction, target, 0, 1);
        return observed / (1 - delta);
    }

    private static double LowerFunction(double delta) => (delta / (1 + delta)) - Log1P(delta);

    private static double UpperFunction(double delta) => (-delta / (1 - delta)) - Log1P(-delta);

    /// <summary>
    /// Bisection on a strictly decreasing function until the bracket cannot shrink any more in
    /// double precision (finite-key.md asks for full double precision).
    /// </summary>
    private static double Bisect(Func<double, double> decreasing, double target, double lo, double hi)
    {
        while (true)
        {
            double mid = lo + ((hi - lo) / 2);
            if (mid <= lo || mid >= hi)
            {
                // Return whichever end is closer to the root.
                return Math.Abs(decreasing(lo) - target) <= Math.Abs(decreasing(hi) - target) ? lo : hi;
            }

            if (decreasing(mid) > target)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }
    }

    /// <summary>ln(1 + x) accurate for small |x| (Kahan's trick: the rounding of 1 + x cancels).</summary>
    internal static double Log1P(double x)
    {
        double u = 1 + x;
        if (u == 1)
        {
            return x;
        }

        return Math.Log(u) * x / (u - 1);
    }

    private static void Validate(double observed, double lnEpsilon)
    {
        if (!(observed >= 0) || double.IsInfinity(observed))
        {
            throw new ArgumentOutOfRangeException(nameof(observed), observed, "The observed count must be a finite number >= 0.");
        }

        if (!(lnEpsilon < 0) || double.IsInfinity(lnEpsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(lnEpsilon), lnEpsilon, "ln(epsilon) must be finite and < 0 (epsilon in (0,1)).");
        }
    }
}
