namespace JinanOnboard.Studies.Scheduling.Strategies;

/// <summary>
/// Settings of the genetic algorithm (models.md §8 names its operators, not their settings: these are ASSUMED).
/// Mutation probability per gene defaults to 1/L for L active intervals.
/// </summary>
public sealed record GeneticOptions(int Population = 40, int Generations = 300, double CrossoverProbability = 0.9, double? MutationPerGene = null, int TournamentSize = 2)
{
    /// <summary>Throws on values the algorithm cannot run with.</summary>
    public void Validate()
    {
        if (Population < 4 || Population > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(Population), Population, "population must be in [4, 10000]");
        }

        if (Generations < 0 || Generations > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(Generations), Generations, "generations must be in [0, 1000000]");
        }

        if (CrossoverProbability is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(CrossoverProbability), CrossoverProbability, "must be in [0, 1]");
        }

        if (MutationPerGene is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MutationPerGene), MutationPerGene, "must be in [0, 1]");
        }

        if (TournamentSize < 1 || TournamentSize > Population)
        {
            throw new ArgumentOutOfRangeException(nameof(TournamentSize), TournamentSize, "must be in [1, population]");
        }
    }
}
