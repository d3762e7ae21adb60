using System.Buffers;
using JinanOnboard.Distillation.Sifting;
using JinanOnboard.Primitives.Wire;

namespace JinanOnboard.Distillation.Exchange.Messages;

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
        var buffer = new ArrayBufferWriter<byte>(32 + gapBytes + (count / 2));
        var w = new WireWriter(buffer);
        w.U32(roundIndex);
        w.Bool(isFinal);
        w.U32((uint)count);
        if (count > 0)
        {
            w.U64((ulong)sequences[0]);
        }

        if (count > 1)
        {
            w.U8((byte)k);
            SequenceGapCode.Encode(sequences, k, w.GetSpan(gapBytes));
            w.Advance(gapBytes);
        }

        w.Bytes(bases);
        w.Bytes(sampled);
        long sampledCount = PackedBits.PopCount(sampled);
        w.U32((uint)sampledCount);
        w.Bytes(sampledBits);
        return buffer.WrittenSpan.ToArray();
    }

    public static KeyInformationMessage Decode(ReadOnlySpan<byte> body)
    {
        var r = new WireReader(body, "key information");
        uint round = r.U32("round_index");
        bool isFinal = r.Bool("flags");
        int count = r.BoundedU32("detection_count", 0, DistillationOptions.MaxRoundDetections);
        var sequences = new long[count];
        if (count > 0)
        {
            sequences[0] = r.BoundedU64("first_sequence", 0, long.MaxValue);
        }

        if (count > 1)
        {
            int k = r.BoundedU8("rice_k", 0, SequenceGapCode.MaxParameter);
            int consumed = SequenceGapCode.Decode(r.PeekRest(), k, sequences, out string? problem) ?? throw r.Fail("sequence_gaps", problem!);
            r.Bytes(consumed, "sequence_gaps");
        }

        byte[] bases = r.PackedBits(count, "bases").ToArray();
        byte[] sampled = r.PackedBits(count, "sampled").ToArray();
        int sampledCount = r.BoundedU32("sampled_count", 0, count);
        if (sampledCount != PackedBits.PopCount(sampled))
        {
            throw r.Fail("sampled_count", $"{sampledCount} disagrees with the sampled bitmap");
        }

        byte[] sampledBits = r.PackedBits(sampledCount, "sampled_bits").ToArray();
        r.End();
        return new KeyInformationMessage(round, isFinal, sequences, bases, sampled, sampledBits);
    }
}
