using JinanOnboard.Primitives.Information;

namespace JinanOnboard.Studies.MdiFeasibility.KeyRate;

/// <summary>One evaluation of the asymptotic MDI key rate and the quantities it came from.</summary>
public readonly record struct MdiRateTerms(double RatePerPulse, double SinglePhotonYieldLower, double SinglePhotonErrorUpper, double SignalGain, double SignalErrorRate);

/// <summary>
/// Asymptotic decoy-state MDI-QKD key rate per pulse pair (models.md §11; Xu, Curty, Qi &amp; Lo 2013, Eq. 1):
///   R ≥ P_11^Z Y_11^Z [1 − h(e_11^X)] − Q_μμ^Z f_e h(E_μμ^Z),   P_11^Z = μ_A μ_B e^(−μ_A − μ_B),
/// with Y_11 and e_11 from <see cref="MdiDecoyBounds"/> and the gains from <see cref="MdiChannelModel"/>; 0 when negative.
/// Basis sifting is not charged (the efficient-MDI limit where almost all pulses are Z, as the study's asymptotic rate).
/// </summary>
public static class MdiKeyRate
{
    /// <summary>Rate per pulse pair, never negative.</summary>
    public static double PerPulse(MdiIntensities intensities, double etaA, double etaB, MdiProtocol protocol) =>
        Evaluate(intensities, etaA, etaB, protocol).RatePerPulse;

    /// <summary>Rate per pulse pair with its terms.</summary>
    public static MdiRateTerms Evaluate(MdiIntensities intensities, double etaA, double etaB, MdiProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        if (!(etaA >= 0 && etaA <= 1 && etaB >= 0 && etaB <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(etaA), $"transmittances must be in [0, 1], got {etaA} and {etaB}");
        }

        MdiSinglePhotonBounds bounds = MdiDecoyBounds.Estimate(intensities, etaA, etaB, protocol);
        MdiGain signal = MdiChannelModel.Rectilinear(intensities.MuA, intensities.MuB, etaA, etaB, protocol);
        double p11 = intensities.MuA * intensities.MuB * Math.Exp(-intensities.MuA - intensities.MuB);
        double rate = (p11 * bounds.YieldZLower * (1 - BinaryEntropy.Of(bounds.ErrorXUpper)))
            - (signal.Gain * protocol.ErrorCorrectionInefficiency * BinaryEntropy.Of(signal.ErrorRate));
        return new MdiRateTerms(Math.Max(0, rate), bounds.YieldZLower, bounds.ErrorXUpper, signal.Gain, signal.ErrorRate);
    }
}
