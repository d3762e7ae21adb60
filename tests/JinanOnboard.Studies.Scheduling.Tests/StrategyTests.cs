using JinanOnboard.Studies.Scheduling.Keys;
using JinanOnboard.Studies.Scheduling.Relay;
using JinanOnboard.Studies.Scheduling.Strategies;
using JinanOnboard.Studies.Scheduling.Study;

namespace JinanOnboard.Studies.Scheduling.Tests;

public sealed class StrategyTests
{
    private static readonly GeneticOptions QuickGa = new(Population: 30, Generations: 150);

    [Theory]
    [InlineData(11UL)]
    [InlineData(12UL)]
    public void The_exact_programme_is_never_beaten_by_the_genetic_algorithm_on_S_GD_and_S_PD(ulong seed)
    {
        KeyTable table = TestTables.Passes(3000, 5, 6, seed);
        IReadOnlyList<StrategyComparison> results = ScheduleStudy.Run(table, new ScheduleStudyOptions(seed, ["S-GD", "S-PD"], QuickGa));

        foreach (StrategyComparison r in results)
        {
            Assert.True(r.Exact.Objective >= r.Genetic.Objective, $"{r.Strategy}: DP {r.Exact.Objective} < GA {r.Genetic.Objective}");
            Assert.True(r.Genetic.Objective > 0);
        }
    }

    [Fact]
    public void S_TD_reaches_the_divergence_target_and_every_schedule_obeys_the_switching_rule()
    {
        KeyTable table = TestTables.Passes(3000, 5, 6, 21);
        StrategyComparison td = ScheduleStudy.Run(table, new ScheduleStudyOptions(21, ["S-TD"], QuickGa)).Single();

        Assert.True(td.TargetReached);
        Assert.True(td.Exact.KlDivergence < 0.01, $"D_KL {td.Exact.KlDivergence}");
        Assert.True(td.Exact.TotalBits > 0);
        // Sharing by population costs key against the unconstrained optimum.
        double gd = new DynamicProgramScheduler(table).Solve([1, 1, 1, 1, 1]).DeliveredBits(table).Sum();
        Assert.True(td.Exact.TotalBits <= gd);
    }

    [Fact]
    public void The_genetic_algorithm_is_deterministic_for_a_seed()
    {
        KeyTable table = TestTables.Passes(1000, 3, 4, 5);
        var dp = new DynamicProgramScheduler(table);
        double[] w = [.. table.Cities.Select(c => c.Weight)];
        GeneticResult a = new GeneticScheduler(dp).Run(GeneticObjective.TotalKey, w, QuickGa, 9, "S-GD");
        GeneticResult b = new GeneticScheduler(dp).Run(GeneticObjective.TotalKey, w, QuickGa, 9, "S-GD");

        Assert.Equal(a.Objective, b.Objective);
        Assert.True(a.Schedule.IsFeasible());
    }

    [Fact]
    public void Trimming_turns_served_intervals_idle_until_the_shares_match()
    {
        // Two cities of weights ∝ 4.05 and 0.87 (Urumqi, Lhasa); everything goes to Urumqi first.
        KeyTable table = TestTables.FromRows([[5, 1], [5, 1], [0, 0], [0, 2], [1, 0]]);
        var dp = new DynamicProgramScheduler(table);
        double[] w = [.. table.Cities.Select(c => c.Weight)];
        TargetDistributionResult r = new TargetDistributionScheduler(dp).Solve(w, 0.01);

        Assert.True(r.Schedule.IsFeasible());
        Assert.True(r.KlDivergence < 0.01 || !r.TargetReached);
    }

    [Fact]
    public void The_relay_shares_the_shorter_of_the_two_keys()
    {
        IReadOnlyList<PairKey> pairs = XorRelay.Pairs(["A", "B", "C"], [10, 4, 7]);

        Assert.Equal([4.0, 7.0, 4.0], pairs.Select(p => p.KeysBits));
        Assert.Equal(("A", "B"), (pairs[0].CityA, pairs[0].CityB));
    }

    [Fact]
    public void Divergence_is_zero_at_the_weights_and_positive_elsewhere()
    {
        Assert.Equal(0, ShareDivergence.Of([2, 6], [0.25, 0.75]), 12);
        // p = (0.5, 0.5) against q = (0.25, 0.75): 0.5 ln 2 + 0.5 ln(2/3) = 0.143841.
        Assert.Equal(0.143841, ShareDivergence.Of([1, 1], [0.25, 0.75]), 6);
        Assert.Equal(double.PositiveInfinity, ShareDivergence.Of([0, 0], [0.5, 0.5]));
    }

    [Fact]
    public void Unknown_strategies_are_refused()
    {
        Assert.Equal(["S-GD", "S-TD"], ScheduleStudy.ParseStrategies("s-gd, S-TD"));
        Assert.Throws<ArgumentException>(() => ScheduleStudy.ParseStrategies("S-XX"));
    }
}
