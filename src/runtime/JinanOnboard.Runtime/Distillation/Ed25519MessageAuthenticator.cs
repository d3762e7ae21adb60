using JinanOnboard.Distillation.Exchange;
using JinanOnboard.Protocol.Signing;
using NSec.Cryptography;

namespace JinanOnboard.Runtime.Distillation;

/// <summary>
/// End-to-end Ed25519 signatures on the PA instruction and the feedback (system.md steps 4–6), with
/// the same identities that sign link frames: this side signs, the peer's public key verifies.
/// </summary>
public sealed class Ed25519MessageAuthenticator(Identity own, PublicKey peer) : IMessageAuthenticator
{
    public int SignatureLength => SignatureAlgorithm.Ed25519.SignatureSize;

    public void Sign(ReadOnlySpan<byte> data, Span<byte> signature) => own.Sign(data, signature);

    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) => SignatureAlgorithm.Ed25519.Verify(peer, data, signature);
}
