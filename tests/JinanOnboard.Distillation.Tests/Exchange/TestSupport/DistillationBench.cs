using JinanOnboard.Primitives.Detections;
using JinanOnboard.Distillation.Exchange;
using JinanOnboard.Source;

namespace JinanOnboard.Distillation.Tests.Exchange.TestSupport;

/// <summary>Both distillers wired over a <see cref="LoopbackNetwork"/> with in-memory key stores.</summary>
internal sealed class DistillationBench
{
    public static readonly byte[] GroundSigningKey = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    public static readonly byte[] PayloadSigningKey = [.. Enumerable.Range(101, 32).Select(i => (byte)i)];

    public DistillationBench(DistillationOptions options, IPulseRandomStore store, ulong seed = 7, IPrivacyAmplifier? payloadAmplifier = null, RandomFill? freshRandomness = null, DurableStores? durable = null, IReconciliationCodec? codec = null)
    {
        Options = options;
        codec ??= new MinSumLdpcCodec();
        GroundAuthenticator = new HmacAuthenticator(GroundSigningKey, PayloadSigningKey);
        Ground = new GroundDistiller(options, Network.ToPayload, codec, GroundAuthenticator, ToeplitzPrivacyAmplifier.Instance, durable?.Ground ?? (IDistilledKeyStore)GroundKeys, seed, freshRandomness, durable?.Ground);
        Payload = new PayloadDistiller(
            store, options, Network.ToGround, codec, new HmacAuthenticator(PayloadSigningKey, GroundSigningKey), payloadAmplifier ?? ToeplitzPrivacyAmplifier.Instance, durable?.Payload ?? (IDistilledKeyStore)PayloadKeys, seed + 1, freshRandomness, durable?.Journal);
    }

    public DistillationOptions Options { get; }

    public LoopbackNetwork Network { get; } = new();

    public MemoryKeyStore GroundKeys { get; } = new();

    public MemoryKeyStore PayloadKeys { get; } = new();

    public HmacAuthenticator GroundAuthenticator { get; }

    public GroundDistiller Ground { get; }

    public PayloadDistiller Payload { get; }

    /// <summary>Feeds detections in batches as the firmware would, pumping the link after each, then flushes.</summary>
    public async Task RunAsync(IReadOnlyList<PulseDetection> detections, int batch = 10_000)
    {
        PulseDetection[] all = [.. detections];
        for (int i = 0; i < all.Length; i += batch)
        {
            Ground.AddDetections(all.AsSpan(i, Math.Min(batch, all.Length - i)));
            await Ground.SendReadyRoundsAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            await Network.PumpAsync(Ground, Payload);
        }

        await Ground.FlushAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        await Network.PumpAsync(Ground, Payload);
    }

    /// <summary>Asserts the two key stores hold exactly the same blocks and keys.</summary>
    public void AssertStoresIdentical()
    {
        Assert.Equal(GroundKeys.Keys.Keys, PayloadKeys.Keys.Keys);
        foreach ((uint blockId, (byte[] key, long bits)) in GroundKeys.Keys)
        {
            Assert.Equal(bits, PayloadKeys.Keys[blockId].Bits);
            Assert.True(key.AsSpan().SequenceEqual(PayloadKeys.Keys[blockId].Key), $"block {blockId} keys differ");
        }
    }

    /// <summary>File-backed key stores (and the payload's pending-key journal) instead of the in-memory ones.</summary>
    public sealed record DurableStores(KeyStoreSink Ground, KeyStoreSink Payload, IPendingKeyJournal Journal);
}
