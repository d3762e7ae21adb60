using JinanOnboard.Distillation.Sifting;

namespace JinanOnboard.Distillation.Protocol.Messages;

/// <summary>
/// Step 2, ground → payload: the original key information of one round — sequence numbers and
/// measurement bases of all detections, which ones were sampled, and the measured bits of the
/// sampled ones (system.md). Layout in protocol-spec/distillation.md §KeyInformation.
/// </summary>
/// <param name="RoundIndex">Round number, from 0, consecutive.</param>
/// <param name="IsFinal">True on the last round of the pass.</param>
/// <param name="Sequences">Strictly increasing pulse sequence numbers (all &gt;= 0).</param>
/// <param name="Bases">Packed measurement bases, bit i = basis of detection i (0 = Z, 1 = X).</param>
/// <param name="Sampled">Packed flags, bit i = detection i was sampled for the QBER estimate.</param>
/// <param name="SampledBits">Packed measured bits of the sampled detections, in detection order.</param>
internal sealed record KeyInformationMessage(uint RoundIndex, bool IsFinal, long[] Sequences, byte[] Bases, byte[] Sampled, byte[] SampledBits)
{
    public int Count => Sequences.Length;

    public byte[] Encode()
    {
        var w = new WireWriter(32 + (Count * 3));
        w.U32(RoundIndex);
        w.U8(IsFinal ? (byte)1 : (byte)0);
        w.U32((uint)Count);
        if (Count > 0)
        {
            w.U64((ulong)Sequences[0]);
            for (int i = 1; i < Count; i++)
            {
                w.VarUInt((ulong)(Sequences[i] - Sequences[i - 1] - 1));
            }
        }

        w.Bytes(Bases);
        w.Bytes(Sampled);
        long sampledCount = PackedBits.PopCount(Sampled);
        w.U32((uint)sampledCount);
        w.Bytes(SampledBits);
        return w.ToArray();
    }

    public static KeyInformationMessage Decode(ReadOnlySpan<byte> body)
    {
        var r = new WireReader(body, "key information");
        uint round = r.U32("round_index");
        byte flags = r.U8("flags");
        if (flags > 1)
        {
            throw r.Fail($"unknown flags 0x{flags:X2}");
        }

        int count = r.BoundedU32("detection_count", 0, DistillationOptions.MaxRoundDetections);
        var sequences = new long[count];
        if (count > 0)
        {
            long first = r.BoundedU64("first_sequence", long.MaxValue);
            sequences[0] = first;
            for (int i = 1; i < count; i++)
            {
                ulong gap = r.VarUInt("sequence_gap");
                if (gap >= (ulong)(long.MaxValue - sequences[i - 1]))
                {
                    throw r.Fail("sequence number overflows 63 bits");
                }

                sequences[i] = sequences[i - 1] + (long)gap + 1;
            }
        }

        byte[] bases = r.PackedBits(count, "bases").ToArray();
        byte[] sampled = r.PackedBits(count, "sampled").ToArray();
        int sampledCount = r.BoundedU32("sampled_count", 0, count);
        if (sampledCount != PackedBits.PopCount(sampled))
        {
            throw r.Fail($"sampled_count {sampledCount} disagrees with the sampled bitmap");
        }

        byte[] sampledBits = r.PackedBits(sampledCount, "sampled_bits").ToArray();
        r.End();
        return new KeyInformationMessage(round, flags == 1, sequences, bases, sampled, sampledBits);
    }
}
