using System.Buffers;
using JinanOnboard.Distillation.Sifting;
using JinanOnboard.Primitives.Wire;

namespace JinanOnboard.Distillation.Exchange.Messages;

/// <summary>
/// Step 4, ground → payload, signed: the final key generation instruction of one PA block — which
/// packets form it, every count the finite-key analysis used (finite-key.md inputs), λ_EC, ℓ and the
/// fresh Toeplitz seed of n + ℓ − 1 bits. Layout in protocol-spec §PaInstruction.
/// </summary>
/// <param name="BlockId">PA block number.</param>
/// <param name="PacketIds">Packets of the block, increasing.</param>
/// <param name="Detections">n per class (Z-signal, Z-decoy, Z-vacuum, X-signal, X-decoy, X-vacuum).</param>
/// <param name="Errors">m per class, same order.</param>
/// <param name="LambdaEcBits">λ_EC: syndrome and verification-tag bits disclosed for the block.</param>
/// <param name="KeyBits">ℓ, the final key length.</param>
/// <param name="Seed">Packed Toeplitz seed of n + ℓ − 1 bits.</param>
internal sealed record PaInstructionMessage(uint BlockId, int[] PacketIds, long[] Detections, long[] Errors, long LambdaEcBits, long KeyBits, byte[] Seed)
{
    /// <summary>Input bits n of the block: the sum of the detection counts.</summary>
    public long InputBits => Detections.Sum();

    /// <summary>Seed length n + ℓ − 1 (0 when ℓ = 0).</summary>
    public long SeedBits => KeyBits == 0 ? 0 : InputBits + KeyBits - 1;

    public byte[] Encode(IMessageAuthenticator signer)
    {
        var buffer = new ArrayBufferWriter<byte>(128 + Seed.Length);
        var w = new WireWriter(buffer);
        w.U32(BlockId);
        w.U16((ushort)PacketIds.Length);
        foreach (int id in PacketIds)
        {
            w.U32((uint)id);
        }

        foreach (long n in Detections)
        {
            w.U64((ulong)n);
        }

        foreach (long m in Errors)
        {
            w.U64((ulong)m);
        }

        w.U64((ulong)LambdaEcBits);
        w.U64((ulong)KeyBits);
        w.U64((ulong)SeedBits);
        w.Bytes(Seed);
        return SignedBody.Append(buffer.WrittenSpan, signer);
    }

    /// <summary>Parses an already authenticated body (signature stripped).</summary>
    public static PaInstructionMessage Decode(ReadOnlySpan<byte> signedPart)
    {
        var r = new WireReader(signedPart, "PA instruction");
        uint blockId = r.U32("block_id");
        int packetCount = r.BoundedU16("packet_count", 1, DistillationOptions.MaxBlockPackets);
        var packetIds = new int[packetCount];
        for (int i = 0; i < packetCount; i++)
        {
            packetIds[i] = r.BoundedU32("packet_id", 0, int.MaxValue);
            if (i > 0 && packetIds[i] <= packetIds[i - 1])
            {
                throw r.Fail("packet_id", "packet ids not strictly increasing");
            }
        }

        long maxBits = (long)packetCount * DistillationOptions.MaxPacketBits;
        var detections = new long[SiftedBitClass.Count];
        var errors = new long[SiftedBitClass.Count];
        for (int c = 0; c < SiftedBitClass.Count; c++)
        {
            detections[c] = r.BoundedU64("n", 0, maxBits);
        }

        for (int c = 0; c < SiftedBitClass.Count; c++)
        {
            errors[c] = r.BoundedU64("m", 0, detections[c]);
        }

        long lambda = r.BoundedU64("lambda_ec_bits", 0, maxBits * 2);
        long inputBits = detections.Sum();
        long keyBits = r.BoundedU64("key_bits", 0, inputBits);
        long expectedSeedBits = keyBits == 0 ? 0 : inputBits + keyBits - 1;
        long seedBits = r.BoundedU64("seed_bits", 0, 2 * maxBits);
        if (seedBits != expectedSeedBits)
        {
            throw r.Fail("seed_bits", $"{seedBits} is not n + ℓ − 1 = {expectedSeedBits}");
        }

        byte[] seed = r.PackedBits(seedBits, "seed").ToArray();
        r.End();
        return new PaInstructionMessage(blockId, packetIds, detections, errors, lambda, keyBits, seed);
    }
}
