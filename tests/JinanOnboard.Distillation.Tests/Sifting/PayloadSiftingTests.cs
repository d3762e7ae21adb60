using JinanOnboard.Primitives.Detections;
using JinanOnboard.Distillation.Exchange;
using JinanOnboard.Distillation.Exchange.Messages;
using JinanOnboard.Distillation.Sifting;
using JinanOnboard.Distillation.Tests.Exchange.TestSupport;
using JinanOnboard.Source;
using JinanOnboard.Source.Random;

namespace JinanOnboard.Distillation.Tests.Sifting;

public sealed class PayloadSiftingTests
{
    private sealed class CapturingLink : IDistillationLink
    {
        public List<(DistillationMessageType Type, byte[] Body)> Sent { get; } = [];

        public ValueTask SendAsync(DistillationMessageType type, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
        {
            Sent.Add((type, body.ToArray()));
            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task Payload_compares_bases_with_its_cached_choices_and_returns_the_intensity_of_every_match()
    {
        var store = new PhiloxPulseRandomStore(99, SourceConfiguration.Jinan1);
        var link = new CapturingLink();
        var options = new DistillationOptions { PacketBits = 64, BlockPackets = 1 };
        var payload = new PayloadDistiller(
            store, options, link, new MinSumLdpcCodec(), new HmacAuthenticator([1], [2]), ToeplitzPrivacyAmplifier.Instance, new MemoryKeyStore(), 1);

        // 400 detections at sequence 10, 13, 16, ...; the OGS measured in the preparation basis for even i.
        const int count = 400;
        long[] sequences = [.. Enumerable.Range(0, count).Select(i => 10 + (3L * i))];
        var bases = new byte[count / 8];
        var sampled = new byte[count / 8];
        var sampledBits = new List<int>();
        for (int i = 0; i < count; i++)
        {
            PulseChoice choice = store.GetChoice(sequences[i]);
            int measured = i % 2 == 0 ? (int)choice.Basis : 1 - (int)choice.Basis;
            PackedBits.Set(bases, i, measured);
            if (i % 10 == 0)
            {
                PackedBits.Set(sampled, i, 1);
                sampledBits.Add(i % 20 == 0 && i % 40 != 0 ? 1 - choice.Bit : choice.Bit); // every other sampled match wrong
            }
        }

        var packedSampledBits = new byte[PackedBits.ByteCount(sampledBits.Count)];
        for (int s = 0; s < sampledBits.Count; s++)
        {
            PackedBits.Set(packedSampledBits, s, sampledBits[s]);
        }

        var round = new KeyInformationMessage(0, false, sequences, bases, sampled, packedSampledBits);
        await payload.HandleAsync(DistillationMessageType.KeyInformation, round.Encode());

        SiftResultMessage sift = SiftResultMessage.Decode(link.Sent[0].Body);
        Assert.Equal(DistillationMessageType.SiftResult, link.Sent[0].Type);
        Assert.Equal(count, sift.DetectionCount);
        int matched = 0;
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(i % 2 == 0 ? 1 : 0, PackedBits.Get(sift.Matched, i));
            if (i % 2 == 0)
            {
                Assert.Equal(store.GetChoice(sequences[i]).IntensityIndex, sift.IntensityOf(matched++));
            }
        }

        // 40 sampled detections (i % 10 == 0, all matched), 10 of them wrong; 160 unsampled matches → two 64-bit packets.
        Assert.Equal(0.25, payload.SampledQber, 12);
        Assert.Equal(160, payload.Statistics.SiftedBits);
        Assert.Equal(2, payload.Statistics.SiftedPackets);
        Assert.Equal(2, link.Sent.Count(m => m.Type == DistillationMessageType.Syndrome));
    }

    [Fact]
    public async Task Payload_refuses_a_round_whose_sequences_go_backwards()
    {
        var store = new PhiloxPulseRandomStore(99, SourceConfiguration.Jinan1);
        var payload = new PayloadDistiller(
            store, new DistillationOptions(), new CapturingLink(), new MinSumLdpcCodec(), new HmacAuthenticator([1], [2]), ToeplitzPrivacyAmplifier.Instance, new MemoryKeyStore(), 1);
        await payload.HandleAsync(DistillationMessageType.KeyInformation, new KeyInformationMessage(0, false, [100], [0], [0], []).Encode());
        byte[] backwards = new KeyInformationMessage(1, false, [50], [0], [0], []).Encode();
        await Assert.ThrowsAsync<DistillationProtocolException>(async () => await payload.HandleAsync(DistillationMessageType.KeyInformation, backwards));
    }

    [Fact]
    public void Ground_refuses_detections_that_do_not_increase()
    {
        var bench = new DistillationBench(SharedPass.Options, SharedPass.Store);
        bench.Ground.AddDetections([PulseDetection.Of(5, (int)PulseBasis.Z, 1)]);
        Assert.Throws<ArgumentException>(() => bench.Ground.AddDetections([PulseDetection.Of(5, (int)PulseBasis.X, 0)]));
        Assert.Throws<ArgumentException>(() => bench.Ground.AddDetections([new PulseDetection(6, 4)]));
        Assert.Throws<ArgumentException>(() => bench.Ground.AddDetections([new PulseDetection(6, -1)]));
    }
}
