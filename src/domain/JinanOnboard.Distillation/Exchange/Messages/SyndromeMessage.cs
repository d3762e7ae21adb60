using System.Buffers;
using JinanOnboard.Primitives.Wire;

namespace JinanOnboard.Distillation.Exchange.Messages;

/// <summary>
/// Step 3, payload → ground: the syndrome of one sifted packet under the chosen code, the sampled
/// QBER estimate that chose it, and the verification hash key and tag. Layout in protocol-spec §Syndrome.
/// </summary>
/// <param name="PacketId">Packet number.</param>
/// <param name="PacketBits">Packet length in bits.</param>
/// <param name="CodeId">Reconciliation code identifier.</param>
/// <param name="QberPpm">Sampled QBER estimate in parts per million.</param>
/// <param name="SyndromeBits">Syndrome length in bits.</param>
/// <param name="Syndrome">Packed syndrome.</param>
/// <param name="HashKey">Fresh GF(2^64) key of the verification hash.</param>
/// <param name="HashTag">Verification hash of the payload's packet.</param>
internal sealed record SyndromeMessage(int PacketId, int PacketBits, int CodeId, uint QberPpm, int SyndromeBits, byte[] Syndrome, ulong HashKey, ulong HashTag)
{
    public byte[] Encode()
    {
        var buffer = new ArrayBufferWriter<byte>(40 + Syndrome.Length);
        var w = new WireWriter(buffer);
        w.U32((uint)PacketId);
        w.U32((uint)PacketBits);
        w.U32((uint)CodeId);
        w.U32(QberPpm);
        w.U32((uint)SyndromeBits);
        w.Bytes(Syndrome);
        w.U64(HashKey);
        w.U64(HashTag);
        return buffer.WrittenSpan.ToArray();
    }

    public static SyndromeMessage Decode(ReadOnlySpan<byte> body)
    {
        var r = new WireReader(body, "syndrome");
        int packetId = r.BoundedU32("packet_id", 0, int.MaxValue);
        int packetBits = r.BoundedU32("packet_bits", 1, DistillationOptions.MaxPacketBits);
        int codeId = r.BoundedU32("code_id", 0, int.MaxValue);
        uint qberPpm = (uint)r.BoundedU32("qber_ppm", 0, 500_000);
        int syndromeBits = r.BoundedU32("syndrome_bits", 1, packetBits);
        byte[] syndrome = r.PackedBits(syndromeBits, "syndrome").ToArray();
        ulong key = r.U64("hash_key");
        ulong tag = r.U64("hash_tag");
        r.End();
        return new SyndromeMessage(packetId, packetBits, codeId, qberPpm, syndromeBits, syndrome, key, tag);
    }
}
