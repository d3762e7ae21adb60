using JinanOnboard.Channel.Parameters;
using JinanOnboard.Primitives.Randomness;
using JinanOnboard.Config.Model;
using JinanOnboard.Detection.Indexing;

namespace JinanOnboard.Ground.Components.Detection;

/// <summary>
/// The OGS detection chain's settings for a run, derived from the configuration and the run seed: what the live
/// receiver uses and what `jinan replay` re-runs a recorded time-tag stream with (protocol-spec/recording-seam.md).
/// </summary>
public static class ReceiverSetup
{
    public static PulseIndexerOptions IndexerOptions(FirmwareConfiguration configuration, ulong runSeed)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        PhysicsParameterSet physics = PhysicsParameterSet.Named(configuration.Physics);
        return new PulseIndexerOptions
        {
            GateWidthPs = physics.NumberOr("receiver.gate_ps", 800),
            SquashSeed = SeedSequence.Derive(runSeed, "detection.squash"),
        };
    }
}
