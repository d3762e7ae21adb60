using JinanOnboard.Distillation.Exchange;
using JinanOnboard.Distillation.Exchange.Messages;
using JinanOnboard.Distillation.Tests.Exchange.TestSupport;

namespace JinanOnboard.Distillation.Tests.Exchange;

/// <summary>
/// The payload's packet outcomes: Decoded for every packet a signed instruction names; a packet the OGS discarded is
/// named nowhere on the distillation protocol, so its outcome comes from the OGS's report and stays Pending until then.
/// </summary>
public sealed class PayloadPacketOutcomeTests
{
    [Fact]
    public async Task Instruction_packets_are_decoded_and_a_discarded_packet_takes_the_OGS_outcome()
    {
        var bench = new DistillationBench(SharedPass.Options, SharedPass.Store);
        int seen = 0;
        bench.Network.Tamper = (type, body) =>
            type == DistillationMessageType.Syndrome && seen++ == 3 ? (SyndromeMessage.Decode(body) with { CodeId = 999 }).Encode() : body;
        await bench.RunAsync(SharedPass.Detections);

        IReadOnlyList<PacketReport> payload = bench.Payload.Statistics.Packets;
        Assert.Equal(bench.Ground.Statistics.Packets.Select(p => p.PacketId), payload.Select(p => p.PacketId));
        Assert.Equal(PacketOutcome.Pending, payload[3].Outcome); // nothing on the distillation protocol says what became of it
        Assert.All(payload.Where(p => p.PacketId != 3), p => Assert.Equal(PacketOutcome.Decoded, p.Outcome));

        int resolved = bench.Payload.AdoptOgsPacketOutcomes(bench.Ground.Statistics.Packets.Select(p => KeyValuePair.Create(p.PacketId, p.Outcome)));

        Assert.Equal(1, resolved);
        Assert.Equal(bench.Ground.Statistics.Packets.Select(p => p.Outcome), bench.Payload.Statistics.Packets.Select(p => p.Outcome));
        Assert.Equal(PacketOutcome.UnknownCode, bench.Payload.Statistics.Packets[3].Outcome);
    }

    [Fact]
    public async Task The_OGS_report_does_not_override_what_a_signed_instruction_showed_nor_report_unknown_packets()
    {
        var bench = new DistillationBench(SharedPass.Options, SharedPass.Store);
        await bench.RunAsync(SharedPass.Detections);
        int count = bench.Payload.Statistics.Packets.Count;

        int resolved = bench.Payload.AdoptOgsPacketOutcomes([KeyValuePair.Create(0, PacketOutcome.DecodeFailed), KeyValuePair.Create(100_000, PacketOutcome.Decoded)]);

        Assert.Equal(0, resolved);
        Assert.Equal(PacketOutcome.Decoded, bench.Payload.Statistics.Packets[0].Outcome);
        Assert.Equal(count, bench.Payload.Statistics.Packets.Count);
    }
}
