using JinanOnboard.Primitives.Randomness;

namespace JinanOnboard.Studies.Scheduling.Strategies;

/// <summary>What the genetic algorithm optimises (models.md §8).</summary>
public enum GeneticObjective
{
    /// <summary>S-GD: Σ_n E_n.</summary>
    TotalKey,

    /// <summary>S-PD: Σ_n w_n E_n.</summary>
    WeightedKey,

    /// <summary>S-TD: Σ_n E_n with D_KL driven down by the study's selection (keep the 2j fittest, then the j with lowest D_KL).</summary>
    TargetDistribution,
}

/// <summary>The GA's best schedule and its figures.</summary>
public sealed record GeneticResult(Schedule Schedule, double Objective, double TotalBits, double KlDivergence, int Generations);

/// <summary>
/// The study's genetic algorithm (models.md §8): a chromosome is the city (or idle) of every active interval
/// (<see cref="ActiveIntervals"/>); random initial population; tournament (fitness) selection; two-point crossover;
/// per-gene mutation to a random city that can get key there, or idle; a repair pass that idles any interval switching
/// directly to another city, so every chromosome obeys the switching rule; elitism (the best survives). For S-TD, each
/// generation breeds 2j children and, of parents and children, keeps the 2j with the most key and of those the j with
/// the lowest D_KL, as the study describes. All draws come from one seeded SplitMix64 stream.
/// </summary>
public sealed class GeneticScheduler
{
    /// <summary>The stream label (then the strategy name): derive(derive(seed, "schedule.ga"), strategy).</summary>
    public const string StreamLabel = "schedule.ga";

    private readonly DynamicProgramScheduler _dp;
    private readonly ActiveIntervals _active;

    /// <summary>Over the same compact table as the exact scheduler, so both solve the same problem.</summary>
    public GeneticScheduler(DynamicProgramScheduler dp)
    {
        ArgumentNullException.ThrowIfNull(dp);
        _dp = dp;
        _active = dp.Active;
    }

