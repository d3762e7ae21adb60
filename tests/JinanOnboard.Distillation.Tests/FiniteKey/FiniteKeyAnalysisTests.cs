using JinanOnboard.Distillation.FiniteKey;

namespace JinanOnboard.Distillation.Tests.FiniteKey;

public sealed class FiniteKeyAnalysisTests
{
    [Fact]
    public void Reference_block_reproduces_finite_key_md_values()
    {
        FiniteKeyResult result = FiniteKeyAnalysis.Compute(FiniteKeyReference.Block());

        Assert.Equal(0, result.Z.VacuumEvents);
        Assert.Equal(0, result.X.VacuumEvents);
        Assert.Equal(102816.857, Math.Round(result.Z.SinglePhotonEvents, 3));
        Assert.Equal(103596.939, Math.Round(result.X.SinglePhotonEvents, 3));
        Assert.Equal(0.0342021, Math.Round(result.Z.PhaseErrorRate, 7));
        Assert.Equal(0.0353049, Math.Round(result.X.PhaseErrorRate, 7));
        Assert.Equal(81217, result.KeyLengthBits);
    }

    [Fact]
    public void Reference_block_intermediates_are_consistent()
    {
        FiniteKeyResult result = FiniteKeyAnalysis.Compute(FiniteKeyReference.Block());

        Assert.Equal(1e-10 / 21, result.EpsilonPerBound);
        Assert.Equal((0.5 * Math.Exp(-0.8)) + (0.25 * Math.Exp(-0.1)) + (0.25 * Math.Exp(-0.001)), result.Tau0, 15);
        Assert.Equal((0.5 * Math.Exp(-0.8) * 0.8) + (0.25 * Math.Exp(-0.1) * 0.1) + (0.25 * Math.Exp(-0.001) * 0.001), result.Tau1, 15);

        // n^-_{Z,1} = (e^{μ1}/p1) E^L(235112).
        double lnEpsilon = Math.Log(1e-10 / 21);
        Assert.Equal(Math.Exp(0.8) / 0.5 * ChernoffBounds.Lower(235112, lnEpsilon), result.Z.DetectionsLower.Signal);
        Assert.Equal(Math.Exp(0.001) / 0.25 * ChernoffBounds.Upper(52, lnEpsilon), result.X.ErrorsUpper.Vacuum);

        // Z takes its phase error from X's single-photon bit error rate and vice versa.
        Assert.Equal(result.X.SinglePhotonBitErrors / result.X.SinglePhotonEvents, result.Z.OtherBasisErrorRate, 15);
        Assert.Equal(result.Z.SinglePhotonBitErrors / result.Z.SinglePhotonEvents, result.X.OtherBasisErrorRate, 15);
        Assert.Equal(result.Z.OtherBasisErrorRate + result.Z.Gamma, result.Z.PhaseErrorRate, 15);

        double security = (6 * Math.Log2(21 / 1e-10)) + Math.Log2(2 / 1e-10);
        Assert.Equal(security, result.SecurityCostBits, 12);
        Assert.Equal(Math.Floor(result.KeyLengthBeforeFloor), result.KeyLengthBits);
    }

    [Fact]
    public void Satquma_reference_reproduces_phase_error_and_key_length()
    {
        // finite-key.md reference 3: one key basis (X), phase error from Z's single-photon bit errors.
        double phiX = KeyLengthFormula.PhaseErrorRate(
            13510.23541783561, 5075759.983070928, 52129140.24042711, 1e-9, out double r, out double gamma);
        Assert.Equal(13510.23541783561 / 5075759.983070928, r);
        Assert.True(gamma > 0);
        Assert.Equal(0.0028751090316596704, phiX, 1e-15);

        double beforeFloor = KeyLengthFormula.KeyLengthBeforeFloor(
            [new KeyBasisContribution(1769.974333690034, 52129140.24042711, phiX)], 2036328.736217055, 1e-9, 1e-15);
        Assert.Equal(48613122.86, Math.Round(beforeFloor, 2));
        Assert.Equal(48613122, KeyLengthFormula.Floor(beforeFloor));
    }

    [Fact]
    public void Verify_accepts_the_computed_length_and_rejects_any_other()
    {
        FiniteKeyInput input = FiniteKeyReference.Block();
        Assert.True(FiniteKeyAnalysis.Verify(input, 81217));
        Assert.False(FiniteKeyAnalysis.Verify(input, 81218));
        Assert.False(FiniteKeyAnalysis.Verify(input, 81216));
        Assert.False(FiniteKeyAnalysis.Verify(input, 0));
    }

    [Fact]
    public void Verify_rejects_a_claim_when_one_error_count_was_altered()
    {
        FiniteKeyInput tampered = FiniteKeyReference.Block() with
        {
            Z = new BasisCounts(new PerIntensity<long>(235112, 14734, 115), new PerIntensity<long>(2187, 230, 57)),
        };
        Assert.False(FiniteKeyAnalysis.Verify(tampered, 81217));
    }

