namespace JinanOnboard.Distillation.Exchange;

/// <summary>
/// Fills <paramref name="destination"/> with fresh random bytes. The distillers take one for the Toeplitz
/// seeds (OGS) and the verification-hash keys (payload): in production pass
/// <c>System.Security.Cryptography.RandomNumberGenerator.Fill</c>; by default (deterministic mode) they
/// draw from SplitMix64 streams derived from their constructor seed ("hash-keys", "toeplitz-seeds";
/// protocol-spec/seed-derivation.md) so a pass can be replayed bit for bit.
/// </summary>
/// <param name="destination">Bytes to fill.</param>
public delegate void RandomFill(Span<byte> destination);
