using JinanOnboard.Primitives.Randomness;
using JinanOnboard.Config.Loading;
using JinanOnboard.Config.Model;
using JinanOnboard.Distillation.FiniteKey;
using JinanOnboard.Distillation.KeyStorage;
using JinanOnboard.Distillation.Protocol;
using JinanOnboard.Source;
using JinanOnboard.Source.Random;

namespace JinanOnboard.Runtime.Distillation;

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

    /// <summary>The pass's name in both key stores: the run seed names the pass, because the seed fixes every key.</summary>
    public static string PassId(ulong runSeed) => $"pass-{runSeed}";

    /// <summary>
    /// Opens this side's key store (OUT/keystore, shared by every pass run into OUT) for pass <paramref name="passId"/>.
    /// A store that already holds keys of this pass is refused: the same seed distils the same keys again, and a
    /// key must never be stored (or used) twice.
    /// </summary>
    /// <exception cref="ConfigurationException">The store already holds keys of this pass.</exception>
    public static KeyStore OpenKeyStore(string outputDirectory, string passId)
    {
        var store = KeyStore.Open(Path.Combine(outputDirectory, "keystore"));
        if (store.HoldsPass(passId))
        {
            string path = store.Directory;
            store.Dispose();
            throw new ConfigurationException(
                $"the key store {path} already holds keys of {passId}: the same run seed would distil the same keys again; "
                + "run the pass with another --seed or another --out");
        }

        return store;
    }

    /// <summary>The payload's pending-key journal beside <paramref name="store"/> (protocol-spec/distillation.md §Settlement).</summary>
    /// <exception cref="ConfigurationException">The journal holds unsettled keys of this very pass.</exception>
    public static PendingKeyJournal OpenPendingJournal(KeyStore store, string passId)
    {
        try
        {
            return PendingKeyJournal.Open(store, passId);
        }
        catch (InvalidOperationException ex)
        {
            throw new ConfigurationException(ex.Message + "; run the pass with another --seed or another --out", ex);
        }
    }
}
