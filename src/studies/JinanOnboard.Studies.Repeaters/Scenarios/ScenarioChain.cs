using JinanOnboard.Physics.Budgets;
using JinanOnboard.Physics.Parameters;
using JinanOnboard.Studies.Repeaters.Chain;

namespace JinanOnboard.Studies.Repeaters.Scenarios;

/// <summary>A scenario turned into a repeater chain: its hops, the link budget of each, and the chain the simulator runs.</summary>
public sealed record ScenarioChain(RepeaterScenario Scenario, IReadOnlyList<ChainHop> Hops, IReadOnlyList<LinkBudget> Budgets, RepeaterChain Chain)
{
    /// <summary>
    /// Build the chain of <paramref name="scenario"/>: geometry from <see cref="ChainGeometry"/>, each hop's loss from the
    /// project's link budget (models.md §2 for satellite-to-ground hops with <paramref name="downlinkSet"/>, §4 for
    /// inter-satellite hops with <paramref name="islSet"/>) without its detector term, because a memory receives.
    /// Satellites emit on their ground hops (downlinks); on an inter-satellite hop the western satellite emits.
    /// </summary>
    /// <exception cref="ArgumentException">A station sees its satellite below the set's minimum elevation, or an
    /// inter-satellite beam passes below <see cref="RepeaterStudyConfig.MinIslRayAltitudeKm"/>.</exception>
    public static ScenarioChain Build(RepeaterStudyConfig config, RepeaterScenario scenario, PhysicsParameterSet downlinkSet, PhysicsParameterSet islSet, RepeaterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(downlinkSet);
        ArgumentNullException.ThrowIfNull(islSet);
        if (downlinkSet.Kind != LinkKind.Downlink || islSet.Kind != LinkKind.InterSatellite)
        {
            throw new ArgumentException($"the downlink set must be a downlink ({downlinkSet.Name} is {downlinkSet.Kind}) and the ISL set an inter-satellite link ({islSet.Name} is {islSet.Kind})");
        }

        var down = new LinkBudgetCalculator(downlinkSet);
        var isl = new LinkBudgetCalculator(islSet);
        double minElevationDeg = downlinkSet.NumberOr("orbit.min_elevation_deg", 10);
        IReadOnlyList<ChainHop> hops = ChainGeometry.Hops(scenario, config.AltitudeKm);
        var budgets = new List<LinkBudget>();
        var links = new List<RepeaterLink>();
        for (int i = 0; i < hops.Count; i++)
        {
            ChainHop hop = hops[i];
            LinkBudget budget;
            bool emitterIsLeft;
            if (hop.IsInterSatellite)
            {
                if (hop.LowestRayAltitudeKm < config.MinIslRayAltitudeKm)
                {
                    throw new ArgumentException($"scenario {scenario.Name}: hop {hop.Name} passes {hop.LowestRayAltitudeKm:F0} km above the ground, below the {config.MinIslRayAltitudeKm} km limit (add satellites)");
                }

                budget = isl.Compute(hop.RangeKm, 0);
                emitterIsLeft = true;
            }
            else
            {
                if (hop.ElevationDeg < minElevationDeg)
                {
                    throw new ArgumentException($"scenario {scenario.Name}: hop {hop.Name} is at {hop.ElevationDeg:F1} deg elevation, below the {minElevationDeg} deg minimum (reduce the station offset)");
                }

                budget = down.Compute(hop.RangeKm, hop.ElevationDeg);
                emitterIsLeft = i != 0; // the satellite emits: the right node on A-S1, the left node on Sn-B
            }

            budgets.Add(budget);
            double channelDb = budget.TotalLossDb - budget.DetectorLossDb;
            links.Add(new RepeaterLink(hop.Name, hop.RangeKm, LinkBudget.FromLossDb(channelDb), emitterIsLeft, config.LinkInitialError));
        }

        var chain = new RepeaterChain(scenario.Name, links, settings);
        chain.Validate();
        return new ScenarioChain(scenario, hops, budgets, chain);
    }
}
