using JinanOnboard.Distillation.KeyStorage;

namespace JinanOnboard.Distillation.Protocol;

/// <summary>The production <see cref="IDistilledKeyStore"/>: appends to a durable <see cref="KeyStore"/> under one pass id.</summary>
/// <param name="store">The open key store (the caller owns and disposes it).</param>
/// <param name="passId">Pass identifier recorded with every key.</param>
public sealed class KeyStoreSink(KeyStore store, string passId) : IDistilledKeyStore
{
    /// <inheritdoc />
    public void Append(uint blockId, ReadOnlySpan<byte> key, long keyBits) => store.Append(blockId, passId, key, checked((int)keyBits));
}
