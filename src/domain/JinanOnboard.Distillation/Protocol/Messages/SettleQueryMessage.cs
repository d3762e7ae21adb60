using System.Text;

namespace JinanOnboard.Distillation.Protocol.Messages;

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
        var w = new WireWriter(2 + (Keys.Count * (1 + MaxPassIdBytes + 4)));
        w.U16(checked((ushort)Keys.Count));
        foreach (PendingKeyName key in Keys)
        {
            WriteName(w, key);
        }

        return w.ToArray();
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

    internal static int ReadCount(ref WireReader r)
    {
        int count = r.U16("count");
        if (count is 0 or > MaxEntries)
        {
            throw r.Fail($"count {count} is not 1…{MaxEntries}");
        }

        return count;
    }

    internal static void WriteName(WireWriter w, PendingKeyName key)
    {
        byte[] pass = Encoding.UTF8.GetBytes(key.PassId);
        if (pass.Length is 0 or > MaxPassIdBytes)
        {
            throw new ArgumentException($"A pass id must be 1…{MaxPassIdBytes} UTF-8 bytes.", nameof(key));
        }

        w.U8((byte)pass.Length);
        w.Bytes(pass);
        w.U32(key.BlockId);
    }

    internal static PendingKeyName ReadName(ref WireReader r)
    {
        int length = r.U8("pass_id_length");
        if (length is 0 or > MaxPassIdBytes)
        {
            throw r.Fail($"pass id length {length} is not 1…{MaxPassIdBytes}");
        }

        string passId;
        try
        {
            passId = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(r.Take(length, "pass_id"));
        }
        catch (DecoderFallbackException)
        {
            throw r.Fail("the pass id is not UTF-8");
        }

        return new PendingKeyName(passId, r.U32("block_id"));
    }
}
