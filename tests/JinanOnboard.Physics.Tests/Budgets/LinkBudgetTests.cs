using JinanOnboard.Physics.Budgets;
using JinanOnboard.Physics.Parameters;

namespace JinanOnboard.Physics.Tests.Budgets;

public sealed class LinkBudgetTests
{
    [Fact]
    public void Micius_downlink_at_1000_km_and_30_deg_matches_the_hand_calculation()
    {
        var calc = new LinkBudgetCalculator(PhysicsParameterSet.Named("micius-downlink"));
        LinkBudget b = calc.Compute(1000, 30);
        // ω_r = sqrt((1550e-9/(π·10e-6))² + (10e-6·1e6)²) = sqrt(0.049338² + 10²) = 10.0001217 m.
        Assert.Equal(10.0001217, b.BeamRadiusAtReceiverM, 1e-6);
        // T_geo = 1 - exp(-1.2²/(2·10.0001217²)) = 1 - exp(-0.00719982) = 0.00717396 -> 21.4424 dB.
        Assert.Equal(21.4424, b.GeometricLossDb, 1e-3);
        // T_atm = exp(-0.22 · csc 30°) = exp(-0.44) -> 0.44 · 10 log10(e) = 1.9109 dB.
        Assert.Equal(1.9109, b.AtmosphereLossDb, 1e-3);
        Assert.Equal(2.0, b.PointingLossDb);
        Assert.Equal(3.0, b.CouplingLossDb);
        Assert.Equal(3.0, b.DetectorLossDb);
        Assert.Equal(21.4424 + 1.9109 + 8.0, b.TotalLossDb, 1e-3);
        Assert.Equal(Math.Pow(10, -b.TotalLossDb / 10), b.Transmittance, 1e-15);
    }

    [Fact]
    public void Cloud_index_scales_the_atmosphere_and_overcast_blocks_the_link()
    {
        var calc = new LinkBudgetCalculator(PhysicsParameterSet.Named("micius-downlink"));
        double clear = calc.Compute(800, 45).AtmosphereLossDb;
        // (150 - 75)/150 = 1/2 -> +3.0103 dB.
        Assert.Equal(clear + 3.0103, calc.Compute(800, 45, cloudIndex: 75).AtmosphereLossDb, 1e-4);
        LinkBudget overcast = calc.Compute(800, 45, cloudIndex: 150);
        Assert.True(double.IsPositiveInfinity(overcast.TotalLossDb));
        Assert.Equal(0.0, overcast.Transmittance);
    }

    [Fact]
    public void Jinan1_uses_the_dynamic_pointing_loss()
    {
        var calc = new LinkBudgetCalculator(PhysicsParameterSet.Named("jinan1"));
        Assert.Equal(0.0, calc.Compute(600, 60, pointingErrorUrad: 0).PointingLossDb, 12);
        // θe = θd = 4.5 µrad: exp(-2) -> 20 log10(e) = 8.6859 dB.
        Assert.Equal(8.6859, calc.Compute(600, 60, pointingErrorUrad: 4.5).PointingLossDb, 1e-4);
        // Configured default 1.6 µrad: 2·(1.6/4.5)²·4.3429 = 1.0981 dB.
        Assert.Equal(1.0981, calc.Compute(600, 60).PointingLossDb, 1e-4);
        LinkBudget b = calc.Compute(600, 60, pointingErrorUrad: 0);
        // Optics: -10 log10(0.49) = 3.0980 dB; detector: -10 log10(0.6) = 2.2185 dB.
        Assert.Equal(3.0980, b.OpticsLossDb, 1e-4);
        Assert.Equal(2.2185, b.DetectorLossDb, 1e-4);
    }

    [Fact]
    public void Downlink_loss_grows_with_range_and_falls_with_elevation()
    {
        var calc = new LinkBudgetCalculator(PhysicsParameterSet.Named("jinan1"));
        Assert.True(calc.Compute(1200, 30).GeometricLossDb > calc.Compute(600, 30).GeometricLossDb);
        Assert.True(calc.Compute(600, 15).AtmosphereLossDb > calc.Compute(600, 60).AtmosphereLossDb);
        // Far field: doubling the range costs ~6 dB of geometric loss.
        Assert.Equal(6.02, calc.Compute(1600, 30).GeometricLossDb - calc.Compute(800, 30).GeometricLossDb, 0.05);
    }

    [Fact]
    public void Hufnagel_valley_integral_matches_its_closed_form()
    {
        // ∫0^Z C0 e^(-z/100) = 100 C0 (1 - e^(-Z/100)); ∫ 2.7e-16 e^(-z/1500) = 2.7e-16 · 1500 (1 - e^(-Z/1500));
        // ∫ 0.00594 (v/27)² 1e-50 z^10 e^(-z/1000) = 0.00594 (v/27)² 1e-50 · 1000^11 · γ(11, Z/1000).
        const double z = 20000;
        const double c0 = 1.7e-14;
        double w = 21.0 / 27.0;
        double gammaLower = Factorial(10) * (1 - (Math.Exp(-20) * Enumerable.Range(0, 11).Sum(k => Math.Pow(20, k) / Factorial(k))));
        double expected = (100 * c0 * (1 - Math.Exp(-z / 100))) + (2.7e-16 * 1500 * (1 - Math.Exp(-z / 1500)))
            + (0.00594 * w * w * 1e-50 * Math.Pow(1000, 11) * gammaLower);
        Assert.Equal(expected, LinkPhysics.IntegratedCn2(z, 21, c0), expected * 1e-6);
    }

