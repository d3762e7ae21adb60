namespace JinanOnboard.Studies.MdiFeasibility.KeyRate;

/// <summary>Lower bound on the single-photon-pair yield and upper bound on its error rate, from the decoy gains.</summary>
public readonly record struct MdiSinglePhotonBounds(double YieldZLower, double YieldXLower, double ErrorXUpper);

/// <summary>
/// Y_11 and e_11 from the vacuum + weak-decoy intensities: the analytic two-decoy bounds of Xu, Xu &amp; Lo, "Protocol choice
/// and parameter optimization in decoy-state measurement-device-independent quantum key distribution", PRA 89, 052333
/// (2014), written for Alice's and Bob's independent intensities (Zhou, Yu &amp; Wang 2016). Derivation, with
/// G(a, b) = e^(a+b) Q(a, b) = Σ_{n,m} a^n b^m Y_nm / (n! m!) and the vacuum ω = 0:
///   D(a, b) = G(a, b) − G(a, 0) − G(0, b) + G(0, 0) = Σ_{n,m ≥ 1} a^n b^m Y_nm / (n! m!).
/// With r_A = ν_A/μ_A, r_B = ν_B/μ_B and c = r_A r_B max(r_A, r_B), every term with n + m ≥ 3 has
/// ν_A^n ν_B^m ≤ c μ_A^n μ_B^m, so D(ν) − c D(μ) ≤ (ν_Aν_B − c μ_Aμ_B) Y_11 and
///   Y_11 ≥ [D(ν_A, ν_B) − c D(μ_A, μ_B)] / (ν_A ν_B (1 − max(r_A, r_B))).
/// For μ_A = μ_B, ν_A = ν_B this is Xu, Xu &amp; Lo's [μ³ D(ν) − ν³ D(μ)] / (μ² ν² (μ − ν)). The error bound keeps only
/// the single-photon term of the same vacuum-subtracted sum of error gains:
///   e_11 ≤ [e^(ν_A+ν_B) EQ(ν_A, ν_B) − e^(ν_A) EQ(ν_A, 0) − e^(ν_B) EQ(0, ν_B) + EQ(0, 0)] / (ν_A ν_B Y_11^L).
/// The yield is bounded in both bases (Z for the key, X for the phase error); e_11 is bounded in X.
/// </summary>
public static class MdiDecoyBounds
{
    /// <summary>The bounds for channel transmittances <paramref name="etaA"/>, <paramref name="etaB"/> (detector included).</summary>
    public static MdiSinglePhotonBounds Estimate(MdiIntensities intensities, double etaA, double etaB, MdiProtocol protocol)
    {
        if (!intensities.IsValid)
        {
            throw new ArgumentOutOfRangeException(nameof(intensities), intensities, "decoy bounds need 0 < ν < μ on both sides");
        }

        double yieldZ = YieldLower(intensities, (a, b) => MdiChannelModel.Rectilinear(a, b, etaA, etaB, protocol).Gain);
        double yieldX = YieldLower(intensities, (a, b) => MdiChannelModel.Diagonal(a, b, etaA, etaB, protocol).Gain);
        double nuA = intensities.NuA;
        double nuB = intensities.NuB;
        double errorSum = (Math.Exp(nuA + nuB) * MdiChannelModel.Diagonal(nuA, nuB, etaA, etaB, protocol).ErrorGain)
            - (Math.Exp(nuA) * MdiChannelModel.Diagonal(nuA, 0, etaA, etaB, protocol).ErrorGain)
            - (Math.Exp(nuB) * MdiChannelModel.Diagonal(0, nuB, etaA, etaB, protocol).ErrorGain)
            + MdiChannelModel.Diagonal(0, 0, etaA, etaB, protocol).ErrorGain;
        double errorUpper = yieldX > 0 ? Math.Clamp(errorSum / (nuA * nuB * yieldX), 0, 0.5) : 0.5;
        return new MdiSinglePhotonBounds(Math.Max(0, yieldZ), Math.Max(0, yieldX), errorUpper);
    }

    private static double YieldLower(MdiIntensities i, Func<double, double, double> gain)
    {
        double VacuumSubtracted(double a, double b) =>
            (Math.Exp(a + b) * gain(a, b)) - (Math.Exp(a) * gain(a, 0)) - (Math.Exp(b) * gain(0, b)) + gain(0, 0);

        double rA = i.NuA / i.MuA;
        double rB = i.NuB / i.MuB;
        double rMax = Math.Max(rA, rB);
        double c = rA * rB * rMax;
        return (VacuumSubtracted(i.NuA, i.NuB) - (c * VacuumSubtracted(i.MuA, i.MuB))) / (i.NuA * i.NuB * (1 - rMax));
    }
}
