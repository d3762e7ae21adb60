namespace JinanOnboard.Distillation.Exchange;

/// <summary>
/// End-to-end signature of the PA instruction and the feedback (Ed25519 in production). The
/// firmware already signs every link frame; these two messages are additionally signed as the
/// real system does, so a failure abandons that block (system.md steps 5 and 6).
/// Each side signs with its own private key and verifies with the other side's public key.
/// </summary>
public interface IMessageAuthenticator
{
    /// <summary>Bytes of one signature (64 for Ed25519).</summary>
    int SignatureLength { get; }

    /// <summary>Signs <paramref name="data"/> into <paramref name="signature"/> (exactly <see cref="SignatureLength"/> bytes).</summary>
    void Sign(ReadOnlySpan<byte> data, Span<byte> signature);

    /// <summary>True when <paramref name="signature"/> is the other side's valid signature of <paramref name="data"/>.</summary>
    bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature);
}
