namespace JinanOnboard.Distillation.Exchange;

/// <summary>
/// The payload's durable record of final keys it has generated but the OGS has not yet settled (protocol-spec/distillation.md
/// §Settlement). A key is held here before its feedback leaves, so a Commit lost for good (the two-generals case) or a
/// payload restart cannot lose a key the OGS has stored: the next contact settles it.
/// </summary>
public interface IPendingKeyJournal
{
    /// <summary>Keys of earlier passes still awaiting the OGS's decision, oldest first.</summary>
    IReadOnlyList<PendingKeyName> Unsettled { get; }

    /// <summary>Makes the pending key of this pass's block durable (before its feedback is sent).</summary>
    void Hold(uint blockId, ReadOnlySpan<byte> key, long keyBits);

    /// <summary>This pass's block is settled: its key is in the key store, or discarded.</summary>
    void Settle(uint blockId);

    /// <summary>
    /// Applies the OGS's decision about a key of an earlier pass: <see cref="SettlementDecision.Stored"/> moves it into the
    /// key store, <see cref="SettlementDecision.NotStored"/> erases it, <see cref="SettlementDecision.UnknownPass"/> keeps it.
    /// </summary>
    void SettleEarlier(PendingKeyName name, SettlementDecision decision);
}
