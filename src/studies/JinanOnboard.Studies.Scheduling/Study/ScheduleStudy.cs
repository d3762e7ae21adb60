using JinanOnboard.Studies.Scheduling.Keys;
using JinanOnboard.Studies.Scheduling.Relay;
using JinanOnboard.Studies.Scheduling.Strategies;

namespace JinanOnboard.Studies.Scheduling.Study;

/// <summary>Settings of a scheduling run: seed, strategies, the GA's settings and the S-TD target.</summary>
public sealed record ScheduleStudyOptions(ulong Seed, IReadOnlyList<string> Strategies, GeneticOptions Genetic, double TargetKl = 0.01);

/// <summary>
/// Solves the chosen strategies of models.md §8 over one key table, each exactly (S-GD, S-PD by dynamic programming;
/// S-TD by the Lagrangian dynamic programme with trimming) and by the study's genetic algorithm, and counts the XOR-relay
/// pair keys (§9) of each solution.
/// </summary>
public static class ScheduleStudy
{
    /// <summary>The strategy names, in the order they are reported.</summary>
    public static IReadOnlyList<string> StrategyNames { get; } = ["S-GD", "S-PD", "S-TD"];

    /// <summary>"S-GD,S-PD" → the names, upper-cased; throws <see cref="ArgumentException"/> naming an unknown one.</summary>
    public static IReadOnlyList<string> ParseStrategies(string? spec)
    {
        if (string.IsNullOrWhiteSpace(spec))
        {
            return StrategyNames;
        }

        var chosen = new List<string>();
        foreach (string raw in spec.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string name = raw.ToUpperInvariant();
            if (!StrategyNames.Contains(name))
            {
                throw new ArgumentException($"unknown strategy '{raw}'; known: {string.Join(", ", StrategyNames)}", nameof(spec));
            }

            if (!chosen.Contains(name))
            {
                chosen.Add(name);
            }
        }

        return chosen.Count == 0 ? StrategyNames : chosen;
    }

    /// <summary>Run every chosen strategy over <paramref name="table"/>.</summary>
    public static IReadOnlyList<StrategyComparison> Run(KeyTable table, ScheduleStudyOptions options)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        double[] weights = [.. table.Cities.Select(c => c.Weight)];
        double[] ones = [.. weights.Select(_ => 1.0)];
        var dp = new DynamicProgramScheduler(table);
        var ga = new GeneticScheduler(dp);
        var results = new List<StrategyComparison>();
        foreach (string strategy in options.Strategies)
        {
            switch (strategy)
            {
                case "S-GD":
                {
                    Schedule exact = dp.Solve(ones);
                    GeneticResult g = ga.Run(GeneticObjective.TotalKey, weights, options.Genetic, options.Seed, strategy);
                    results.Add(new StrategyComparison(strategy, "maximise Σ E_n", Outcome("dynamic programme (exact)", table, exact, ones, options.TargetKl, false),
                        Outcome("genetic algorithm", table, g.Schedule, ones, options.TargetKl, false), null, null, null));
                    break;
                }

                case "S-PD":
                {
                    Schedule exact = dp.Solve(weights);
                    GeneticResult g = ga.Run(GeneticObjective.WeightedKey, weights, options.Genetic, options.Seed, strategy);
                    results.Add(new StrategyComparison(strategy, "maximise Σ w_n E_n", Outcome("dynamic programme (exact)", table, exact, weights, options.TargetKl, false),
                        Outcome("genetic algorithm", table, g.Schedule, weights, options.TargetKl, false), null, null, null));
                    break;
                }

                default:
                {
                    TargetDistributionResult td = new TargetDistributionScheduler(dp).Solve(weights, options.TargetKl);
                    GeneticResult g = ga.Run(GeneticObjective.TargetDistribution, weights, options.Genetic, options.Seed, strategy, options.TargetKl);
                    results.Add(new StrategyComparison(strategy, $"maximise Σ E_n with D_KL < {options.TargetKl}",
                        Outcome("Lagrangian dynamic programme + trimming", table, td.Schedule, ones, options.TargetKl, true),
                        Outcome("genetic algorithm (study's selection)", table, g.Schedule, ones, options.TargetKl, true),
                        td.TargetReached, td.Iterations, td.IntervalsTrimmed));
                    break;
                }
            }
        }

        return results;
    }

    private static StrategyOutcome Outcome(string method, KeyTable table, Schedule schedule, double[] coefficients, double targetKl, bool klConstrained)
    {
        if (!schedule.IsFeasible())
        {
            throw new InvalidOperationException($"{method} produced a schedule that breaks the switching rule");
        }

        double[] e = schedule.DeliveredBits(table);
        double total = e.Sum();
        double objective = 0;
        for (int n = 0; n < e.Length; n++)
        {
            objective += coefficients[n] * e[n];
        }

        double[] weights = [.. table.Cities.Select(c => c.Weight)];
        double kl = ShareDivergence.Of(e, weights);
        string[] names = [.. table.Cities.Select(c => c.Name)];
        return new StrategyOutcome(
            method,
            objective,
            total,
            kl,
            !klConstrained || kl < targetKl,
            [.. table.Cities.Select((c, n) => new CityDelivery(c.Name, c.Weight, e[n], total > 0 ? e[n] / total : 0))],
            [.. schedule.Runs().Select(r => new NamedRun(r.StartInterval, r.Length, names[r.City]))],
            XorRelay.Pairs(names, e));
    }
}
