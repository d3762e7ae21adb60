using JinanOnboard.Primitives.Randomness;
using Xunit;

namespace JinanOnboard.Primitives.Tests.Randomness;

public class GaussianStreamTests
{
    private const int Draws = 1_000_000;

    [Fact]
    public void Moments_and_tails_are_those_of_a_standard_normal()
    {
        var stream = new GaussianStream(42);
        double sum = 0, sum2 = 0, sum4 = 0;
        int beyond1 = 0, beyond2 = 0, beyond3 = 0, beyondR = 0, negative = 0;
        for (int i = 0; i < Draws; i++)
        {
            double z = stream.Next();
            sum += z;
            sum2 += z * z;
            sum4 += z * z * z * z;
            double a = Math.Abs(z);
            beyond1 += a > 1 ? 1 : 0;
            beyond2 += a > 2 ? 1 : 0;
            beyond3 += a > 3 ? 1 : 0;
            beyondR += a > 3.442619855899 ? 1 : 0;
            negative += z < 0 ? 1 : 0;
        }

        double mean = sum / Draws;
        double variance = (sum2 / Draws) - (mean * mean);
        Assert.InRange(mean, -0.005, 0.005); // 5σ of the mean at n = 10⁶
        Assert.InRange(variance, 0.993, 1.007);
        Assert.InRange(sum4 / Draws, 2.95, 3.05); // kurtosis 3
        Assert.InRange(negative / (double)Draws, 0.4975, 0.5025);

        // Two-sided tail probabilities of N(0, 1): 0.31731, 0.045500, 0.0026998, and beyond the ziggurat's R 0.000576.
        Assert.InRange(beyond1 / (double)Draws, 0.3150, 0.3196);
        Assert.InRange(beyond2 / (double)Draws, 0.0444, 0.0466);
        Assert.InRange(beyond3 / (double)Draws, 0.00245, 0.00295);
        Assert.InRange(beyondR / (double)Draws, 0.00046, 0.00069); // the tail sampler, not only the layers
    }

    [Fact]
    public void Histogram_follows_the_normal_density_across_the_layers_and_wedges()
    {
        // 60 bins of width 0.1 over [−3, 3]: each bin's count within 5σ of its expectation n·(Φ(b) − Φ(a)).
        var stream = new GaussianStream(7);
        var counts = new int[60];
        for (int i = 0; i < Draws; i++)
        {
            double z = stream.Next();
            int bin = (int)Math.Floor((z + 3) * 10);
            if (bin is >= 0 and < 60)
            {
                counts[bin]++;
            }
        }

        for (int b = 0; b < 60; b++)
        {
            double p = Phi(-3 + ((b + 1) * 0.1)) - Phi(-3 + (b * 0.1));
            double expected = Draws * p;
            double sigma = Math.Sqrt(expected * (1 - p));
            Assert.True(Math.Abs(counts[b] - expected) < 5 * sigma, $"bin {b}: {counts[b]} vs {expected:F0}");
        }
    }

    [Fact]
    public void Same_seed_gives_the_same_deviates_and_a_label_its_own_stream()
    {
        GaussianStream a = GaussianStream.Derived(1, "apt.jitter-x");
        GaussianStream b = GaussianStream.Derived(1, "apt.jitter-x");
        GaussianStream c = GaussianStream.Derived(1, "apt.jitter-y");
        bool differs = false;
        for (int i = 0; i < 1000; i++)
        {
            double x = a.Next();
            Assert.Equal(x, b.Next());
            differs |= x != c.Next();
        }

        Assert.True(differs);
    }

    // Φ by the complementary error function's series-free Abramowitz & Stegun 7.1.26 would be too coarse for 5σ bins;
    // integrate the density instead (Simpson, 2000 panels from −8).
    private static double Phi(double x)
    {
        const int panels = 2000;
        double a = -8, h = (x - a) / panels, s = Density(a) + Density(x);
        for (int i = 1; i < panels; i++)
        {
            s += (i % 2 == 1 ? 4 : 2) * Density(a + (i * h));
        }

        return s * h / 3;
    }

    private static double Density(double x) => Math.Exp(-0.5 * x * x) / Math.Sqrt(2 * Math.PI);
}
