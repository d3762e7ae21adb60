namespace JinanOnboard.Distillation.Exchange;

/// <summary>Where a side appends its final keys (the KeyStore writes them atomically).</summary>
public interface IDistilledKeyStore
{
    /// <summary>Appends the final key of PA block <paramref name="blockId"/> (<paramref name="keyBits"/> packed bits).</summary>
    void Append(uint blockId, ReadOnlySpan<byte> key, long keyBits);
}
