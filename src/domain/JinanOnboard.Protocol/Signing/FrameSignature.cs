using NSec.Cryptography;

namespace JinanOnboard.Protocol.Signing;

/// <summary>Ed25519 signing of frames with one side's identity (RFC 8032, via NSec/libsodium).</summary>
public sealed class FrameSigner(Identity identity)
{
    private readonly Key _key = identity?.Key ?? throw new ArgumentNullException(nameof(identity));

    public void Sign(ReadOnlySpan<byte> data, Span<byte> signature)
        => SignatureAlgorithm.Ed25519.Sign(_key, data, signature);
}

/// <summary>Ed25519 verification of the peer's frames against its configured public key.</summary>
public sealed class FrameVerifier(PublicKey peerKey)
{
    private readonly PublicKey _peerKey = peerKey ?? throw new ArgumentNullException(nameof(peerKey));

    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
        => SignatureAlgorithm.Ed25519.Verify(_peerKey, data, signature);
}
