using JinanOnboard.Primitives.Information;

namespace JinanOnboard.Primitives.Tests.Information;

public sealed class BinaryEntropyTests
{
    [Fact]
    public void Binary_entropy_and_its_inverse_agree()
    {
        Assert.Equal(0.1414, BinaryEntropy.Of(0.02), 4);
        Assert.Equal(1.0, BinaryEntropy.Of(0.5), 12);
        foreach (double p in new[] { 0.005, 0.02, 0.11, 0.3 })
        {
            Assert.Equal(p, BinaryEntropy.Inverse(BinaryEntropy.Of(p)), 9);
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void Entropy_is_zero_at_and_beyond_the_ends(double p) => Assert.Equal(0.0, BinaryEntropy.Of(p));

    [Fact]
    public void Entropy_is_symmetric_and_inverse_returns_the_lower_branch()
    {
        Assert.Equal(BinaryEntropy.Of(0.03), BinaryEntropy.Of(0.97), 15);
        Assert.Equal(0.0, BinaryEntropy.Inverse(0));
        Assert.Equal(0.5, BinaryEntropy.Inverse(1));
        Assert.InRange(BinaryEntropy.Inverse(BinaryEntropy.Of(0.97)), 0.029999, 0.030001);
    }

    [Fact]
    public void Efficiency_is_disclosed_bits_over_n_times_entropy()
    {
        // 15 744 syndrome bits for 100 000 bits at 2 %: the book's 2 % code (ldpc-codes.md §8, f = 1.113).
        Assert.Equal(1.1131, BinaryEntropy.Efficiency(15_744, 100_000, 0.02), 4);
    }
}
