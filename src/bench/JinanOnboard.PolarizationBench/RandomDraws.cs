using JinanOnboard.Primitives.Randomness;

namespace JinanOnboard.PolarizationBench;

/// <summary>Normal and Poisson draws from a <see cref="SplitMix64"/> stream (no System.Random: seed-derivation.md).</summary>
internal static class RandomDraws
{
    /// <summary>Standard normal by the Box–Muller transform (one of the pair is used, so each draw costs two doubles).</summary>
    public static double StandardNormal(ref SplitMix64 random)
    {
        double u = 1.0 - random.NextDouble();
        double v = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }

    /// <summary>
    /// Poisson variate of mean <paramref name="mean"/>: multiplication of uniforms below 10, otherwise Hörmann's
    /// transformed rejection with squeeze (PTRS), "The transformed rejection method for generating Poisson random
    /// variables", Insurance: Mathematics and Economics 12, 39 (1993), valid for mean ≥ 10.
    /// </summary>
    public static long Poisson(double mean, ref SplitMix64 random)
    {
        if (!(mean > 0))
        {
            return 0;
        }

        if (mean < 10)
        {
            double limit = Math.Exp(-mean);
            double product = random.NextDouble();
            long k = 0;
            while (product > limit)
            {
                k++;
                product *= random.NextDouble();
            }

            return k;
        }

        double slam = Math.Sqrt(mean);
        double logMean = Math.Log(mean);
        double b = 0.931 + (2.53 * slam);
        double a = -0.059 + (0.02483 * b);
        double invAlpha = 1.1239 + (1.1328 / (b - 3.4));
        double vr = 0.9277 - (3.6224 / (b - 2));
        while (true)
        {
            double u = random.NextDouble() - 0.5;
            double v = random.NextDouble();
            double us = 0.5 - Math.Abs(u);
            long k = (long)Math.Floor((((2 * a / us) + b) * u) + mean + 0.43);
            if (us >= 0.07 && v <= vr)
            {
                return k;
            }

            if (k < 0 || (us < 0.013 && v > us))
            {
                continue;
            }

            if (Math.Log(v) + Math.Log(invAlpha) - Math.Log((a / (us * us)) + b) <= -mean + (k * logMean) - LogFactorial(k))
            {
                return k;
            }
        }
    }

    /// <summary>ln k!: exact sum below 20, Stirling's series with three correction terms above (error &lt; 1e-12).</summary>
    private static double LogFactorial(long k)
    {
        if (k < 20)
        {
            double s = 0;
            for (long i = 2; i <= k; i++)
            {
                s += Math.Log(i);
            }

            return s;
        }

        double x = k + 1.0;
        double inv = 1.0 / x;
        double inv2 = inv * inv;
        return ((x - 0.5) * Math.Log(x)) - x + (0.5 * Math.Log(2 * Math.PI)) + (inv * ((1.0 / 12) - (inv2 * ((1.0 / 360) - (inv2 / 1260)))));
    }
}
