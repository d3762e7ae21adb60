namespace JinanOnboard.Distillation.FiniteKey;

/// <summary>
/// The finite-key decoy-state analysis of one PA block, exactly as finite-key.md (Lim et al. 2014 with
/// multiplicative Chernoff bounds). The payload and the OGS both run it and must agree on ℓ.
/// </summary>
public static class FiniteKeyAnalysis
{
    /// <summary>Computes every bound and the final key length ℓ of one block.</summary>
    /// <exception cref="ArgumentException">An input is out of range; the message names the field.</exception>
    public static FiniteKeyResult Compute(FiniteKeyInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        FiniteKeyInputValidator.Validate(input);

        DecoySettings decoy = input.Decoy;
        double epsilon = input.EpsilonSec / KeyLengthFormula.BoundCount;
        double lnEpsilon = Math.Log(epsilon);

        // finite-key.md "Decoy bounds": τ0 = Σ pk e^{−μk}, τ1 = Σ pk e^{−μk} μk.
        double tau0 = 0;
        double tau1 = 0;
        for (int k = 0; k < 3; k++)
        {
            double weight = decoy.Probabilities[k] * Math.Exp(-decoy.MeanPhotonNumbers[k]);
            tau0 += weight;
            tau1 += weight * decoy.MeanPhotonNumbers[k];
        }

        BasisEstimate z = EstimateBasis(input.Z, decoy, input.Bound, lnEpsilon, tau0, tau1);
        BasisEstimate x = EstimateBasis(input.X, decoy, input.Bound, lnEpsilon, tau0, tau1);

        // Bits of one basis take their phase error from the other basis' single-photon bit errors.
        double phiZ = KeyLengthFormula.PhaseErrorRate(x.V1, x.S1, z.S1, input.EpsilonSec, out double rZ, out double gammaZ);
        double phiX = KeyLengthFormula.PhaseErrorRate(z.V1, z.S1, x.S1, input.EpsilonSec, out double rX, out double gammaX);

        ReadOnlySpan<KeyBasisContribution> contributions =
        [
            new KeyBasisContribution(z.S0, z.S1, phiZ),
            new KeyBasisContribution(x.S0, x.S1, phiX),
        ];
        double beforeFloor = KeyLengthFormula.KeyLengthBeforeFloor(
            contributions, input.LambdaEcBits, input.EpsilonSec, input.EpsilonCor);

        return new FiniteKeyResult(
            input.Bound,
            epsilon,
            tau0,
            tau1,
            z.ToBounds(rZ, gammaZ, phiZ),
            x.ToBounds(rX, gammaX, phiX),
            input.LambdaEcBits,
            KeyLengthFormula.SecurityCostBits(input.EpsilonSec, input.EpsilonCor),
            beforeFloor,
            KeyLengthFormula.Floor(beforeFloor));
    }

    /// <summary>
    /// The payload's check of a PA instruction: recomputes ℓ from the counts the instruction carries and
    /// says whether the claimed length is exactly that (issue 3 item 6: a disagreement is refused).
    /// </summary>
    /// <param name="input">The counts, settings and λ_EC carried by the instruction.</param>
    /// <param name="claimedLength">ℓ as stated by the OGS.</param>
    /// <returns>True when <paramref name="claimedLength"/> equals the recomputed ℓ.</returns>
    /// <exception cref="ArgumentException">The counts are inconsistent (for example m &gt; n); never a silent pass.</exception>
    public static bool Verify(FiniteKeyInput input, long claimedLength) =>
        Compute(input).KeyLengthBits == claimedLength;

    private static BasisEstimate EstimateBasis(
        BasisCounts counts, DecoySettings decoy, DeviationBound bound, double lnEpsilon, double tau0, double tau1)
    {
        PerIntensity<double> nLower = Scaled(counts.Detections, decoy, bound, lnEpsilon, upper: false);
        PerIntensity<double> nUpper = Scaled(counts.Detections, decoy, bound, lnEpsilon, upper: true);
        PerIntensity<double> mLower = Scaled(counts.Errors, decoy, bound, lnEpsilon, upper: false);
        PerIntensity<double> mUpper = Scaled(counts.Errors, decoy, bound, lnEpsilon, upper: true);

        double mu1 = decoy.MeanPhotonNumbers.Signal;
        double mu2 = decoy.MeanPhotonNumbers.Decoy;
        double mu3 = decoy.MeanPhotonNumbers.Vacuum;

        // finite-key.md: s_{b,0} = max(0, τ0 (μ2 n^-_{b,3} − μ3 n^+_{b,2}) / (μ2 − μ3)).
        double s0 = Math.Max(0, tau0 * ((mu2 * nLower.Vacuum) - (mu3 * nUpper.Decoy)) / (mu2 - mu3));

        // finite-key.md: s_{b,1} = max(0, τ1 μ1 [n^-_{b,2} − n^+_{b,3} − ((μ2² − μ3²)/μ1²)(n^+_{b,1} − s_{b,0}/τ0)]
        //                                  / [μ1(μ2 − μ3) − μ2² + μ3²]).
        double squaresDifference = (mu2 * mu2) - (mu3 * mu3);
        double s1Numerator = nLower.Decoy - nUpper.Vacuum - (squaresDifference / (mu1 * mu1) * (nUpper.Signal - (s0 / tau0)));
        double s1 = Math.Max(0, tau1 * mu1 * s1Numerator / ((mu1 * (mu2 - mu3)) - squaresDifference));

        // finite-key.md: v_{b,1} = τ1 (m^+_{b,2} − m^-_{b,3}) / (μ2 − μ3).
        double v1 = tau1 * (mUpper.Decoy - mLower.Vacuum) / (mu2 - mu3);

        return new BasisEstimate(nLower, nUpper, mLower, mUpper, s0, s1, v1);
    }

    /// <summary>(e^{μk}/pk) times the bound on the expected count of each intensity.</summary>
    private static PerIntensity<double> Scaled(
        PerIntensity<long> observed, DecoySettings decoy, DeviationBound bound, double lnEpsilon, bool upper)
    {
        // Lim et al. (2014) Eq. (2): the Hoeffding deviation uses the basis total of the same kind of count.
        double total = observed.Signal + observed.Decoy + observed.Vacuum;
        double hoeffdingDeviation = Math.Sqrt(total / 2 * -lnEpsilon);

        double Bound(int k)
        {
            double x = observed[k];
            double expected = bound switch
            {
                DeviationBound.Chernoff => upper ? ChernoffBounds.Upper(x, lnEpsilon) : ChernoffBounds.Lower(x, lnEpsilon),
                _ => upper ? x + hoeffdingDeviation : x - hoeffdingDeviation,
            };
            return Math.Exp(decoy.MeanPhotonNumbers[k]) / decoy.Probabilities[k] * expected;
        }

        return new PerIntensity<double>(Bound(0), Bound(1), Bound(2));
    }

    private readonly record struct BasisEstimate(
        PerIntensity<double> NLower,
        PerIntensity<double> NUpper,
        PerIntensity<double> MLower,
        PerIntensity<double> MUpper,
        double S0,
        double S1,
        double V1)
    {
        public BasisBounds ToBounds(double otherBasisErrorRate, double gamma, double phaseErrorRate) =>
            new(NLower, NUpper, MLower, MUpper, S0, S1, V1, otherBasisErrorRate, gamma, phaseErrorRate);
    }
}
