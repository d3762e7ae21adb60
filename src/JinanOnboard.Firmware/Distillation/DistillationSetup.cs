using JinanOnboard.Components.Randomness;
using JinanOnboard.Config.Model;
using JinanOnboard.Distillation.FiniteKey;
using JinanOnboard.Distillation.Protocol;
using JinanOnboard.Source;
using JinanOnboard.Source.Random;

namespace JinanOnboard.Firmware.Distillation;

/// <summary>
/// What both sides must agree on for one pass, derived from the shared configuration and the run
/// seed: distillation options and the source's random store (the payload's cached random numbers; the
/// simulated light at the OGS bench is drawn from the same store because it is what the source emitted).
/// </summary>
public static class DistillationSetup
{
    public static DistillationOptions Options(FirmwareConfiguration configuration)
    {
        DistillationSettings d = configuration.Distillation;
        return new DistillationOptions
        {
            PacketBits = d.PacketBits,
            BlockPackets = d.PaBlockBits / d.PacketBits,
            SampleFraction = d.SampleFraction,
            EpsilonSec = d.EpsilonSec,
            EpsilonCor = d.EpsilonCor,
            Bound = d.DeviationBound == "hoeffding" ? DeviationBound.Hoeffding : DeviationBound.Chernoff,
            Decoy = DecoySettings.Jinan1,
        };
    }

    /// <summary>Source settings (Jinan-1, parameters.md); the decoy settings above must match them.</summary>
    public static SourceConfiguration Source => SourceConfiguration.Jinan1;

    /// <summary>The counter-based store of every pulse's intensity, basis and bit for this run.</summary>
    public static IPulseRandomStore RandomStore(ulong runSeed) =>
        new PhiloxPulseRandomStore(SeedSequence.Derive(runSeed, "source.rng"), Source);

    public static string PassId(ulong runSeed) => $"pass-{runSeed}";
}
