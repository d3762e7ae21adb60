using JinanOnboard.Primitives.Wire;

namespace JinanOnboard.Distillation.Exchange.Messages;

/// <summary>
/// What a replay peer playing a recorded payload (protocol-spec/replay.md) needs of the signed distillation messages:
/// the block and key length a live PA instruction asks for, and the feedback it gives for an instruction the recorded
/// payload never saw. Without the payload's key material it cannot make that block's key, so it refuses the block
/// (status 1, distillation.md), which makes the OGS discard its key: neither store holds it.
/// </summary>
public static class ReplayAnswers
{
    /// <summary>The block id and key length ℓ of a PA instruction body (signature at the end, not checked).</summary>
    /// <exception cref="MalformedMessageException">The body is not a PA instruction.</exception>
    public static (uint BlockId, long KeyBits) ReadInstruction(ReadOnlySpan<byte> body, int signatureLength)
    {
        if (body.Length < signatureLength + 4)
        {
            throw new MalformedMessageException("PA instruction", "signature", 0, $"{body.Length} bytes is shorter than a block id and a signature");
        }

        PaInstructionMessage instruction = PaInstructionMessage.Decode(body[..^signatureLength]);
        return (instruction.BlockId, instruction.KeyBits);
    }

    /// <summary>The block id a signed feedback or instruction names (its first four bytes).</summary>
    public static uint BlockIdOf(ReadOnlySpan<byte> body) => SignedBody.PeekBlockId(body);

    /// <summary>A Feedback(status 1, refused) for <paramref name="blockId"/>, signed by <paramref name="signer"/>.</summary>
    public static byte[] Refusal(uint blockId, IMessageAuthenticator signer) =>
        new FeedbackMessage(blockId, FeedbackStatus.Refused, 0, 0).Encode(signer);
}
