namespace JinanOnboard.Distillation.Protocol.Messages;

/// <summary>
/// Ground → payload, the answer to a <see cref="SettleQueryMessage"/>: one decision per queried key.
/// Protected by the firmware's frame signature only. Layout in protocol-spec/distillation.md §Settlement.
/// </summary>
internal sealed record SettlementMessage(IReadOnlyList<(PendingKeyName Key, SettlementDecision Decision)> Entries)
{
    public byte[] Encode()
    {
        var w = new WireWriter(2 + (Entries.Count * (1 + SettleQueryMessage.MaxPassIdBytes + 5)));
        w.U16(checked((ushort)Entries.Count));
        foreach ((PendingKeyName key, SettlementDecision decision) in Entries)
        {
            SettleQueryMessage.WriteName(w, key);
            w.U8((byte)decision);
        }

        return w.ToArray();
    }

    public static SettlementMessage Decode(ReadOnlySpan<byte> body)
    {
        var r = new WireReader(body, "settlement");
        int count = SettleQueryMessage.ReadCount(ref r);
        var entries = new (PendingKeyName, SettlementDecision)[count];
        for (int i = 0; i < count; i++)
        {
            PendingKeyName key = SettleQueryMessage.ReadName(ref r);
            byte decision = r.U8("decision");
            if (decision > (byte)SettlementDecision.UnknownPass)
            {
                throw r.Fail($"unknown decision {decision}");
            }

            entries[i] = (key, (SettlementDecision)decision);
        }

        r.End();
        return new SettlementMessage(entries);
    }
}
