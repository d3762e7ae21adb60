using JinanOnboard.Primitives.Numerics;

namespace JinanOnboard.Primitives.Tests.Numerics;

public sealed class ModifiedBesselTests
{
    [Theory]
    // Abramowitz & Stegun table 9.8 / standard values of I_0.
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 1.2660658777520082)]
    [InlineData(2.5, 3.2898391440501231)]
    [InlineData(10.0, 2815.7166284662544)]
    public void I0_matches_tabulated_values(double x, double expected)
    {
        Assert.Equal(expected, ModifiedBessel.I0(x), expected * 1e-14);
        Assert.Equal(expected, ModifiedBessel.I0(-x), expected * 1e-14);
    }

    [Fact]
    public void The_series_and_the_asymptotic_form_meet_at_the_switch()
    {
        // Just below and above x = 500 the two forms agree: e^-x I_0(x) itself moves by only 2e-9 (relative) over the
        // 2e-6 step, while a wrong 1/(8x) or 9/(2(8x)²) term would jump by 2.5e-4 or 2.8e-7.
        double below = ModifiedBessel.I0Scaled(499.999999);
        Assert.Equal(below, ModifiedBessel.I0Scaled(500.000001), below * 1e-8);
        Assert.Equal(Math.Exp(-3) * ModifiedBessel.I0(3), ModifiedBessel.I0Scaled(3), 1e-16);
    }
}
