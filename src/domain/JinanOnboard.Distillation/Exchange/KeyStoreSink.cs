using JinanOnboard.Distillation.KeyStorage;

namespace JinanOnboard.Distillation.Exchange;

/// <summary>
/// The production <see cref="IDistilledKeyStore"/>: appends to a durable <see cref="KeyStore"/> under one pass id; on the
/// OGS it also answers settlement queries about earlier passes from the same store.
/// </summary>
/// <param name="store">The open key store (the caller owns and disposes it).</param>
/// <param name="passId">Pass identifier recorded with every key.</param>
public sealed class KeyStoreSink(KeyStore store, string passId) : IDistilledKeyStore, IKeyStoreLookup
{
    /// <inheritdoc />
    public void Append(uint blockId, ReadOnlySpan<byte> key, long keyBits) => store.Append(blockId, passId, key, checked((int)keyBits));

    /// <inheritdoc />
    public SettlementDecision Lookup(PendingKeyName name)
    {
        if (name.PassId == passId)
        {
            return SettlementDecision.UnknownPass; // this pass is decided by Commit, not by settlement
        }

        return store.Contains(name.PassId, name.BlockId) ? SettlementDecision.Stored
            : store.HoldsPass(name.PassId) ? SettlementDecision.NotStored
            : SettlementDecision.UnknownPass;
    }
}
