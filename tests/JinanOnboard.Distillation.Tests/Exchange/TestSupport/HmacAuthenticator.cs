using System.Security.Cryptography;
using JinanOnboard.Distillation.Exchange;

namespace JinanOnboard.Distillation.Tests.Exchange.TestSupport;

/// <summary>
/// Test signer: HMAC-SHA256 with this side's key, verification with the other side's key. Stands in
/// for Ed25519 (the distillers only see <see cref="IMessageAuthenticator"/>); a wrong byte fails it.
/// </summary>
internal sealed class HmacAuthenticator(byte[] signingKey, byte[] verifyingKey) : IMessageAuthenticator
{
    public int SignatureLength => 32;

    public void Sign(ReadOnlySpan<byte> data, Span<byte> signature) => HMACSHA256.HashData(signingKey, data, signature);

    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(verifyingKey, data, expected);
        return CryptographicOperations.FixedTimeEquals(expected, signature);
    }
}
