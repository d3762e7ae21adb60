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

    public byte[] Encode() => Encode(RoundIndex, IsFinal, Sequences, Bases, Sampled, SampledBits);

    /// <summary>The message body, from the sequences where the OGS keeps them (no copy into a record).</summary>
    public static byte[] Encode(uint roundIndex, bool isFinal, ReadOnlySpan<long> sequences, byte[] bases, byte[] sampled, byte[] sampledBits)
    {
        int count = sequences.Length;
        int k = SequenceGapCode.ChooseParameter(sequences);
        int gapBytes = count > 1 ? SequenceGapCode.EncodedBytes(sequences, k) : 0;
        var w = new WireWriter(32 + gapBytes + (count / 2));
        w.U32(roundIndex);
        w.U8(isFinal ? (byte)1 : (byte)0);
        w.U32((uint)count);
        if (count > 0)
        {
            w.U64((ulong)sequences[0]);
        }

        if (count > 1)
        {
            w.U8((byte)k);
            SequenceGapCode.Encode(sequences, k, w.Reserve(gapBytes));
        }

        w.Bytes(bases);
        w.Bytes(sampled);
        long sampledCount = PackedBits.PopCount(sampled);
        w.U32((uint)sampledCount);
        w.Bytes(sampledBits);
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
            sequences[0] = r.BoundedU64("first_sequence", long.MaxValue);
        }

        if (count > 1)
        {
            int k = r.U8("rice_k");
            if (k > SequenceGapCode.MaxParameter)
            {
                throw r.Fail($"rice_k = {k} exceeds {SequenceGapCode.MaxParameter}");
            }

            int consumed = SequenceGapCode.Decode(r.Rest, k, sequences, out string? problem) ?? throw r.Fail(problem!);
            r.Take(consumed, "sequence_gaps");
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
