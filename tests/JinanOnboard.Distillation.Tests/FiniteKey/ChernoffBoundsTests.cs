using JinanOnboard.Distillation.FiniteKey;

namespace JinanOnboard.Distillation.Tests.FiniteKey;

public sealed class ChernoffBoundsTests
{
    private static readonly double LnEpsilon = Math.Log(1e-10 / 21);

    private static void AssertRelative(double expected, double actual, double tolerance)
    {
        double relative = Math.Abs(actual - expected) / Math.Abs(expected);
        Assert.True(relative <= tolerance, $"expected {expected:R}, got {actual:R} (relative error {relative:E2})");
    }

    [Fact]
    public void Lower_of_1000_matches_reference()
        => AssertRelative(788.6958389802, ChernoffBounds.Lower(1000, LnEpsilon), 1e-9);

    [Fact]
    public void Upper_of_1000_matches_reference()
        => AssertRelative(1246.0445373791, ChernoffBounds.Upper(1000, LnEpsilon), 1e-9);

    [Fact]
    public void Upper_of_0_is_minus_ln_epsilon_and_matches_reference()
    {
        AssertRelative(26.0703733677, ChernoffBounds.Upper(0, LnEpsilon), 1e-9);
        Assert.Equal(-LnEpsilon, ChernoffBounds.Upper(0, LnEpsilon));
    }

    [Fact]
    public void Lower_of_0_is_0() => Assert.Equal(0, ChernoffBounds.Lower(0, LnEpsilon));

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(57)]
    [InlineData(1000)]
    [InlineData(235112)]
    [InlineData(5e9)]
    public void Bounds_solve_their_defining_equations_and_bracket_the_count(double x)
    {
        double lower = ChernoffBounds.Lower(x, LnEpsilon);
        double upper = ChernoffBounds.Upper(x, LnEpsilon);
        Assert.InRange(lower, 0, x);
        Assert.True(upper > x);

        // finite-key.md: (x/(1+δ))(δ − (1+δ) ln(1+δ)) = ln ε with δ = x/E^L − 1.
        double deltaL = (x / lower) - 1;
        double lhsL = lower * (deltaL - ((1 + deltaL) * Math.Log(1 + deltaL)));
        AssertRelative(LnEpsilon, lhsL, 1e-9);

        // (x/(1−δ))(−δ − (1−δ) ln(1−δ)) = ln ε with δ = 1 − x/E^U.
        double deltaU = 1 - (x / upper);
        double lhsU = upper * (-deltaU - ((1 - deltaU) * Math.Log(1 - deltaU)));
        AssertRelative(LnEpsilon, lhsU, 1e-9);
    }

    [Fact]
    public void Bounds_tighten_relatively_as_counts_grow()
    {
        double small = ChernoffBounds.Upper(100, LnEpsilon) / 100;
        double large = ChernoffBounds.Upper(1e6, LnEpsilon) / 1e6;
        Assert.True(large < small);
        Assert.True(ChernoffBounds.Lower(1e6, LnEpsilon) / 1e6 > ChernoffBounds.Lower(100, LnEpsilon) / 100);
    }

    [Theory]
    [InlineData(-1.0, -20.0)]
    [InlineData(double.NaN, -20.0)]
    [InlineData(double.PositiveInfinity, -20.0)]
    [InlineData(10.0, 0.0)]
    [InlineData(10.0, 1.0)]
    [InlineData(10.0, double.NegativeInfinity)]
    public void Out_of_range_arguments_throw(double x, double lnEpsilon)
    {
        Assert.ThrowsAny<ArgumentException>(() => ChernoffBounds.Lower(x, lnEpsilon));
        Assert.ThrowsAny<ArgumentException>(() => ChernoffBounds.Upper(x, lnEpsilon));
    }
}
