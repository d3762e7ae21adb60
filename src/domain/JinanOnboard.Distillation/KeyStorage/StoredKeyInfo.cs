namespace JinanOnboard.Distillation.KeyStorage;

/// <summary>What the key store says about one stored key, without the key itself.</summary>
/// <param name="BlockId">The PA block id the key was distilled from (unique within a store).</param>
/// <param name="PassId">The pass the block belongs to.</param>
/// <param name="BitCount">ℓ, the key length in bits.</param>
/// <param name="Metadata">Free text (for example "qber=0.011"); never key material.</param>
public sealed record StoredKeyInfo(long BlockId, string PassId, int BitCount, string Metadata);
