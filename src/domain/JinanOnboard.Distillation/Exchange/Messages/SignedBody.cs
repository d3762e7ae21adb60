using JinanOnboard.Primitives.Wire;

namespace JinanOnboard.Distillation.Exchange.Messages;

/// <summary>Signed bodies are the signed part followed by a signature over exactly that part.</summary>
internal static class SignedBody
{
    public static byte[] Append(ReadOnlySpan<byte> signedPart, IMessageAuthenticator signer)
    {
        var body = new byte[signedPart.Length + signer.SignatureLength];
        signedPart.CopyTo(body);
        signer.Sign(body.AsSpan(0, signedPart.Length), body.AsSpan(signedPart.Length));
        return body;
    }

    /// <summary>
    /// Returns the signed part when the trailing signature verifies, else false. A body shorter than
    /// a signature is malformed, not merely unauthenticated.
    /// </summary>
    public static bool TryVerify(ReadOnlySpan<byte> body, IMessageAuthenticator verifier, string message, out ReadOnlySpan<byte> signedPart)
    {
        int signatureLength = verifier.SignatureLength;
        if (body.Length < signatureLength + 4)
        {
            throw new MalformedMessageException(message, "signature", 0, $"{body.Length} bytes is shorter than a block id and a signature");
        }

        signedPart = body[..^signatureLength];
        return verifier.Verify(signedPart, body[^signatureLength..]);
    }

    /// <summary>The (unauthenticated) block id in the first four bytes, used only to name an abandoned block.</summary>
    public static uint PeekBlockId(ReadOnlySpan<byte> body) => new WireReader(body, "signed body").U32("block_id");
}
