using JinanOnboard.Primitives.Randomness;

namespace JinanOnboard.Ldpc.Construction.Design;

/// <summary>
/// Differential evolution, scheme DE/rand/1/bin (Storn, Price, "Differential evolution — a simple and efficient
/// heuristic for global optimization over continuous spaces", J. Global Optimization 11, 1997), minimising a cost
/// over the unit box [0, 1]^D. Deterministic from the seed (SplitMix64), one thread.
/// </summary>
internal static class DifferentialEvolution
{
    /// <param name="cost">Cost to minimise.</param>
    /// <param name="dimension">D.</param>
    /// <param name="population">NP (≥ 4).</param>
    /// <param name="generations">Generations after the initial population.</param>
    /// <param name="seed">PRNG seed.</param>
    /// <param name="initial">Vectors placed in the initial population before the random ones (may be empty).</param>
    /// <param name="progress">Called after each generation with (generation, best cost), may be null.</param>
    /// <param name="weight">Differential weight F (Storn–Price recommend 0.5).</param>
    /// <param name="crossover">Crossover rate CR.</param>
    public static (double[] Best, double Cost) Minimise(
        Func<double[], double> cost,
        int dimension,
        int population,
        int generations,
        ulong seed,
        IReadOnlyList<double[]> initial,
        Action<int, double>? progress = null,
        double weight = 0.5,
        double crossover = 0.9)
    {
        ArgumentNullException.ThrowIfNull(cost);
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentOutOfRangeException.ThrowIfLessThan(population, 4);
        var rng = new SplitMix64(seed);
        var members = new double[population][];
        var costs = new double[population];
        for (int i = 0; i < population; i++)
        {
            members[i] = i < initial.Count ? (double[])initial[i].Clone() : RandomVector(dimension, ref rng);
            costs[i] = cost(members[i]);
        }

        for (int g = 1; g <= generations; g++)
        {
            for (int i = 0; i < population; i++)
            {
                int a;
                int b;
                int c;
                do
                {
                    a = rng.NextBelow(population);
                }
                while (a == i);

                do
                {
                    b = rng.NextBelow(population);
                }
                while (b == i || b == a);

                do
                {
                    c = rng.NextBelow(population);
                }
                while (c == i || c == a || c == b);

                var trial = new double[dimension];
                int forced = rng.NextBelow(dimension);
                for (int j = 0; j < dimension; j++)
                {
                    bool take = j == forced || rng.NextDouble() < crossover;
                    double value = take ? members[a][j] + (weight * (members[b][j] - members[c][j])) : members[i][j];
                    trial[j] = Math.Clamp(value, 0, 1);
                }

                double trialCost = cost(trial);
                if (trialCost <= costs[i])
                {
                    members[i] = trial;
                    costs[i] = trialCost;
                }
            }

            progress?.Invoke(g, costs.Min());
        }

        int best = Array.IndexOf(costs, costs.Min());
        return (members[best], costs[best]);
    }

    private static double[] RandomVector(int dimension, ref SplitMix64 rng)
    {
        var v = new double[dimension];
        for (int j = 0; j < dimension; j++)
        {
            v[j] = rng.NextDouble();
        }

        return v;
    }
}
