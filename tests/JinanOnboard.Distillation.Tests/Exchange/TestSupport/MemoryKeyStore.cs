using JinanOnboard.Distillation.Exchange;

namespace JinanOnboard.Distillation.Tests.Exchange.TestSupport;

/// <summary>Keeps appended keys in memory, by block id.</summary>
internal sealed class MemoryKeyStore : IDistilledKeyStore
{
    public SortedDictionary<uint, (byte[] Key, long Bits)> Keys { get; } = [];

    public void Append(uint blockId, ReadOnlySpan<byte> key, long keyBits)
    {
        Assert.False(Keys.ContainsKey(blockId), $"block {blockId} stored twice");
        Keys[blockId] = (key.ToArray(), keyBits);
    }
}
