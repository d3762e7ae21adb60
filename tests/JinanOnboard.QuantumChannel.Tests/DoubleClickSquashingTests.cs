using JinanOnboard.QuantumChannel.Profiles;
using JinanOnboard.QuantumChannel.Simulation;

namespace JinanOnboard.QuantumChannel.Tests;

public sealed class DoubleClickSquashingTests
{
    [Theory]
    [InlineData(0b0001, 0)]
    [InlineData(0b0010, 1)]
    [InlineData(0b0100, 2)]
    [InlineData(0b1000, 3)]
    public void A_single_click_is_kept(int mask, int channel)
    {
        Assert.Equal(channel, DoubleClickSquashing.Resolve(mask, 0));
        Assert.Equal(channel, DoubleClickSquashing.Resolve(mask, ulong.MaxValue));
    }

    [Fact]
    public void Both_detectors_of_a_basis_give_that_basis_and_a_random_bit()
    {
        Assert.Equal(0, DoubleClickSquashing.Resolve(0b0011, 0));
        Assert.Equal(1, DoubleClickSquashing.Resolve(0b0011, 1));
        Assert.Equal(2, DoubleClickSquashing.Resolve(0b1100, 0b10));
        Assert.Equal(3, DoubleClickSquashing.Resolve(0b1100, 0b11));
    }

    [Fact]
    public void Clicks_in_both_bases_give_a_random_basis_then_its_own_bit()
    {
        // H and A: basis bit 0 picks Z (H), basis bit 1 picks X (A).
        Assert.Equal(0, DoubleClickSquashing.Resolve(0b1001, 0b00));
        Assert.Equal(3, DoubleClickSquashing.Resolve(0b1001, 0b10));
        int[] counts = new int[4];
        var random = new Random(1);
        for (int i = 0; i < 40_000; i++)
        {
            counts[DoubleClickSquashing.Resolve(0b1111, (ulong)random.NextInt64())]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
    }

    [Fact]
    public void Empty_and_invalid_masks()
    {
        Assert.Equal(-1, DoubleClickSquashing.Resolve(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DoubleClickSquashing.Resolve(16, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DoubleClickSquashing.Resolve(-1, 0));
    }
}
