using System.Diagnostics;
using JinanOnboard.Studies.Repeaters.Chain;
using JinanOnboard.Studies.Repeaters.Simulation;
using Xunit.Abstractions;

namespace JinanOnboard.Studies.Repeaters.Tests;

public sealed class RepeaterSimulatorTests(ITestOutputHelper output)
{
    [Fact]
    public void One_link_delivers_p_over_tau_pairs_and_dephases_the_emitter_qubit_for_the_flight_time()
    {
        const double p = 0.25;
        const double lengthKm = 900;
        RepeaterSettings settings = TestChains.Ideal() with { CoherenceTimeS = 0.01 };
        var chain = new RepeaterChain("one", [new RepeaterLink("A-B", lengthKm, p, EmitterIsLeft: true, 0)], settings);

        RepeaterRunResult run = new RepeaterSimulator(chain, 1).Run(400_000);

        // Each delivery takes K cycles, E[K] = 1/p: r = p/τ (renewal reward theorem).
        Assert.Equal(p / chain.CycleS(0), run.PairRatePerS, 0.02 * p / chain.CycleS(0));
        double flightS = lengthKm / RepeaterLink.SpeedOfLightKmPerS;
        Assert.Equal(MemoryDephasing.FlipProbability(flightS, 0.01), run.ErrorX, 9); // ages are differences of large simulated times
        Assert.Equal(0, run.ErrorZ);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    public void Two_links_from_a_middle_source_deliver_at_the_rate_of_the_expected_maximum_of_two_geometric_counts(double swap)
    {
        const double p = 0.2;
        RepeaterChain chain = TestChains.TwoLinks(p, 600, TestChains.Ideal(swap));

        RepeaterRunResult run = new RepeaterSimulator(chain, 2).Run(1_000_000);

        // Both links restart together; the middle node knows of a success at the end of its cycle, K τ after the start,
        // so a round lasts max(K1, K2) τ with E[max] = (3 − 2p) / (p (2 − p)), and a fraction `swap` of rounds delivers.
        double expected = swap * p * (2 - p) / ((3 - (2 * p)) * chain.CycleS(0));
        Assert.Equal(expected, run.PairRatePerS, 0.02 * expected);
        Assert.Equal(0, run.ErrorX);
        Assert.Equal(0, run.ErrorZ);
        Assert.Equal(0, run.CutoffDiscards);
        Assert.Equal(1 - swap, run.SwapFailures / (double)run.SwapAttempts, 0.01);
    }

    [Fact]
    public void Shorter_coherence_raises_e_X_monotonically_and_leaves_e_Z_alone()
    {
        double previous = -1;
        double? errorZ = null;
        foreach (double t2 in new[] { double.PositiveInfinity, 100, 10, 1, 0.1, 0.01 })
        {
            RepeaterChain chain = TestChains.Line(4, 0.1, 1000, TestChains.Ideal(0.5) with { CoherenceTimeS = t2 });
            RepeaterRunResult run = new RepeaterSimulator(chain, 5).Run(200_000);
            Assert.True(run.ErrorX > previous, $"T2 = {t2}: e_X {run.ErrorX} not above {previous}");
            previous = run.ErrorX;
            errorZ ??= run.ErrorZ;
            Assert.Equal(errorZ.Value, run.ErrorZ, 12);
        }

        // Four fresh pairs of 1% error each: e_Z = (1 − 0.98⁴)/2 for every pair.
        Assert.Equal((1 - Math.Pow(0.98, 4)) / 2, errorZ!.Value, 12);
    }

    [Fact]
    public void Without_dephasing_or_link_errors_the_delivered_pairs_are_perfect()
    {
        RepeaterRunResult run = new RepeaterSimulator(TestChains.Line(5, 0.05, 800, TestChains.Ideal(0.5), initialError: 0), 9).Run(300_000);

        Assert.True(run.DeliveredPairs > 100);
        Assert.Equal(0, run.ErrorX);
        Assert.Equal(0, run.ErrorZ);
    }

    [Fact]
    public void The_cutoff_discards_old_qubits_so_none_is_used_older_than_t_cut()
    {
        const double cutoffS = 0.02;
        RepeaterSettings settings = TestChains.Ideal(0.5) with { CutoffS = cutoffS };
        RepeaterRunResult cut = new RepeaterSimulator(TestChains.Line(3, 0.05, 1000, settings), 4).Run(300_000);
        RepeaterRunResult free = new RepeaterSimulator(TestChains.Line(3, 0.05, 1000, TestChains.Ideal(0.5)), 4).Run(300_000);

        Assert.True(cut.CutoffDiscards > 100, $"{cut.CutoffDiscards} discards");
        Assert.True(cut.MaxAgeAtUseS <= cutoffS, $"a qubit was used at {cut.MaxAgeAtUseS} s");
        Assert.True(cut.DeliveredPairs > 0);
        Assert.Equal(0, free.CutoffDiscards);
        Assert.True(free.MaxAgeAtUseS > cutoffS, $"without cutoff the oldest qubit used was only {free.MaxAgeAtUseS} s");
    }

    [Fact]
    public void The_same_seed_gives_the_same_run_and_another_seed_another()
    {
        RepeaterChain chain = TestChains.Line(4, 0.02, 1200, TestChains.Ideal(0.5) with { CoherenceTimeS = 0.5, CutoffS = 0.1 });

        RepeaterRunResult first = new RepeaterSimulator(chain, 42).Run(200_000);
        RepeaterRunResult again = new RepeaterSimulator(chain, 42).Run(200_000);
        RepeaterRunResult other = new RepeaterSimulator(chain, 43).Run(200_000);

        Assert.Equal(first, again);
        Assert.NotEqual(first.SimulatedS, other.SimulatedS);
    }

    [Fact]
    public void Simultaneous_events_resolve_in_scheduling_order()
    {
        Assert.True(new EventOrder(1.0, 5) < new EventOrder(1.0, 6));
        Assert.True(new EventOrder(0.5, 9) < new EventOrder(1.0, 1));
    }

    [Fact]
    public void The_event_loop_runs_well_over_a_quarter_million_events_per_second()
    {
        RepeaterChain chain = TestChains.Line(7, 0.01, 1500, TestChains.Ideal(0.5) with { Modes = 100, CoherenceTimeS = 1, CutoffS = 0.2 });
        new RepeaterSimulator(chain, 1).Run(50_000); // JIT warm-up

        var watch = Stopwatch.StartNew();
        RepeaterRunResult run = new RepeaterSimulator(chain, 1).Run(2_000_000);
        watch.Stop();

        double perS = run.Events / watch.Elapsed.TotalSeconds;
        output.WriteLine($"{run.Events} events in {watch.Elapsed.TotalSeconds:F3} s: {perS:E3} events/s");
        Assert.Equal(2_000_000, run.Events);
        Assert.True(perS > 2.5e5, $"{perS:E3} events/s"); // generous: the target is 1e6 per core on a shared machine
    }
}
