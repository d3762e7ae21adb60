using JinanOnboard.Studies.MdiFeasibility.KeyRate;

namespace JinanOnboard.Studies.MdiFeasibility.Tests;

public sealed class MdiKeyRateTests
{
    private static readonly MdiProtocol Micius = MdiProtocol.MiciusUplink;

    [Fact]
    public void No_transmittance_gives_no_key()
    {
        Assert.Equal(0, MdiKeyRate.PerPulse(MdiIntensities.Fixed, 0, 0, Micius));
        Assert.Equal(0, MdiKeyRate.PerPulse(MdiIntensities.Fixed, 0.5, 0, Micius));
        Assert.Equal(0, MdiIntensityOptimizer.Optimize(0, 0, Micius).RatePerPulse);
    }

    [Theory]
    // Reference values from an independent script of the printed formulas (Xu, Curty, Qi & Lo 2013 appendix B, the
    // decoy bound of MdiDecoyBounds, I_0 by its series): μ = 0.5, ν = 0.1 on both sides, Micius protocol figures.
    [InlineData(1e-1, 6.87512189001063e-05, 0.004368639301048277, 0.09340347266248013)]
    [InlineData(1e-2, 1.8735787278456508e-07, 4.260789590007993e-05, 0.10568582735976301)]
    public void Symmetric_channel_matches_the_hand_computation(double eta, double rate, double y11, double e11)
    {
        MdiRateTerms terms = MdiKeyRate.Evaluate(MdiIntensities.Fixed, eta, eta, Micius);

        // 1e-6 relative: the script sums the printed forms, which lose ~8 digits to cancellation at 40 dB; the model does not.
        Assert.Equal(rate, terms.RatePerPulse, rate * 1e-6);
        Assert.Equal(y11, terms.SinglePhotonYieldLower, y11 * 1e-9);
        Assert.Equal(e11, terms.SinglePhotonErrorUpper, 1e-9);
    }

    [Fact]
    public void At_60_dB_fixed_intensities_give_no_key_and_the_printed_rate_is_negative()
    {
        // The script gives R = -1.62e-8 at η = 1e-3 per side: clamped to 0.
        Assert.Equal(0, MdiKeyRate.PerPulse(MdiIntensities.Fixed, 1e-3, 1e-3, Micius));
    }

    [Theory]
    [InlineData(0.3, 0.3)]
    [InlineData(1e-2, 1e-3)]
    [InlineData(1e-3, 1e-4)]
    public void The_decoy_bound_never_exceeds_the_true_single_photon_yield_and_tightens_as_the_decoy_shrinks(double etaA, double etaB)
    {
        double truth = MdiChannelModel.SinglePhotonYield(etaA, etaB, Micius);
        double loose = MdiDecoyBounds.Estimate(new MdiIntensities(0.5, 0.1, 0.5, 0.1), etaA, etaB, Micius).YieldZLower;
        double tight = MdiDecoyBounds.Estimate(new MdiIntensities(0.5, 0.005, 0.5, 0.005), etaA, etaB, Micius).YieldZLower;

        Assert.InRange(loose, 0, truth);
        Assert.InRange(tight, loose, truth);
        Assert.Equal(truth, tight, truth * 0.02);
    }

    [Fact]
    public void The_single_photon_error_bound_covers_the_true_error()
    {
        double truth = MdiChannelModel.SinglePhotonError(1e-2, 1e-2, Micius);
        double bound = MdiDecoyBounds.Estimate(new MdiIntensities(0.5, 0.01, 0.5, 0.01), 1e-2, 1e-2, Micius).ErrorXUpper;

        Assert.InRange(bound, truth, truth + 0.01);
    }

    [Fact]
    public void Without_dark_counts_the_single_photon_yield_is_half_the_product_of_transmittances()
    {
        var ideal = new MdiProtocol(0, 0.5, 0, 1);
        Assert.Equal(0.5 * 0.2 * 0.3, MdiChannelModel.SinglePhotonYield(0.2, 0.3, ideal), 1e-15);
        Assert.Equal(0, MdiChannelModel.SinglePhotonError(0.2, 0.3, ideal), 1e-15);
    }

    [Fact]
    public void Optimised_intensities_beat_fixed_ones_on_an_asymmetric_channel()
    {
        // 20 dB to Alice, 30 dB to Bob: Zhou, Yu & Wang's point is that the sides should not send the same intensities.
        double fixedRate = MdiKeyRate.PerPulse(MdiIntensities.Fixed, 1e-2, 1e-3, Micius);
        MdiOptimum best = MdiIntensityOptimizer.Optimize(1e-2, 1e-3, Micius);

        Assert.True(best.RatePerPulse > 3 * fixedRate, $"optimised {best.RatePerPulse} vs fixed {fixedRate}");
        Assert.True(best.Intensities.MuA < best.Intensities.MuB, $"Alice, on the better channel, should send less: {best.Intensities}");
    }
}
