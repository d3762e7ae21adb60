using JinanOnboard.Studies.Repeaters.Chain;
using JinanOnboard.Studies.Repeaters.Key;
using JinanOnboard.Studies.Repeaters.Scenarios;
using JinanOnboard.Studies.Repeaters.Simulation;

namespace JinanOnboard.Studies.Repeaters;

/// <summary>
/// One scenario's outcome: the Monte Carlo run, the key rate lower bound, and direct transmission over the same route.
/// </summary>
/// <param name="Run">What the simulation measured.</param>
/// <param name="SecretFraction">1 − h(e_X) − f h(e_Z) (negative: no key).</param>
/// <param name="KeyRateBitsPerS">r[1 − h(e_X) − f h(e_Z)], floored at 0 (models.md §10).</param>
/// <param name="EndToEndLossDb">Channel loss of the whole route (sum of the hops' channel losses), dB.</param>
/// <param name="ChannelUsesPerS">Attempt rate given to direct transmission: the repeater's fastest link's mode rate M/τ.</param>
/// <param name="DirectBitsPerUse">PLOB bound −log2(1 − η) for the end-to-end transmittance η.</param>
/// <param name="DirectBitsPerS">PLOB bound × <paramref name="ChannelUsesPerS"/>.</param>
public sealed record RepeaterOutcome(
    RepeaterRunResult Run,
    double SecretFraction,
    double KeyRateBitsPerS,
    double EndToEndLossDb,
    double ChannelUsesPerS,
    double DirectBitsPerUse,
    double DirectBitsPerS);

/// <summary>Runs a chain and puts its key rate next to the repeaterless bound.</summary>
public static class RepeaterStudy
{
    /// <summary>
    /// Simulate <paramref name="maxEvents"/> events of <paramref name="chain"/> and compare with direct transmission:
    /// the PLOB bound (Pirandola et al., Nat. Commun. 8, 15043 (2017)) for the route's end-to-end channel loss, at the
    /// same attempt rate as the repeater, taken as the mode rate M/τ of its fastest elementary link (the most channel
    /// uses per second any of its links makes, so the comparison favours direct transmission).
    /// </summary>
    public static RepeaterOutcome Run(RepeaterChain chain, ulong seed, long maxEvents)
    {
        ArgumentNullException.ThrowIfNull(chain);
        RepeaterRunResult run = new RepeaterSimulator(chain, seed).Run(maxEvents);
        double fraction = run.DeliveredPairs > 0
            ? RepeaterKeyRate.SecretFraction(run.ErrorX, run.ErrorZ, chain.Settings.ErrorCorrectionInefficiency)
            : double.NaN;
        double key = RepeaterKeyRate.LowerBoundBitsPerS(run.PairRatePerS, run.ErrorX, run.ErrorZ, chain.Settings.ErrorCorrectionInefficiency);
        double eta = chain.EndToEndTransmittance;
        double fastestCycleS = Enumerable.Range(0, chain.Links.Count).Min(chain.CycleS);
        double uses = chain.Settings.Modes / fastestCycleS;
        double perUse = RepeaterKeyRate.PlobBitsPerUse(eta);
        return new RepeaterOutcome(run, fraction, key, -10.0 * Math.Log10(eta), uses, perUse, perUse * uses);
    }

    /// <summary>The chain with another coherence time and no cutoff (the coherence sweep shows the memory alone).</summary>
    public static RepeaterChain WithCoherence(RepeaterChain chain, double coherenceTimeS)
    {
        ArgumentNullException.ThrowIfNull(chain);
        return chain with { Settings = chain.Settings with { CoherenceTimeS = coherenceTimeS, CutoffS = double.PositiveInfinity } };
    }

    /// <summary>The chain with another cutoff (coherence time unchanged).</summary>
    public static RepeaterChain WithCutoff(RepeaterChain chain, double cutoffS)
    {
        ArgumentNullException.ThrowIfNull(chain);
        return chain with { Settings = chain.Settings with { CutoffS = cutoffS } };
    }

    /// <summary>Builds a scenario's chain (see <see cref="ScenarioChain.Build"/>).</summary>
    public static ScenarioChain Build(RepeaterStudyConfig config, RepeaterScenario scenario, JinanOnboard.Physics.Parameters.PhysicsParameterSet downlinkSet, JinanOnboard.Physics.Parameters.PhysicsParameterSet islSet, RepeaterSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        return ScenarioChain.Build(config, scenario, downlinkSet, islSet, settings ?? config.Settings);
    }
}
