using System.Buffers;
using JinanOnboard.Primitives.Wire;

namespace JinanOnboard.Distillation.Exchange.Messages;

/// <summary>
/// Payload → ground at the start of a contact: the keys of earlier passes the payload still holds pending.
/// Protected by the firmware's frame signature only. Layout in protocol-spec/distillation.md §Settlement.
/// </summary>
internal sealed record SettleQueryMessage(IReadOnlyList<PendingKeyName> Keys)
{
    /// <summary>Entries per message: the payload sends longer lists in several messages.</summary>
    public const int MaxEntries = 256;

    /// <summary>Longest pass id on the wire, UTF-8 bytes.</summary>
    public const int MaxPassIdBytes = 64;

    public byte[] Encode()
    {
        var buffer = new ArrayBufferWriter<byte>(2 + (Keys.Count * (1 + MaxPassIdBytes + 4)));
        var w = new WireWriter(buffer);
        w.U16(checked((ushort)Keys.Count));
        foreach (PendingKeyName key in Keys)
        {
            WriteName(ref w, key);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static SettleQueryMessage Decode(ReadOnlySpan<byte> body)
    {
        var r = new WireReader(body, "settle query");
        int count = ReadCount(ref r);
        var keys = new PendingKeyName[count];
        for (int i = 0; i < count; i++)
        {
            keys[i] = ReadName(ref r);
        }

        r.End();
        return new SettleQueryMessage(keys);
    }

    internal static int ReadCount(ref WireReader r) => r.BoundedU16("count", 1, MaxEntries);

    internal static void WriteName(ref WireWriter w, PendingKeyName key)
    {
        w.LengthPrefixedUtf8(key.PassId, MaxPassIdBytes);
        w.U32(key.BlockId);
    }

    internal static PendingKeyName ReadName(ref WireReader r) =>
        new(r.LengthPrefixedUtf8("pass_id", MaxPassIdBytes), r.U32("block_id"));
}
