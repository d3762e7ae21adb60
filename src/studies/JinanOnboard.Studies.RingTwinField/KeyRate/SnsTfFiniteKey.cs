using JinanOnboard.Distillation.FiniteKey;
using JinanOnboard.Primitives.Information;

namespace JinanOnboard.Studies.RingTwinField.KeyRate;

/// <summary>The finite-key result of one SNS-TF block and the estimates it came from.</summary>
public readonly record struct SnsTfBlock(double SecretBits, double UntaggedBitsLower, double PhaseErrorUpper, double ZBits, double ZBitErrorRate);

/// <summary>
/// Finite-key secret length of one block of N pulse pairs of sending-or-not-sending TF-QKD (models.md §12; Jiang, Yu, Hu
/// &amp; Wang, Phys. Rev. Applied 12, 024061 (2019)):
///   N_f = n_1 [1 − h(e_1^ph)] − f n_t h(E_Z) − log2(2/ε_cor) − 2 log2(1/(√2 ε_PA ε̂)).
/// The simulated observations are the channel model's expected counts (<see cref="SnsTfChannel"/>). Estimation:
/// - X windows, each side independently vacuum / μ_1 / μ_2: the one-sided yields S_{A,k} (Alice μ_k, Bob vacuum),
///   S_{B,k} and S_00 are bounded from their counts by the multiplicative Chernoff bounds of finite-key.md (the
///   project's <see cref="ChernoffBounds"/>); the untagged single-photon yield of each side is the vacuum + weak-decoy
///   bound s_1 ≥ [μ_2² e^(μ_1) S_1^L − μ_1² e^(μ_2) S_2^U − (μ_2² − μ_1²) S_00^U] / (μ_1 μ_2 (μ_2 − μ_1)).
/// - Phase error from the phase-matched μ_1-μ_1 pairs: their error yield T ≥ e^(−2μ_1) S_00/2 + 2μ_1 e^(−2μ_1) s̄_1 e_1^ph,
///   so e_1^ph ≤ (T^U − e^(−2μ_1) S_00^L / 2) / (2 μ_1 e^(−2μ_1) s̄_1^L), s̄_1 the two sides' mean.
/// - Z windows: n_1 = N p_Z² ε(1−ε) μ_Z e^(−μ_Z)(s_{A,1} + s_{B,1}) expected untagged bits, turned into a count by the
///   Chernoff lower tail n_1 − √(2 n_1 ln(1/ε)); the phase errors among them by the upper tail e n_1 + √(3 e n_1 ln(1/ε)).
///   (These two tail bounds are this study's simplification of the paper's random-sampling step.)
/// - n_t and E_Z from the Z-window events; bit errors are "both sent" and "neither sent".
/// Arm transmittances η_A, η_B include the detector.
/// </summary>
public static class SnsTfFiniteKey
{
    /// <summary>Secret bits of a block of <paramref name="pulses"/> pulse pairs (0 when none).</summary>
    public static SnsTfBlock Evaluate(SnsTfParameters p, double etaA, double etaB, double pulses, SnsTfSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (!p.IsValid || !(pulses > 0))
        {
            return default;
        }

        double pd = s.DarkCountProbability;
        double lnEps = Math.Log(s.Epsilon);
        double pz = p.ZWindowProbability;
        double eps = p.SendingProbability;
        double nX = pulses * (1 - pz) * (1 - pz);

        // X-window one-sided and vacuum yields, bounded from their counts.
        double p0 = s.XVacuumProbability;
        double s00Count = nX * p0 * p0 * SnsTfChannel.Vacuum(pd);
        double s00Upper = ChernoffBounds.Upper(s00Count, lnEps) / (nX * p0 * p0);
        double s00Lower = ChernoffBounds.Lower(s00Count, lnEps) / (nX * p0 * p0);
        double s1A = SinglePhotonYieldLower(etaA, p, s, nX, s00Upper, lnEps);
        double s1B = SinglePhotonYieldLower(etaB, p, s, nX, s00Upper, lnEps);
        if (s1A + s1B <= 0)
        {
            return default;
        }

        // Phase-matched μ_1-μ_1 pairs: a fraction 2/M of the relative phases (slices around 0 and π).
        double matched = nX * s.XWeakProbability * s.XWeakProbability * 2.0 / s.PhaseSlices;
        double errorCount = matched * SnsTfChannel.PhaseMatchedError(etaA * p.Mu1, etaB * p.Mu1, pd, s.Misalignment, s.PhaseSlices);
        double tUpper = ChernoffBounds.Upper(errorCount, lnEps) / matched;
        double damp = Math.Exp(-2 * p.Mu1);
        double sMean = (s1A + s1B) / 2;
        double phaseExpected = Math.Clamp((tUpper - (damp * s00Lower / 2)) / (2 * p.Mu1 * damp * sMean), 0, 0.5);

        // Z windows.
        double nZ = pulses * pz * pz;
        double none = (1 - eps) * (1 - eps) * SnsTfChannel.Vacuum(pd);
        double one = eps * (1 - eps) * (SnsTfChannel.OneSided(etaA * p.MuZ, pd) + SnsTfChannel.OneSided(etaB * p.MuZ, pd));
        double both = eps * eps * SnsTfChannel.BothRandomPhase(etaA * p.MuZ, etaB * p.MuZ, pd);
        double nt = nZ * (none + one + both);
        double ez = (none + both) / (none + one + both);
        double untaggedExpected = nZ * eps * (1 - eps) * p.MuZ * Math.Exp(-p.MuZ) * (s1A + s1B);
        double untagged = untaggedExpected - Math.Sqrt(2 * untaggedExpected * -lnEps);
        if (untagged <= 0)
        {
            return new SnsTfBlock(0, 0, 0.5, nt, ez);
        }

        double phaseErrors = (phaseExpected * untagged) + Math.Sqrt(3 * phaseExpected * untagged * -lnEps);
        double phase = Math.Min(0.5, phaseErrors / untagged);
        double secret = (untagged * (1 - BinaryEntropy.Of(phase)))
            - (s.ErrorCorrectionInefficiency * nt * BinaryEntropy.Of(ez))
            - Math.Log2(2 / s.Epsilon)
            - (2 * Math.Log2(1 / (Math.Sqrt(2) * s.Epsilon * s.Epsilon)));
        return new SnsTfBlock(Math.Max(0, secret), untagged, phase, nt, ez);
    }

    private static double SinglePhotonYieldLower(double eta, SnsTfParameters p, SnsTfSettings s, double nX, double s00Upper, double lnEps)
    {
        double pd = s.DarkCountProbability;
        // Events "this side μ_k, the other side vacuum" happen with probability p_k p_0 per X window.
        double w1 = nX * s.XWeakProbability * s.XVacuumProbability;
        double w2 = nX * s.XStrongProbability * s.XVacuumProbability;
        double s1Lower = ChernoffBounds.Lower(w1 * SnsTfChannel.OneSided(eta * p.Mu1, pd), lnEps) / w1;
        double s2Upper = ChernoffBounds.Upper(w2 * SnsTfChannel.OneSided(eta * p.Mu2, pd), lnEps) / w2;
        double mu1 = p.Mu1;
        double mu2 = p.Mu2;
        double bound = ((mu2 * mu2 * Math.Exp(mu1) * s1Lower) - (mu1 * mu1 * Math.Exp(mu2) * s2Upper) - (((mu2 * mu2) - (mu1 * mu1)) * s00Upper))
            / (mu1 * mu2 * (mu2 - mu1));
        return Math.Max(0, bound);
    }
}
