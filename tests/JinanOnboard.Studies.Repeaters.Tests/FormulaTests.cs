using JinanOnboard.Studies.Repeaters.Key;
using JinanOnboard.Studies.Repeaters.Simulation;

namespace JinanOnboard.Studies.Repeaters.Tests;

public sealed class FormulaTests
{
    [Fact]
    public void Dephasing_starts_at_zero_reaches_one_half_and_is_one_minus_one_over_e_over_two_at_T2()
    {
        Assert.Equal(0, MemoryDephasing.FlipProbability(0, 1.0));
        Assert.Equal((1 - Math.Exp(-1)) / 2, MemoryDephasing.FlipProbability(2.0, 2.0), 15);
        Assert.Equal(0.5, MemoryDephasing.FlipProbability(1e6, 1.0), 15);
        Assert.Equal(0, MemoryDephasing.FlipProbability(1e6, double.PositiveInfinity));
    }

    [Fact]
    public void Two_flip_channels_compose_by_multiplying_their_biases()
    {
        // p1 = 0.1, p2 = 0.2: odd parity with probability 0.1·0.8 + 0.9·0.2 = 0.26.
        Assert.Equal(0.26, MemoryDephasing.ErrorOfBias((1 - 0.2) * (1 - 0.4)), 15);
    }

    [Fact]
    public void The_secret_fraction_is_one_without_errors_and_negative_past_the_threshold()
    {
        Assert.Equal(1.0, RepeaterKeyRate.SecretFraction(0, 0, 1.16));
        Assert.Equal(1 - (2.16 * 0.4689955935892812), RepeaterKeyRate.SecretFraction(0.1, 0.1, 1.16), 12); // h(0.1) = 0.46899...
        Assert.True(RepeaterKeyRate.SecretFraction(0.12, 0.12, 1.0) < 0);
        Assert.Equal(0, RepeaterKeyRate.LowerBoundBitsPerS(100, 0.2, 0.2, 1.16));
        Assert.Equal(100, RepeaterKeyRate.LowerBoundBitsPerS(100, 0, 0, 1.16));
    }

    [Fact]
    public void The_PLOB_bound_is_one_bit_at_half_transmittance_and_eta_over_ln2_for_small_eta()
    {
        Assert.Equal(1.0, RepeaterKeyRate.PlobBitsPerUse(0.5), 15);
        Assert.Equal(1.0, RepeaterKeyRate.PlobBitsPerUse(1e-9) / (1e-9 / Math.Log(2)), 8);
        Assert.Equal(0, RepeaterKeyRate.PlobBitsPerUse(0));
    }
}