    [Fact]
    public void Larger_lambda_ec_costs_exactly_that_many_bits()
    {
        FiniteKeyResult baseline = FiniteKeyAnalysis.Compute(FiniteKeyReference.Block());
        FiniteKeyResult costlier = FiniteKeyAnalysis.Compute(FiniteKeyReference.Block() with { LambdaEcBits = 81000 });
        Assert.Equal(baseline.KeyLengthBeforeFloor - 1000, costlier.KeyLengthBeforeFloor, 6);
    }

    [Fact]
    public void Disclosure_larger_than_the_secrecy_gives_no_key()
    {
        FiniteKeyResult result = FiniteKeyAnalysis.Compute(FiniteKeyReference.Block() with { LambdaEcBits = 200000 });
        Assert.True(result.KeyLengthBeforeFloor < 0);
        Assert.Equal(0, result.KeyLengthBits);
        Assert.True(FiniteKeyAnalysis.Verify(FiniteKeyReference.Block() with { LambdaEcBits = 200000 }, 0));
    }

    [Fact]
    public void Empty_block_gives_no_key_and_half_phase_error()
    {
        var none = new BasisCounts(new PerIntensity<long>(0, 0, 0), new PerIntensity<long>(0, 0, 0));
        FiniteKeyResult result = FiniteKeyAnalysis.Compute(FiniteKeyReference.Block() with { Z = none, X = none, LambdaEcBits = 0 });
        Assert.Equal(0, result.Z.SinglePhotonEvents);
        Assert.Equal(0.5, result.Z.PhaseErrorRate);
        Assert.Equal(0.5, result.X.PhaseErrorRate);
        Assert.Equal(0, result.KeyLengthBits);
    }

    [Fact]
    public void Hoeffding_switch_uses_lim_deviation_and_gives_a_smaller_key_here()
    {
        FiniteKeyResult chernoff = FiniteKeyAnalysis.Compute(FiniteKeyReference.Block());
        FiniteKeyResult hoeffding = FiniteKeyAnalysis.Compute(FiniteKeyReference.Block(DeviationBound.Hoeffding));
        Assert.Equal(DeviationBound.Hoeffding, hoeffding.Bound);

        // Lim et al. (2014) Eq. (2): n^±_{Z,k} = (e^{μk}/pk)(n_{Z,k} ± sqrt(n_Z/2 · ln(21/ε_sec))).
        double nZ = 235112 + 14734 + 115;
        double deviation = Math.Sqrt(nZ / 2 * Math.Log(21 / 1e-10));
        Assert.Equal(Math.Exp(0.1) / 0.25 * (14734 - deviation), hoeffding.Z.DetectionsLower.Decoy, 1e-6);
        Assert.Equal(Math.Exp(0.8) / 0.5 * (235112 + deviation), hoeffding.Z.DetectionsUpper.Signal, 1e-6);
        double mZ = 2187 + 214 + 57;
        double errorDeviation = Math.Sqrt(mZ / 2 * Math.Log(21 / 1e-10));
        Assert.Equal(Math.Exp(0.1) / 0.25 * (214 + errorDeviation), hoeffding.Z.ErrorsUpper.Decoy, 1e-6);

        // Additive deviation ~ sqrt(250k) swamps the 115 vacuum-intensity counts, so Hoeffding is far looser here.
        Assert.True(hoeffding.KeyLengthBits < chernoff.KeyLengthBits);
    }

    [Theory]
    [InlineData(0.1, 0.8)] // μ1 below μ2
    [InlineData(0.101, 0.1)] // μ1 not above μ2 + μ3
    public void Intensities_out_of_order_are_refused(double mu1, double mu2)
    {
        FiniteKeyInput input = FiniteKeyReference.Block() with
        {
            Decoy = new DecoySettings(new PerIntensity<double>(mu1, mu2, 0.001), new PerIntensity<double>(0.5, 0.25, 0.25)),
        };
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => FiniteKeyAnalysis.Compute(input));
        Assert.Contains("intensities", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_errors_than_detections_are_refused()
    {
        FiniteKeyInput input = FiniteKeyReference.Block() with
        {
            X = new BasisCounts(new PerIntensity<long>(10, 10, 10), new PerIntensity<long>(11, 0, 0)),
        };
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => FiniteKeyAnalysis.Compute(input));
        Assert.Contains("x.m", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => FiniteKeyAnalysis.Verify(input, 0));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Epsilon_out_of_range_is_refused(double epsilon)
    {
        Assert.ThrowsAny<ArgumentException>(() => FiniteKeyAnalysis.Compute(FiniteKeyReference.Block() with { EpsilonSec = epsilon }));
        Assert.ThrowsAny<ArgumentException>(() => FiniteKeyAnalysis.Compute(FiniteKeyReference.Block() with { EpsilonCor = epsilon }));
    }

    [Fact]
    public void Probabilities_not_summing_to_one_are_refused()
    {
        FiniteKeyInput input = FiniteKeyReference.Block() with
        {
            Decoy = new DecoySettings(new PerIntensity<double>(0.8, 0.1, 0.001), new PerIntensity<double>(0.5, 0.25, 0.3)),
        };
        Assert.ThrowsAny<ArgumentException>(() => FiniteKeyAnalysis.Compute(input));
    }
}
