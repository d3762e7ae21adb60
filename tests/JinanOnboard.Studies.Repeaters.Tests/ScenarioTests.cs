using JinanOnboard.Physics.Budgets;
using JinanOnboard.Physics.Parameters;
using JinanOnboard.Studies.Repeaters.Key;
using JinanOnboard.Studies.Repeaters.Scenarios;

namespace JinanOnboard.Studies.Repeaters.Tests;

public sealed class ScenarioTests
{
    private static readonly string Root = PhysicsParameterSet.FindRepositoryRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("repository root not found");

    private static RepeaterStudyConfig Shipped() =>
        RepeaterStudyConfig.Parse(File.ReadAllText(Path.Combine(Root, RepeaterStudyConfig.DefaultRelativePath)), "repeater.json");

    private static ScenarioChain Build(string name)
    {
        RepeaterStudyConfig config = Shipped();
        return RepeaterStudy.Build(config, config.Scenario(name)!, PhysicsParameterSet.Named(config.DownlinkParameterSet), PhysicsParameterSet.Named(config.IslParameterSet));
    }

    [Fact]
    public void The_shipped_configuration_has_the_two_scenarios()
    {
        RepeaterStudyConfig config = Shipped();

        Assert.Equal(["a", "b"], config.Scenarios.Select(s => s.Name));
        config.Settings.Validate();
    }

    [Fact]
    public void Scenario_a_is_two_downlinks_and_one_inter_satellite_link_on_the_equator()
    {
        ScenarioChain a = Build("a");

        Assert.Equal(["A-S1", "S1-S2", "S2-B"], a.Hops.Select(h => h.Name));
        Assert.Equal([false, true, false], a.Hops.Select(h => h.IsInterSatellite));

        // Spherical check on the equator: satellite at radius R + h, 250 km of arc from the station.
        const double r = 6378.137;
        double psi = 250 / r;
        double slant = Math.Sqrt((r * r) + ((r + 500) * (r + 500)) - (2 * r * (r + 500) * Math.Cos(psi)));
        Assert.Equal(slant, a.Hops[0].RangeKm, 1e-6 * slant);
        double elevation = Math.Atan2(((r + 500) * Math.Cos(psi)) - r, (r + 500) * Math.Sin(psi)) * 180 / Math.PI;
        Assert.Equal(elevation, a.Hops[0].ElevationDeg, 1e-6);
        double chord = 2 * (r + 500) * Math.Sin(1000 / r / 2);
        Assert.Equal(chord, a.Hops[1].RangeKm, 1e-6 * chord);
        Assert.Equal(a.Hops[0].RangeKm, a.Hops[2].RangeKm, 1e-6);
    }

    [Fact]
    public void Each_link_carries_its_budget_without_the_detector_and_the_satellites_emit_the_downlinks()
    {
        ScenarioChain b = Build("b");

        Assert.Equal(7, b.Chain.Links.Count);
        for (int i = 0; i < b.Hops.Count; i++)
        {
            LinkBudget budget = b.Budgets[i];
            Assert.Equal(budget.TotalLossDb - budget.DetectorLossDb, b.Chain.Links[i].ChannelLossDb, 9);
            Assert.True(b.Hops[i].IsInterSatellite ? b.Hops[i].LowestRayAltitudeKm > 100 : b.Hops[i].ElevationDeg > 10);
        }

        Assert.False(b.Chain.Links[0].EmitterIsLeft); // S1 sends to A
        Assert.True(b.Chain.Links[^1].EmitterIsLeft); // S6 sends to B
        var calculator = new LinkBudgetCalculator(PhysicsParameterSet.Named("ring-constellation"));
        Assert.Equal(calculator.Compute(b.Hops[1].RangeKm, 0).GeometricLossDb, b.Budgets[1].GeometricLossDb, 12);
    }

    [Fact]
    public void Too_few_satellites_for_the_distance_are_refused_with_the_hop_named()
    {
        RepeaterStudyConfig config = Shipped();
        var sparse = new RepeaterScenario("sparse", "two satellites over 7,600 km", 7600, 2, 250);

        ArgumentException e = Assert.Throws<ArgumentException>(() =>
            RepeaterStudy.Build(config, sparse, PhysicsParameterSet.Named(config.DownlinkParameterSet), PhysicsParameterSet.Named(config.IslParameterSet)));
        Assert.Contains("S1-S2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Direct_transmission_is_the_PLOB_bound_of_the_whole_route_at_the_fastest_links_mode_rate()
    {
        ScenarioChain a = Build("a");

        RepeaterOutcome outcome = RepeaterStudy.Run(a.Chain, 1, 20_000);

        double eta = a.Chain.Links.Aggregate(1.0, (p, l) => p * l.ChannelTransmittance);
        double uses = a.Chain.Settings.Modes / a.Chain.CycleS(0); // the downlinks are the shortest hops
        Assert.Equal(RepeaterKeyRate.PlobBitsPerUse(eta) * uses, outcome.DirectBitsPerS, 1e-9 * outcome.DirectBitsPerS);
        Assert.Equal(a.Chain.Links.Sum(l => l.ChannelLossDb), outcome.EndToEndLossDb, 9);
        Assert.True(outcome.KeyRateBitsPerS > outcome.DirectBitsPerS);
    }

    [Theory]
    [InlineData("\"modes\": 100", "\"modes\": 0", "'memory.modes' = 0 must be in")]
    [InlineData("\"coherence_time_s\": 1.0", "\"coherence_time_s\": -1", "'memory.coherence_time_s' = -1 must be in")]
    [InlineData("\"cutoff_s\": 0.2", "\"cutoff_s\": 0", "'memory.cutoff_s' = 0 must be in")]
    [InlineData("\"efficiency\": 0.7", "\"efficienc\": 0.7", "required key 'memory.efficiency' is missing")]
    public void A_bad_configuration_value_gives_one_line_naming_the_key(string good, string bad, string message)
    {
        string text = File.ReadAllText(Path.Combine(Root, RepeaterStudyConfig.DefaultRelativePath));
        Assert.Contains(good, text, StringComparison.Ordinal);

        FormatException e = Assert.Throws<FormatException>(() => RepeaterStudyConfig.Parse(text.Replace(good, bad, StringComparison.Ordinal), "repeater.json"));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }
}
