using JinanOnboard.Distillation.Exchange;
using JinanOnboard.Distillation.Tests.Exchange.TestSupport;

namespace JinanOnboard.Distillation.Tests.Exchange;

public sealed class EndToEndTests
{
    [Fact]
    public async Task Payload_and_ground_store_identical_keys_and_agree_on_every_count()
    {
        // Production randomness for the Toeplitz seeds and hash keys (the deterministic default is tested below).
        var bench = new DistillationBench(SharedPass.Options, SharedPass.Store, freshRandomness: System.Security.Cryptography.RandomNumberGenerator.Fill);
        await bench.RunAsync(SharedPass.Detections);

        DistillationStatistics g = bench.Ground.Statistics;
        DistillationStatistics p = bench.Payload.Statistics;
        Assert.Equal(SharedPass.Detections.Length, g.Detections);
        Assert.Equal(g.Detections, p.Detections);
        Assert.Equal(g.SampledDetections, p.SampledDetections);
        Assert.InRange((double)g.SampledDetections / g.Detections, 0.09, 0.11);
        Assert.Equal(g.SiftedBits, p.SiftedBits);
        Assert.Equal(g.SiftedBits / SharedPass.Options.PacketBits, g.SiftedPackets);
        Assert.Equal(g.SiftedPackets, p.SiftedPackets);
        Assert.True(g.SiftedPackets >= 11);

        // Every packet decoded, and the exact QBER is near the simulated 0.5% optical error.
        Assert.All(g.Packets, r => Assert.Equal(PacketOutcome.Decoded, r.Outcome));
        Assert.All(g.Packets, r => Assert.InRange(r.ExactQber!.Value, 0.002, 0.009));

        // Blocks: a full 200 kbit block with key, then the shorter tail block; both sides saw the same counts.
        Assert.Equal(g.Blocks.Count, p.Blocks.Count);
        PaBlockReport first = g.Blocks[0];
        Assert.Equal(BlockOutcome.Stored, first.Outcome);
        Assert.Equal(SharedPass.Options.BlockBits, first.InputBits);
        Assert.True(first.KeyBits > 0);
        long disclosed = first.PacketIds.Sum(id => (long)g.Packets[id].SyndromeBits + 64);
        Assert.Equal(disclosed, first.LambdaEcBits);
        for (int i = 0; i < g.Blocks.Count; i++)
        {
            Assert.Equal(g.Blocks[i].Outcome, p.Blocks[i].Outcome);
            Assert.Equal(g.Blocks[i].KeyBits, p.Blocks[i].KeyBits);
            Assert.Equal(g.Blocks[i].Z, p.Blocks[i].Z);
            Assert.Equal(g.Blocks[i].X, p.Blocks[i].X);
            Assert.Equal(g.Blocks[i].LambdaEcBits, p.Blocks[i].LambdaEcBits);
        }

        Assert.True(g.FinalKeyBits > 0);
        Assert.Equal(g.FinalKeyBits, p.FinalKeyBits);
        Assert.Equal(0, bench.Payload.PendingKeyCount);
        Assert.True(bench.Ground.IsComplete);
        Assert.True(bench.Payload.PassComplete);
        bench.AssertStoresIdentical();
    }

    [Fact]
    public async Task The_same_seeds_give_the_same_keys_and_duplicated_or_reordered_deliveries_change_nothing()
    {
        var first = new DistillationBench(SharedPass.Options, SharedPass.Store);
        await first.RunAsync(SharedPass.Detections);

        // Second run: every message is delivered twice (a retransmitted frame whose ack was lost) and
        // messages overtake each other (rounds, sift results and syndromes are applied in index order).
        var second = new DistillationBench(SharedPass.Options, SharedPass.Store);
        second.Network.DuplicateEveryMessage = true;
        second.Network.Reorder = new Random(11);
        await second.RunAsync(SharedPass.Detections);

        Assert.NotEmpty(first.GroundKeys.Keys);
        Assert.Equal(first.GroundKeys.Keys.Keys, second.GroundKeys.Keys.Keys);
        foreach ((uint id, (byte[] key, _)) in first.GroundKeys.Keys)
        {
            Assert.Equal(key, second.GroundKeys.Keys[id].Key);
        }

        second.AssertStoresIdentical();
    }

    [Fact]
    public async Task A_pa_instruction_overtaken_by_the_next_one_still_yields_its_key()
    {
        // Regression: the payload once freed every packet below the newest instruction's packets, so
        // an earlier instruction arriving late (retransmitted after a loss) was refused.
        var bench = new DistillationBench(SharedPass.Options, SharedPass.Store);
        bench.Network.HoldBackFirstInstruction = true;
        await bench.RunAsync(SharedPass.Detections);

        Assert.True(bench.Ground.Statistics.Blocks.Count >= 2);
        Assert.DoesNotContain(bench.Payload.Statistics.Blocks, b => b.Outcome == BlockOutcome.Refused);
        Assert.Null(bench.Payload.LastRefusal);
        bench.AssertStoresIdentical();
    }
}
