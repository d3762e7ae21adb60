using JinanOnboard.Primitives.Randomness;
using JinanOnboard.Config.Loading;
using JinanOnboard.Distillation.KeyStorage;
using JinanOnboard.Runtime.Plan;
using JinanOnboard.Source;
using JinanOnboard.Source.Random;

namespace JinanOnboard.Runtime.Distillation;

/// <summary>
/// What both roles' distillation components open from the plan: the source's random store (the payload's
/// cached random numbers; the simulated light of the bench is drawn from the same store because it is what
/// the source emitted), the key store and the payload's pending-key journal.
/// </summary>
public static class DistillationSetup
{
    /// <summary>The counter-based store of every pulse's intensity, basis and bit for this run (protocol-spec/rng-stream.md).</summary>
    public static IPulseRandomStore RandomStore(RunPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new PhiloxPulseRandomStore(SeedSequence.Derive(plan.Seed, "source.rng"), plan.Source);
    }

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
