using JinanOnboard.Ldpc.Construction;
using JinanOnboard.Ldpc.Construction.Design;
using JinanOnboard.Primitives.Information;

namespace JinanOnboard.Ldpc.Tests;

public sealed class DistributionDesignTests
{
    [Fact]
    public void Density_evolution_reproduces_the_known_BSC_threshold_of_the_regular_3_6_ensemble()
    {
        // BP threshold of the (3,6)-regular ensemble on the BSC: p* ≈ 0.084 (Richardson–Urbanke 2001, Table I).
        var ensemble = new Ensemble([(3, 1.0)], 0.5);
        Assert.Equal(6, ensemble.MeanCheckDegree, 9);
        double threshold = new DensityEvolution(3).Threshold(ensemble, 0.05, 0.11, tolerance: 5e-4, maxIterations: 1000);
        Assert.InRange(threshold, 0.081, 0.086);
    }

    [Fact]
    public void Density_evolution_converges_below_and_fails_above_Shannon_for_a_book_distribution()
    {
        DegreeDistribution h85 = DistributionTable.ByName("H85");
        var ensemble = new Ensemble(h85.Terms, 0.85);
        var evolution = new DensityEvolution(ensemble.MaxVariableDegree);
        double shannon = BinaryEntropy.Inverse(0.15);
        Assert.True(evolution.Run(ensemble, 0.9 * shannon, 500).Converged);
        Assert.False(evolution.Run(ensemble, shannon, 500).Converged);
    }

    [Fact]
    public void Fft_inverse_of_forward_is_the_identity()
    {
        var fft = new Fft(16);
        double[] re = [.. Enumerable.Range(0, 16).Select(i => Math.Sin(i) + 0.1)];
        double[] original = (double[])re.Clone();
        var im = new double[16];
        fft.Transform(re, im, inverse: false);
        Assert.Equal(original.Sum(), re[0], 12); // DC bin = sum
        fft.Transform(re, im, inverse: true);
        for (int i = 0; i < 16; i++)
        {
            Assert.Equal(original[i], re[i], 12);
            Assert.Equal(0, im[i], 12);
        }
    }

    [Fact]
    public void Candidate_above_the_degree_two_cap_is_repaired_to_exactly_the_cap()
    {
        int[] degrees = [2, 3, 10];
        Ensemble ensemble = DistributionDesigner.ToEnsemble([0.9, 0.05, 0.05], degrees, 0.9)!;
        Assert.Equal(1.0, ensemble.Lambda.Sum(t => t.EdgeFraction), 12);
        Assert.Equal(0.1, ensemble.DegreeTwoNodeFraction, 9); // ν₂ = 1 − R: the accumulator chain's m − 1 columns
        Assert.Null(DistributionDesigner.ToEnsemble([1, 0, 0], degrees, 0.9));
    }

    [Fact]
    public void Differential_evolution_finds_the_minimum_of_a_shifted_quadratic()
    {
        (double[] best, double cost) = DifferentialEvolution.Minimise(
            x => Math.Pow(x[0] - 0.3, 2) + Math.Pow(x[1] - 0.7, 2), 2, 12, 60, 5, []);
        Assert.True(cost < 1e-6, $"cost {cost}");
        Assert.Equal(0.3, best[0], 2);
        Assert.Equal(0.7, best[1], 2);
    }

    [Fact]
    public void Every_designed_distribution_respects_the_degree_two_cap_at_its_design_rate()
    {
        foreach ((double rate, DegreeDistribution distribution) in DistributionTable.All.Where(e => e.Distribution.Name.StartsWith('D')))
        {
            var ensemble = new Ensemble(distribution.Terms, rate);
            Assert.Equal(1.0, distribution.Terms.Sum(t => t.EdgeFraction), 4);
            Assert.True(ensemble.DegreeTwoNodeFraction <= (1 - rate) + 1e-3, $"{distribution.Name}: ν₂ = {ensemble.DegreeTwoNodeFraction}");
        }
    }
}
