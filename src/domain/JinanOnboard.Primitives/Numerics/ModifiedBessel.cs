namespace JinanOnboard.Primitives.Numerics;

/// <summary>
/// The modified Bessel function of the first kind, order zero, I_0(x) = Σ_k (x/2)^(2k) / (k!)², which the
/// phase-averaged two-source interference click probabilities contain (MDI-QKD: Xu, Curty, Qi &amp; Lo, NJP 15, 113007
/// (2013), appendix B; SNS-TF-QKD Z windows). Abramowitz &amp; Stegun 9.6.10 (series) and 9.7.1 (asymptotic form).
/// </summary>
public static class ModifiedBessel
{
    private const double SeriesLimit = 500;

    /// <summary>I_0(x); even in x. The series is summed to full precision below |x| = 500 (all terms positive: no cancellation), the asymptotic form is used above.</summary>
    public static double I0(double x)
    {
        double ax = Math.Abs(x);
        if (ax < SeriesLimit)
        {
            double term = 1;
            double sum = 1;
            double q = ax * ax / 4;
            for (int k = 1; k < 2000; k++)
            {
                term *= q / ((double)k * k);
                sum += term;
                if (term < sum * 1e-17)
                {
                    break;
                }
            }

            return sum;
        }

        // A&S 9.7.1: I_0(x) ~ e^x / sqrt(2πx) · (1 + 1/(8x) + 9/(2(8x)²) + 225/(6(8x)³)); the first omitted term is below 2e-12 at x = 500.
        double t = 1 / (8 * ax);
        return Math.Exp(ax) / Math.Sqrt(2 * Math.PI * ax) * (1 + t + (4.5 * t * t) + (37.5 * t * t * t));
    }

    /// <summary>e^(-x) I_0(x) for x ≥ 0, which stays finite where I_0 alone overflows (x above ~700).</summary>
    public static double I0Scaled(double x)
    {
        double ax = Math.Abs(x);
        if (ax < SeriesLimit)
        {
            return Math.Exp(-ax) * I0(ax);
        }

        double t = 1 / (8 * ax);
        return 1 / Math.Sqrt(2 * Math.PI * ax) * (1 + t + (4.5 * t * t) + (37.5 * t * t * t));
    }
}
