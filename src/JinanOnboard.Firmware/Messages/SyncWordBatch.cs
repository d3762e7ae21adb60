namespace JinanOnboard.Firmware.Messages;

/// <summary>
/// TimeSync (APID 0x010) type 1: consecutive 9.5 kHz synchronisation words as the payload emitted
/// them, each with its emission time on the payload clock. The OGS pairs them with the sync
/// channel of its time tagger to discipline its clock (system.md, time synchronisation).
/// Layout (protocol-spec/messages.md): u64 first_index, u16 count, count × i64 emission_time_ps.
/// </summary>
public sealed record SyncWordBatch(ulong FirstIndex, long[] EmissionTimesPs)
{
    public const byte MessageType = 1;

    /// <summary>Upper bound on words per message (one second at 9.5 kHz).</summary>
    public const int MaxWords = 9500;

    public byte[] Encode()
    {
        var writer = new WireWriter(10 + (8 * EmissionTimesPs.Length)).U64(FirstIndex).U16((ushort)EmissionTimesPs.Length);
        foreach (long time in EmissionTimesPs)
        {
            writer.I64(time);
        }

        return writer.ToArray();
    }

    public static SyncWordBatch Decode(ReadOnlySpan<byte> body)
    {
        var reader = new WireReader(body, "sync word batch");
        ulong first = reader.U64();
        int count = reader.U16();
        if (count is 0 or > MaxWords)
        {
            throw new MalformedMessageException($"sync word batch: count {count} outside 1..{MaxWords}");
        }

        long[] times = new long[count];
        for (int i = 0; i < count; i++)
        {
            times[i] = reader.I64();
            if (i > 0 && times[i] <= times[i - 1])
            {
                throw new MalformedMessageException("sync word batch: emission times must increase");
            }
        }

        reader.ExpectEnd();
        return new SyncWordBatch(first, times);
    }
}
