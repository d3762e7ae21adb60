using System.Buffers;
using JinanOnboard.Distillation.Sifting;
using JinanOnboard.Primitives.Wire;

namespace JinanOnboard.Distillation.Exchange.Messages;

/// <summary>
/// Step 3, payload → ground: for one round, which detections' bases matched the preparation basis
/// and the intensity index of every matched pulse (2 bits each). Layout in protocol-spec §SiftResult.
/// </summary>
/// <param name="RoundIndex">Round this answers.</param>
/// <param name="IsFinal">Echo of the round's final flag.</param>
/// <param name="DetectionCount">Detections in the round (must equal the round's count).</param>
/// <param name="Matched">Packed flags, bit i = detection i was measured in the preparation basis.</param>
/// <param name="Intensities">Packed 2-bit intensity indices of the matched detections in order (bits 2i, 2i+1, low first).</param>
internal sealed record SiftResultMessage(uint RoundIndex, bool IsFinal, int DetectionCount, byte[] Matched, byte[] Intensities)
{
    public int IntensityOf(int matchedIndex) =>
        PackedBits.Get(Intensities, 2L * matchedIndex) | (PackedBits.Get(Intensities, (2L * matchedIndex) + 1) << 1);

    public byte[] Encode()
    {
        long matchedCount = PackedBits.PopCount(Matched);
        var buffer = new ArrayBufferWriter<byte>(16 + Matched.Length + Intensities.Length);
        var w = new WireWriter(buffer);
        w.U32(RoundIndex);
        w.Bool(IsFinal);
        w.U32((uint)DetectionCount);
        w.Bytes(Matched);
        w.U32((uint)matchedCount);
        w.Bytes(Intensities);
        return buffer.WrittenSpan.ToArray();
    }

    public static SiftResultMessage Decode(ReadOnlySpan<byte> body)
    {
        var r = new WireReader(body, "sift result");
        uint round = r.U32("round_index");
        bool isFinal = r.Bool("flags");
        int count = r.BoundedU32("detection_count", 0, DistillationOptions.MaxRoundDetections);
        byte[] matched = r.PackedBits(count, "matched").ToArray();
        int matchedCount = r.BoundedU32("matched_count", 0, count);
        if (matchedCount != PackedBits.PopCount(matched))
        {
            throw r.Fail("matched_count", $"{matchedCount} disagrees with the matched bitmap");
        }

        byte[] intensities = r.PackedBits(2L * matchedCount, "intensities").ToArray();
        var message = new SiftResultMessage(round, isFinal, count, matched, intensities);
        for (int i = 0; i < matchedCount; i++)
        {
            if (message.IntensityOf(i) > 2)
            {
                throw r.Fail("intensities", $"intensity index 3 at matched pulse {i}");
            }
        }

        r.End();
        return message;
    }
}
