using JinanOnboard.Distillation.Exchange.Messages;
using JinanOnboard.Primitives.Wire;

namespace JinanOnboard.Distillation.Exchange;

/// <summary>What one Syndrome message (protocol-spec/distillation.md §Syndrome) says about its packet.</summary>
/// <param name="PacketId">Packet number.</param>
/// <param name="PacketBits">Packet length P.</param>
/// <param name="CodeId">Reconciliation code chosen.</param>
/// <param name="QberPpm">The payload's sampled QBER estimate for the packet, clamped by the reconciliation policy, ppm.</param>
public readonly record struct SyndromeFigures(int PacketId, int PacketBits, int CodeId, uint QberPpm);

/// <summary>What one PaInstruction (distillation.md §PaInstruction) says about its block; never the Toeplitz seed.</summary>
/// <param name="BlockId">PA block number.</param>
/// <param name="Packets">Packets in the block.</param>
/// <param name="SiftedBits">n: sifted bits of the block, all classes.</param>
/// <param name="ErrorBits">m: of those, the bits found wrong after decoding (exact).</param>
/// <param name="LambdaEcBits">λ_EC.</param>
/// <param name="KeyBits">ℓ: the final key length.</param>
public readonly record struct PaBlockFigures(uint BlockId, int Packets, long SiftedBits, long ErrorBits, long LambdaEcBits, long KeyBits);

/// <summary>
/// The figures distillation messages carry, read with the firmware's own decoders, for tools that inspect a recorded
/// link (`jinan inspect`). Signatures are not verified (the tool holds no keys), so the figures are what the frames
/// said, not an authenticated record.
/// </summary>
public static class DistillationMessageFigures
{
    /// <summary>The firmware's message signature (Ed25519) length, after a signed body's signed part.</summary>
    public const int Ed25519SignatureBytes = 64;

    /// <summary>Reads a Syndrome body (type 3); false when it does not parse.</summary>
    public static bool TryReadSyndrome(ReadOnlySpan<byte> body, out SyndromeFigures figures)
    {
        try
        {
            SyndromeMessage message = SyndromeMessage.Decode(body);
            figures = new SyndromeFigures(message.PacketId, message.PacketBits, message.CodeId, message.QberPpm);
            return true;
        }
        catch (MalformedMessageException)
        {
            figures = default;
            return false;
        }
    }

    /// <summary>Reads a PaInstruction body (type 4) signed with an Ed25519 signature (not checked); false when it does not parse.</summary>
    public static bool TryReadPaInstruction(ReadOnlySpan<byte> body, out PaBlockFigures figures)
    {
        figures = default;
        if (body.Length < Ed25519SignatureBytes + 4)
        {
            return false;
        }

        try
        {
            PaInstructionMessage message = PaInstructionMessage.Decode(body[..^Ed25519SignatureBytes]);
            figures = new PaBlockFigures(message.BlockId, message.PacketIds.Length, message.Detections.Sum(), message.Errors.Sum(), message.LambdaEcBits, message.KeyBits);
            return true;
        }
        catch (MalformedMessageException)
        {
            return false;
        }
    }
}
