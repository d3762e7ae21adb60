using JinanOnboard.Physics.KeyRates;
using JinanOnboard.Physics.Parameters;

namespace JinanOnboard.Physics.Tests.KeyRates;

public sealed class DecoyBb84KeyRateTests
{
    // Micius downlink of the scheduling study (parameters.md): μ 0.5, ν 0.08, Y_0 3e-6, e_d 0.015, f_e 1.16; q = 1/2.
    private static readonly DecoyBb84Parameters Micius = new(0.5, 0.08, 3e-6, 0.015, 1.16, 0.5);

    [Fact]
    public void At_eta_1e_3_the_rate_matches_the_formula_worked_by_hand()
    {
        DecoyBb84Evaluation e = new DecoyBb84KeyRate(Micius).Evaluate(1e-3);

        // Q_μ = 3e-6 + 1 − e^(−5e-4) = 3e-6 + 4.99875e-4 = 5.028750e-4.
        Assert.Equal(5.028750e-4, e.SignalGain, 1e-9);
        // E_μ = (0.5·3e-6 + 0.015·4.99875e-4)/Q_μ = (1.5e-6 + 7.498125e-6)/5.028750e-4 = 0.0178934.
        Assert.Equal(0.0178934, e.SignalErrorRate, 1e-6);
        // Y_1^L = 0.5/(0.04 − 0.0064)·[Q_ν e^0.08 − Q_μ e^0.5·0.0256 − 0.9744·3e-6] = 9.78589e-4 (Y_1 = 1.003e-3).
        Assert.Equal(9.78589e-4, e.SingleYieldLower, 1e-9);
        // e_1^U = (E_νQ_ν e^0.08 − 1.5e-6)/(Y_1^L·0.08) = 0.0182000.
        Assert.Equal(0.0182000, e.SingleErrorUpper, 1e-6);
        // R = ½{−Q_μ·1.16·h(E_μ) + Y_1^L·0.5e^(−0.5)·[1 − h(e_1^U)]} = 9.11618e-5 per pulse.
        Assert.Equal(9.11618e-5, e.RatePerPulse, 1e-9);
    }

    [Fact]
    public void No_transmittance_gives_no_key_and_never_a_negative_rate()
    {
        var rate = new DecoyBb84KeyRate(Micius);

        Assert.Equal(0, rate.RatePerPulse(0));
        Assert.Equal(0, rate.RatePerPulse(1e-7));
        Assert.Equal(0, rate.RatePerPulse(1e-12));
    }

    [Fact]
    public void Without_background_and_misalignment_the_rate_is_q_times_the_single_photon_gain_bound()
    {
        var rate = new DecoyBb84KeyRate(Micius with { BackgroundYield = 0, MisalignmentError = 0 });
        DecoyBb84Evaluation e = rate.Evaluate(0.01);

        // E_μ = 0 and e_1^U = 0, so R = q·Q_1^L; the weak-decoy bound sits a little below the true Q_1 = η μ e^(−μ).
        Assert.Equal(0, e.SignalErrorRate);
        Assert.Equal(0, e.SingleErrorUpper);
        Assert.Equal(0.5 * e.SingleGainLower, e.RatePerPulse, 1e-15);
        Assert.InRange(e.SingleGainLower, 0.97 * e.SingleGainTrue, e.SingleGainTrue);
    }

    [Fact]
    public void The_rate_rises_monotonically_with_transmittance()
    {
        var rate = new DecoyBb84KeyRate(Micius);
        double previous = 0;
        for (double lossDb = 60; lossDb >= 0; lossDb -= 0.5)
        {
            double r = rate.RatePerPulse(Math.Pow(10, -lossDb / 10));
            Assert.True(r >= previous, $"rate fell from {previous} to {r} at {lossDb} dB");
            previous = r;
        }

        Assert.True(previous > 0.1);
    }

    [Fact]
    public void The_micius_set_tolerates_about_43_dB_with_the_asymptotic_rate()
    {
        // parameters.md quotes "about 35 dB" for the study; the asymptotic formula of §5 with its values allows 43.0 dB
        // (the study's figure presumably includes margins it does not publish).
        var rate = DecoyBb84KeyRate.FromParameterSet(PhysicsParameterSet.Named("micius-downlink"));

        Assert.Equal(42.99, rate.MaxTolerableLossDb(), 0.01);
        Assert.Equal(0.5, rate.Parameters.SignalIntensity);
        Assert.Equal(0.08, rate.Parameters.DecoyIntensity);
    }

    [Fact]
    public void Bad_parameters_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DecoyBb84KeyRate(Micius with { DecoyIntensity = 0.6 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DecoyBb84KeyRate(Micius with { SiftFactor = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DecoyBb84KeyRate(Micius).Evaluate(1.5));
    }
}
