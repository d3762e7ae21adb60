using JinanOnboard.Primitives.Information;

namespace JinanOnboard.Ldpc.Construction.Design;

/// <summary>A designed variable-degree distribution and its DE threshold.</summary>
/// <param name="Lambda">(degree, λ_d), degrees descending, λ rounded to 5 decimals summing to 1.</param>
/// <param name="Threshold">BP threshold p* of the ensemble on the DE grid (bisection to 1e−5).</param>
/// <param name="Cost">Optimiser cost at the design crossover (DE iterations to a 1e−7 error; more if it did not converge).</param>
internal sealed record DesignedDistribution(IReadOnlyList<(int Degree, double EdgeFraction)> Lambda, double Threshold, double Cost);

/// <summary>
/// Optimises λ(x) for the code book's ensembles (checks concentrated, protocol-spec/ldpc-codes.md §3) at a design rate R,
/// the method of Elkouss et al. (ISIT 2009): differential evolution over λ with density evolution as the judge.
/// The cost of a candidate is the number of DE iterations it needs to bring the message error probability below 1e−7
/// on the BSC at the design crossover p_t = h⁻¹((1−R)/f_t), or a penalty above the iteration cap if it does not converge.
/// Minimising iterations at an operating point just below the threshold (rather than the threshold itself) rewards
/// ensembles that converge with margin — what a finite-length decoder with an iteration cap needs — and one DE run
/// per candidate instead of a bisection keeps the search cheap.
/// The degree-2 node fraction is capped at 1 − R (the construction's accumulator chain holds at most m − 1 degree-2
/// columns, §3): a candidate above the cap is repaired by lowering λ₂ to the cap and rescaling the rest.
/// </summary>
internal static class DistributionDesigner
{
    private const int IterationCap = 300;

    public static DesignedDistribution Design(
        double rate,
        double targetEfficiency,
        IReadOnlyList<int> degrees,
        int population,
        int generations,
        ulong seed,
        IReadOnlyList<(int Degree, double EdgeFraction)>? start = null,
        Action<int, double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(degrees);
        double crossover = BinaryEntropy.Inverse((1 - rate) / targetEfficiency);
        var evolution = new DensityEvolution(degrees.Max());
        double Cost(double[] x)
        {
            Ensemble? ensemble = ToEnsemble(x, degrees, rate);
            if (ensemble is null)
            {
                return 10 * IterationCap;
            }

            DensityEvolutionOutcome outcome = evolution.Run(ensemble, crossover, IterationCap);
            return outcome.Converged
                ? outcome.Iterations
                : IterationCap + (10 * Math.Log10(outcome.ErrorProbability / 1e-7));
        }

        // One member starts at a known ensemble (by default the nearest Elkouss et al. entry, E50…E85), moved onto
        // the nearest allowed degrees, so the search begins at a converging ensemble instead of only random ones.
        var initial = new double[degrees.Count];
        foreach ((int degree, double fraction) in start ?? DistributionTable.NearestElkouss(rate).Terms)
        {
            int nearest = 0;
            for (int i = 1; i < degrees.Count; i++)
            {
                if (Math.Abs(degrees[i] - degree) < Math.Abs(degrees[nearest] - degree))
                {
                    nearest = i;
                }
            }

            initial[nearest] += fraction;
        }

        (double[] best, double cost) = DifferentialEvolution.Minimise(Cost, degrees.Count, population, generations, seed, [initial], progress);
        IReadOnlyList<(int Degree, double EdgeFraction)> lambda = Rounded(ToEnsemble(best, degrees, rate)!.Lambda);
        var rounded = new Ensemble(lambda, rate);
        double threshold = evolution.Threshold(rounded, crossover * 0.5, BinaryEntropy.Inverse(1 - rate));
        return new DesignedDistribution(lambda, threshold, cost);
    }

    /// <summary>λ from a point of the unit box: normalised weights, λ₂ repaired to the degree-2 cap; null if degenerate.</summary>
    internal static Ensemble? ToEnsemble(double[] x, IReadOnlyList<int> degrees, double rate)
    {
        double total = x.Sum();
        double others = 0;
        double othersOverDegree = 0;
        double two = 0;
        for (int i = 0; i < degrees.Count; i++)
        {
            if (degrees[i] == 2)
            {
                two += x[i];
            }
            else
            {
                others += x[i];
                othersOverDegree += x[i] / degrees[i];
            }
        }

        if (others <= 1e-9 || total <= 0)
        {
            return null;
        }

        // ν₂ = (λ₂/2)/(λ₂/2 + S) ≤ 1 − R  ⇔  λ₂ ≤ c·(1 − λ₂) with c = 2(1 − R)·S₁/R, S₁ = Σ_{d≠2} λ'_d/d over the
        // other degrees normalised to 1; hence λ₂ ≤ c/(1 + c).
        double c = 2 * (1 - rate) * (othersOverDegree / others) / rate;
        double lambdaTwo = Math.Min(two / total, c / (1 + c));
        double scale = (1 - lambdaTwo) / others;
        var terms = new List<(int Degree, double EdgeFraction)>();
        for (int i = 0; i < degrees.Count; i++)
        {
            double fraction = degrees[i] == 2 ? lambdaTwo : x[i] * scale;
            if (fraction > 0)
            {
                terms.Add((degrees[i], fraction));
            }
        }

        terms.Sort((p, q) => q.Degree.CompareTo(p.Degree));
        return new Ensemble(terms, rate);
    }

    /// <summary>Drops terms below 5e−4, rounds to 5 decimals and puts the rounding residue on the largest term.</summary>
    private static List<(int Degree, double EdgeFraction)> Rounded(IReadOnlyList<(int Degree, double EdgeFraction)> lambda)
    {
        var kept = lambda.Where(t => t.EdgeFraction >= 5e-4).ToList();
        double sum = kept.Sum(t => t.EdgeFraction);
        var rounded = kept.Select(t => (t.Degree, EdgeFraction: Math.Round(t.EdgeFraction / sum, 5))).ToList();
        int largest = rounded.IndexOf(rounded.MaxBy(t => t.EdgeFraction));
        double residue = 1 - rounded.Sum(t => t.EdgeFraction);
        rounded[largest] = (rounded[largest].Degree, Math.Round(rounded[largest].EdgeFraction + residue, 5));
        return rounded;
    }
}