    [Fact]
    public void Micius_uplink_at_zenith_matches_the_hand_calculation()
    {
        PhysicsParameterSet set = PhysicsParameterSet.Named("micius-uplink");
        var calc = new LinkBudgetCalculator(set);
        LinkBudget b = calc.Compute(500, 90);
        double integral = LinkPhysics.IntegratedCn2(20000, 21, 1.7e-14);
        double k = 2 * Math.PI / 780e-9;
        double r0 = Math.Pow(0.423 * k * k * integral, -0.6);
        Assert.Equal(r0, b.FriedParameterM, 1e-12);
        Assert.InRange(r0, 0.02, 0.1); // a few cm at 780 nm for C0 = 1.7e-14 (strong ground turbulence)
        double diffraction = 500e3 * 780e-9 / (0.632 * Math.PI * 0.065);
        double beam = diffraction * Math.Pow(1 + (0.83 * Math.Pow(0.13 / r0, 5.0 / 3.0)), 0.6);
        Assert.Equal(beam, b.BeamRadiusAtReceiverM, 1e-9);
        double geoDb = -10 * Math.Log10(1 - Math.Exp(-2 * 0.15 * 0.15 / (diffraction * diffraction)));
        double allDb = -10 * Math.Log10(1 - Math.Exp(-2 * 0.15 * 0.15 / (beam * beam)));
        Assert.Equal(geoDb, b.GeometricLossDb, 1e-9);
        Assert.Equal(allDb - geoDb, b.TurbulenceLossDb, 1e-9);
        Assert.Equal(1.5 + 1.5, b.OpticsLossDb, 1e-12);
        Assert.Equal(5.9, b.CouplingLossDb);
        Assert.Equal(3.0, b.DetectorLossDb);
        // Turbulence gets worse towards the horizon.
        Assert.True(calc.Compute(1200, 20).TurbulenceLossDb > b.TurbulenceLossDb);
    }

    [Fact]
    public void Inter_satellite_link_uses_gaussian_spreading_and_the_documented_pointing_form()
    {
        var calc = new LinkBudgetCalculator(PhysicsParameterSet.Named("ring-constellation"));
        LinkBudget b = calc.Compute(2000, double.NaN);
        // z_R = π 0.15²/850e-9 = 83,158 m; w(2000 km) = 0.15 sqrt(1 + (2e6/83158)²) = 3.6106 m.
        Assert.Equal(3.6106, b.BeamRadiusAtReceiverM, 1e-3);
        Assert.Equal(-10 * Math.Log10(1 - Math.Exp(-2 * 0.15 * 0.15 / (b.BeamRadiusAtReceiverM * b.BeamRadiusAtReceiverM))), b.GeometricLossDb, 1e-9);
        // θ = λ/(π w0) = 1.8038 µrad; T = 1/(1 + 4·0.5²/1.8038²) = 0.7650 -> 1.1635 dB.
        Assert.Equal(1.1635, b.PointingLossDb, 1e-3);
        Assert.Equal(-10 * Math.Log10(0.5), b.DetectorLossDb, 1e-12);
        Assert.Equal(0, b.AtmosphereLossDb);
    }

    [Fact]
    public void Mean_pointing_form_is_the_average_of_the_instantaneous_loss_over_gaussian_jitter()
    {
        var random = new Random(20260310);
        const double sigma = 1.0;
        const double theta = 2.0;
        double sum = 0;
        const int n = 200_000;
        for (int i = 0; i < n; i++)
        {
            double x = sigma * Gaussian(random);
            double y = sigma * Gaussian(random);
            sum += LinkPhysics.PointingTransmittance(Math.Sqrt((x * x) + (y * y)), theta);
        }

        // 1/(1 + 4·1/4) = 0.5; the Monte Carlo standard error is ~0.0007.
        Assert.Equal(LinkPhysics.MeanPointingTransmittance(sigma, theta), sum / n, 0.003);
    }

    [Fact]
    public void Impossible_geometry_is_rejected()
    {
        var calc = new LinkBudgetCalculator(PhysicsParameterSet.Named("jinan1"));
        Assert.Throws<ArgumentOutOfRangeException>(() => calc.Compute(-1, 30));
        Assert.Throws<ArgumentOutOfRangeException>(() => calc.Compute(500, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => calc.Compute(500, 30, cloudIndex: 151));
        Assert.Throws<ArgumentOutOfRangeException>(() => calc.Compute(500, 30, pointingErrorUrad: -1));
    }

    private static double Factorial(int k) => Enumerable.Range(1, k).Aggregate(1.0, (a, b) => a * b);

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
