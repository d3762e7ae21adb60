using JinanOnboard.Detection.Indexing;
using JinanOnboard.Primitives.Randomness;
using JinanOnboard.Runtime.Plan;

namespace JinanOnboard.Ground.Components.Detection;

/// <summary>
/// The OGS detection chain's settings for a run, from the plan: what the live receiver uses and what
/// `jinan replay` re-runs a recorded time-tag stream with (protocol-spec/recording-seam.md).
/// </summary>
public static class ReceiverSetup
{
    public static PulseIndexerOptions IndexerOptions(RunPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new PulseIndexerOptions
        {
            GateWidthPs = plan.Physics.Number("receiver.gate_ps"),
            SquashSeed = SeedSequence.Derive(plan.Seed, "detection.squash"),
        };
    }
}
