using System.Buffers;
using JinanOnboard.Primitives.Wire;

namespace JinanOnboard.Runtime.Messages;

/// <summary>
/// TimeSync (APID 0x010) type 1: consecutive 9.5 kHz synchronisation words as the payload emitted
/// them, each with its emission time on the payload clock. The OGS pairs them with the sync
/// channel of its time tagger to discipline its clock (system.md, time synchronisation).
/// Layout (protocol-spec/messages.md): u64 first_index, u16 count, i64 first_time_ps, i64 step_ps,
/// (count − 1) × zigzag varint residual, where time[i] = time[i−1] + step_ps + residual[i].
/// </summary>
/// <remarks>
/// The words are nearly periodic, so a residual is usually one byte: a pass's 2.85 M words cost
/// ~2.9 MB of downlink instead of the 23 MB of plain i64 times, which was half of all link traffic
/// (and half the frames to sign, verify and checksum).
/// </remarks>
public sealed record SyncWordBatch(ulong FirstIndex, long[] EmissionTimesPs)
{
    public const byte MessageType = 1;

    /// <summary>Upper bound on words per message (one second at 9.5 kHz).</summary>
    public const int MaxWords = 9500;

    /// <summary>first_index, count, first_time_ps, step_ps: the bytes before the residuals.</summary>
    private const int HeaderLength = 8 + 2 + 8 + 8;

    public byte[] Encode()
    {
        long[] times = EmissionTimesPs;
        long first = times[0];
        // Int128 so that any strictly increasing i64 times encode (the tests use the extremes).
        long step = times.Length > 1 ? (long)Int128.Clamp(((Int128)times[^1] - first) / (times.Length - 1), 1, long.MaxValue) : 1;
        var buffer = new ArrayBufferWriter<byte>(HeaderLength + times.Length);
        var writer = new WireWriter(buffer);
        writer.U64(FirstIndex);
        writer.U16((ushort)times.Length);
        writer.I64(first);
        writer.I64(step);
        for (int i = 1; i < times.Length; i++)
        {
            Int128 residual = (Int128)times[i] - times[i - 1] - step;
            if (residual < long.MinValue || residual > long.MaxValue || times[i] <= times[i - 1])
            {
                throw new ArgumentException("emission times must strictly increase, by less than 2^63 ps per word", nameof(EmissionTimesPs));
            }

            writer.VarInt((long)residual);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static SyncWordBatch Decode(ReadOnlySpan<byte> body)
    {
        var reader = new WireReader(body, "sync word batch");
        ulong first = reader.U64("first_index");
        int count = reader.BoundedU16("count", 1, MaxWords);
        long[] times = new long[count];
        times[0] = reader.I64("first_time_ps");
        long step = reader.I64("step_ps");
        if (step < 1)
        {
            throw reader.Fail("step_ps", $"{step} ps is below 1");
        }

        for (int i = 1; i < count; i++)
        {
            Int128 time = (Int128)times[i - 1] + step + reader.VarInt("residual");
            if (time <= times[i - 1])
            {
                throw reader.Fail("residual", "emission times must increase");
            }

            if (time > long.MaxValue)
            {
                throw reader.Fail("residual", "emission time overflows 64 bits");
            }

            times[i] = (long)time;
        }

        reader.End();
        return new SyncWordBatch(first, times);
    }
}
