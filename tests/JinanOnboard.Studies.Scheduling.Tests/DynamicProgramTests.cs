using JinanOnboard.Studies.Scheduling.Keys;
using JinanOnboard.Studies.Scheduling.Strategies;

namespace JinanOnboard.Studies.Scheduling.Tests;

public sealed class DynamicProgramTests
{
    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    [InlineData(4UL)]
    [InlineData(5UL)]
    public void The_programme_matches_brute_force_on_8_intervals_and_3_cities(ulong seed)
    {
        KeyTable table = TestTables.Random(8, 3, seed);
        double[] weights = [.. table.Cities.Select(c => c.Weight)];
        var dp = new DynamicProgramScheduler(table);

        foreach (double[] c in new[] { new[] { 1.0, 1.0, 1.0 }, weights })
        {
            Schedule s = dp.Solve(c);
            Assert.True(s.IsFeasible());
            Assert.Equal(BruteForceBest(table, c), Objective(table, s, c), 9);
        }
    }

    [Fact]
    public void Switching_needs_an_idle_interval_between_two_cities()
    {
        // City 0 is best in intervals 0-1, city 1 in 2-3: switching directly is forbidden, so one interval is given up,
        // the cheaper one (interval 2, key 5 for city 1 against interval 1, key 6 for city 0).
        KeyTable table = TestTables.FromRows([[9, 0], [6, 0], [0, 5], [0, 9]]);
        Schedule s = new DynamicProgramScheduler(table).Solve([1, 1]);

        Assert.Equal([0, 0, Schedule.Idle, 1], Enumerable.Range(0, 4).Select(m => s[m]));
        Assert.True(s.IsFeasible());
        Assert.False(new Schedule([0, 1]).IsFeasible());
        Assert.True(new Schedule([0, Schedule.Idle, 1, 1]).IsFeasible());
    }

    [Fact]
    public void Intervals_without_key_free_the_switch()
    {
        // Interval 1 has no key anywhere, so it is idle and city 0 → city 1 needs nothing else.
        KeyTable table = TestTables.FromRows([[9, 0], [0, 0], [0, 9]]);
        Schedule s = new DynamicProgramScheduler(table).Solve([1, 1]);

        Assert.Equal(18, s.DeliveredBits(table).Sum());
    }

    [Fact]
    public void A_week_of_60480_intervals_and_11_cities_solves_in_well_under_a_second()
    {
        KeyTable table = TestTables.Passes(60_480, 11, 40, 7);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var dp = new DynamicProgramScheduler(table);
        Schedule s = dp.Solve([.. Enumerable.Repeat(1.0, 11)]);
        clock.Stop();

        Assert.True(s.IsFeasible());
        Assert.True(clock.Elapsed.TotalSeconds < 1.0, $"S-GD took {clock.Elapsed.TotalSeconds:F3} s");
    }

    internal static double Objective(KeyTable table, Schedule s, double[] c)
    {
        double[] e = s.DeliveredBits(table);
        return e.Select((x, n) => x * c[n]).Sum();
    }

    private static double BruteForceBest(KeyTable table, double[] c)
    {
        int m = table.Intervals;
        int states = table.CityCount + 1;
        double best = double.NegativeInfinity;
        var x = new int[m];
        int total = (int)Math.Pow(states, m);
        for (int code = 0; code < total; code++)
        {
            int rest = code;
            for (int i = 0; i < m; i++)
            {
                x[i] = (rest % states) - 1;
                rest /= states;
            }

            var s = new Schedule((int[])x.Clone());
            if (s.IsFeasible())
            {
                best = Math.Max(best, Objective(table, s, c));
            }
        }

        return best;
    }
}
