using System.Buffers;
using JinanOnboard.Primitives.Wire;

namespace JinanOnboard.Distillation.Exchange.Messages;

/// <summary>
/// Ground → payload, the answer to a <see cref="SettleQueryMessage"/>: one decision per queried key.
/// Protected by the firmware's frame signature only. Layout in protocol-spec/distillation.md §Settlement.
/// </summary>
internal sealed record SettlementMessage(IReadOnlyList<(PendingKeyName Key, SettlementDecision Decision)> Entries)
{
    public byte[] Encode()
    {
        var buffer = new ArrayBufferWriter<byte>(2 + (Entries.Count * (1 + SettleQueryMessage.MaxPassIdBytes + 5)));
        var w = new WireWriter(buffer);
        w.U16(checked((ushort)Entries.Count));
        foreach ((PendingKeyName key, SettlementDecision decision) in Entries)
        {
            SettleQueryMessage.WriteName(ref w, key);
            w.U8((byte)decision);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static SettlementMessage Decode(ReadOnlySpan<byte> body)
    {
        var r = new WireReader(body, "settlement");
        int count = SettleQueryMessage.ReadCount(ref r);
        var entries = new (PendingKeyName, SettlementDecision)[count];
        for (int i = 0; i < count; i++)
        {
            PendingKeyName key = SettleQueryMessage.ReadName(ref r);
            entries[i] = (key, (SettlementDecision)r.BoundedU8("decision", 0, (byte)SettlementDecision.UnknownPass));
        }

        r.End();
        return new SettlementMessage(entries);
    }
}
