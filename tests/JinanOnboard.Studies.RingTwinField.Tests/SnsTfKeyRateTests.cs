using JinanOnboard.Studies.RingTwinField.KeyRate;

namespace JinanOnboard.Studies.RingTwinField.Tests;

public sealed class SnsTfKeyRateTests
{
    private static readonly SnsTfSettings Settings = new();
    private static readonly Lazy<SnsTfRateTable> Table = new(() => new SnsTfRateTable(1e9, 100, Settings, stepDb: 1, maxLossDb: 90));

    [Fact]
    public void No_transmittance_gives_no_key()
    {
        Assert.Equal(0, SnsTfFiniteKey.Evaluate(SnsTfOptimizer.DefaultStart, 0, 0, 1e11, Settings).SecretBits);
        Assert.Equal(0, Table.Value.RateBitsPerS(double.PositiveInfinity));
    }

    [Fact]
    public void At_high_loss_the_rate_scales_as_the_square_root_of_the_transmittance()
    {
        // 20 dB more total loss is 10 dB per arm: a √η protocol loses a factor 10, a BB84-like (η) one a factor 100.
        // Finite-size terms and dark counts steepen it a little at 1e11-pulse blocks (the model gives ~0.064 here).
        double ratio = Table.Value.RateBitsPerS(55) / Table.Value.RateBitsPerS(35);
        Assert.InRange(ratio, 0.05, 0.15);
    }

    [Fact]
    public void The_rate_falls_with_loss_and_stops_at_a_finite_maximum()
    {
        SnsTfRateTable t = Table.Value;
        for (double l = 0; l + 1 <= t.MaxLossWithKeyDb; l += 1)
        {
            Assert.True(t.RateBitsPerS(l + 1) < t.RateBitsPerS(l), $"rate rises between {l} and {l + 1} dB");
        }

        Assert.InRange(t.MaxLossWithKeyDb, 70, 90);
        Assert.Equal(0, t.RateBitsPerS(t.MaxLossWithKeyDb + 2));
    }

    [Fact]
    public void Larger_blocks_give_more_key_per_pulse()
    {
        double eta = Math.Pow(10, -2.5); // 50 dB total
        double small = SnsTfOptimizer.Optimize(eta, eta, 1e10, Settings).Block.SecretBits / 1e10;
        double large = SnsTfOptimizer.Optimize(eta, eta, 1e13, Settings).Block.SecretBits / 1e13;
        Assert.True(large > small, $"{large} per pulse at 1e13 vs {small} at 1e10");
    }

    [Fact]
    public void Z_window_errors_come_only_from_both_or_neither_sending()
    {
        // Without dark counts and with ε → the "one sends" events dominate; the error rate is ε²S_both / (2ε S_one) order.
        var ideal = Settings with { DarkCountProbability = 0 };
        SnsTfBlock block = SnsTfFiniteKey.Evaluate(new SnsTfParameters(0.9, 0.01, 0.3, 0.05, 0.3), 1e-2, 1e-2, 1e12, ideal);
        Assert.InRange(block.ZBitErrorRate, 0, 0.01);
        Assert.Equal(0, SnsTfChannel.Vacuum(0));
        Assert.Equal(2 * Math.Exp(-0.05) * -double.ExpM1(-0.05), SnsTfChannel.OneSided(0.1, 0), 1e-15);
    }
}
