using JinanOnboard.Primitives.Wire;

namespace JinanOnboard.Distillation.Exchange.Messages;

/// <summary>What the payload did with a PA instruction (wire values; never renumber).</summary>
internal enum FeedbackStatus : byte
{
    /// <summary>Final key generated and held pending; the CRC is of that key.</summary>
    KeyGenerated = 0,

    /// <summary>The instruction's counts, λ_EC, ℓ or packets disagree with the payload's own: refused.</summary>
    Refused = 1,

    /// <summary>The instruction's signature failed: abandoned (system.md step 5).</summary>
    Abandoned = 2,
}

/// <summary>
/// Step 5, payload → ground, signed: the outcome of a PA instruction and the CRC-64 of the payload's
/// final key (Confirmation.KeyConfirmation). Layout in protocol-spec §Feedback.
/// </summary>
/// <param name="BlockId">PA block number.</param>
/// <param name="Status">Outcome.</param>
/// <param name="KeyBits">ℓ of the generated key (0 unless generated).</param>
/// <param name="KeyCrc64">KeyConfirmation CRC-64 of the final key (0 unless generated).</param>
internal sealed record FeedbackMessage(uint BlockId, FeedbackStatus Status, long KeyBits, ulong KeyCrc64)
{
    /// <summary>block_id, status, key_bits, key_crc64: the bytes the signature covers.</summary>
    private const int SignedLength = 4 + 1 + 8 + 8;

    public byte[] Encode(IMessageAuthenticator signer)
    {
        Span<byte> signedPart = stackalloc byte[SignedLength];
        var w = new WireWriter(signedPart);
        w.U32(BlockId);
        w.U8((byte)Status);
        w.U64((ulong)KeyBits);
        w.U64(KeyCrc64);
        return SignedBody.Append(signedPart, signer);
    }

    public static FeedbackMessage Decode(ReadOnlySpan<byte> signedPart)
    {
        var r = new WireReader(signedPart, "feedback");
        uint blockId = r.U32("block_id");
        var status = (FeedbackStatus)r.BoundedU8("status", 0, (byte)FeedbackStatus.Abandoned);
        long keyBits = r.BoundedU64("key_bits", 0, (long)DistillationOptions.MaxBlockPackets * DistillationOptions.MaxPacketBits);
        ulong crc = r.U64("key_crc64");
        r.End();
        return new FeedbackMessage(blockId, status, keyBits, crc);
    }
}