    /// <summary>Run the GA for one objective; <paramref name="strategyName"/> names the random stream.</summary>
    public GeneticResult Run(GeneticObjective objective, IReadOnlyList<double> weights, GeneticOptions options, ulong seed, string strategyName, double targetKl = 0.01)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var run = new GaRun(this, objective, [.. weights], options, SeedSequence.CreateGenerator(SeedSequence.Derive(seed, StreamLabel), strategyName), targetKl);
        return run.Execute();
    }

    private sealed class GaRun
    {
        private readonly GeneticScheduler _owner;
        private readonly GeneticObjective _objective;
        private readonly double[] _weights;
        private readonly GeneticOptions _options;
        private readonly double _targetKl;
        private readonly int _length;
        private readonly int _cities;
        private readonly double _mutation;
        private readonly int[][] _candidates;
        private SplitMix64 _random;

        public GaRun(GeneticScheduler owner, GeneticObjective objective, double[] weights, GeneticOptions options, SplitMix64 random, double targetKl)
        {
            _owner = owner;
            _objective = objective;
            _weights = weights;
            _options = options;
            _random = random;
            _targetKl = targetKl;
            ActiveIntervals a = owner._active;
            _length = a.Count;
            _cities = a.CityCount;
            _mutation = options.MutationPerGene ?? (_length > 0 ? 1.0 / _length : 0);
            // Per gene, the values worth drawing: idle or a city that gets key there.
            _candidates = new int[_length][];
            for (int i = 0; i < _length; i++)
            {
                var list = new List<int> { Schedule.Idle };
                for (int c = 0; c < _cities; c++)
                {
                    if (a.Keys[(i * _cities) + c] > 0)
                    {
                        list.Add(c);
                    }
                }

                _candidates[i] = [.. list];
            }
        }

        public GeneticResult Execute()
        {
            int p = _options.Population;
            var population = new List<Individual>(p);
            for (int k = 0; k < p; k++)
            {
                var genes = new int[_length];
                for (int i = 0; i < _length; i++)
                {
                    genes[i] = RandomGene(i);
                }

                population.Add(Evaluate(Repair(genes)));
            }

            for (int g = 0; g < _options.Generations; g++)
            {
                population = _objective == GeneticObjective.TargetDistribution ? NextByStudyRule(population) : NextElitist(population);
            }

            Individual bestIndividual = Best(population);
            Schedule schedule = _owner._active.Expand(bestIndividual.Genes, _owner._dp.Table.Intervals);
            return new GeneticResult(schedule, bestIndividual.Fitness, bestIndividual.Total, bestIndividual.Kl, _options.Generations);
        }

        private Individual Best(List<Individual> population)
        {
            if (_objective != GeneticObjective.TargetDistribution)
            {
                return population.MaxBy(i => i.Fitness)!;
            }

            // S-TD: the most key among those under the target, else the closest to the weights.
            Individual? feasible = population.Where(i => i.Kl < _targetKl).MaxBy(i => i.Total);
            return feasible ?? population.MinBy(i => i.Kl)!;
        }

        private List<Individual> NextElitist(List<Individual> population)
        {
            var next = new List<Individual>(population.Count) { population.MaxBy(i => i.Fitness)! };
            while (next.Count < population.Count)
            {
                foreach (int[] child in Breed(population))
                {
                    if (next.Count < population.Count)
                    {
                        next.Add(Evaluate(child));
                    }
                }
            }

            return next;
        }

        private List<Individual> NextByStudyRule(List<Individual> population)
        {
            int j = population.Count;
            var pool = new List<Individual>(3 * j);
            pool.AddRange(population);
            while (pool.Count < 3 * j)
            {
                foreach (int[] child in Breed(population))
                {
                    pool.Add(Evaluate(child));
                }
            }

            // Keep the 2j fittest (most key), then of those the j with the lowest D_KL (models.md §8).
            return [.. pool.OrderByDescending(i => i.Total).Take(2 * j).OrderBy(i => i.Kl).Take(j)];
        }

        private IEnumerable<int[]> Breed(List<Individual> population)
        {
            int[] a = (int[])Select(population).Genes.Clone();
            int[] b = (int[])Select(population).Genes.Clone();
            if (_length > 1 && _random.NextDouble() < _options.CrossoverProbability)
            {
                // Two-point crossover: swap the genes between two cut points.
                int x = _random.NextBelow(_length);
                int y = _random.NextBelow(_length);
                for (int i = Math.Min(x, y); i < Math.Max(x, y); i++)
                {
                    (a[i], b[i]) = (b[i], a[i]);
                }
            }

            Mutate(a);
            Mutate(b);
            yield return Repair(a);
            yield return Repair(b);
        }

        private Individual Select(List<Individual> population)
        {
            // Tournament: the fitter of k random individuals.
            Individual best = population[_random.NextBelow(population.Count)];
            for (int k = 1; k < _options.TournamentSize; k++)
            {
                Individual other = population[_random.NextBelow(population.Count)];
                if (Fitness(other) > Fitness(best))
                {
                    best = other;
                }
            }

            return best;
        }

        private double Fitness(Individual i) => _objective == GeneticObjective.TargetDistribution ? i.Total : i.Fitness;

        private void Mutate(int[] genes)
        {
            if (_mutation <= 0)
            {
                return;
            }

            for (int i = 0; i < genes.Length; i++)
            {
                if (_random.NextDouble() < _mutation)
                {
                    genes[i] = RandomGene(i);
                }
            }
        }

        private int RandomGene(int i) => _candidates[i][_random.NextBelow(_candidates[i].Length)];

        private int[] Repair(int[] genes)
        {
            bool[] follows = _owner._active.FollowsPrevious;
            for (int i = 1; i < genes.Length; i++)
            {
                if (follows[i] && genes[i] != Schedule.Idle && genes[i - 1] != Schedule.Idle && genes[i] != genes[i - 1])
                {
                    genes[i] = Schedule.Idle;
                }
            }

            return genes;
        }

        private Individual Evaluate(int[] genes)
        {
            Span<double> e = stackalloc double[_cities];
            e.Clear();
            double[] keys = _owner._active.Keys;
            for (int i = 0; i < genes.Length; i++)
            {
                if (genes[i] != Schedule.Idle)
                {
                    e[genes[i]] += keys[(i * _cities) + genes[i]];
                }
            }

            double total = 0;
            double weighted = 0;
            for (int c = 0; c < _cities; c++)
            {
                total += e[c];
                weighted += _weights[c] * e[c];
            }

            double fitness = _objective == GeneticObjective.WeightedKey ? weighted : total;
            return new Individual(genes, fitness, total, ShareDivergence.Of(e, _weights));
        }
    }

    private sealed record Individual(int[] Genes, double Fitness, double Total, double Kl);
}
