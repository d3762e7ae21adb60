using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Framing;
using JinanOnboard.Protocol.Messages;
using JinanOnboard.Protocol.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace JinanOnboard.Protocol.Tests.Delivery;

public sealed class FrameComposerTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Before_the_peer_is_known_a_frame_carries_only_the_hello_and_queued_packets_wait()
    {
        await using var payload = new LinkEnd(isPayload: true, _time);
        payload.Outbox.EnqueueReliable(new OutboundPacket(0x100, 1, SequenceFlags.Unsegmented, 1, new byte[5]));
        Assert.False(payload.Composer.HasPending);
        Assert.Equal(TimeSpan.FromMilliseconds(25), payload.Composer.Heartbeat);

        WirePacket hello = Assert.Single(WirePackets.Read(payload.NextCadu(), Keys.Payload, out TransferFrameHeader first));
        Assert.Equal((Apids.LinkControl, LinkControlTypes.Hello, 0u, false), (hello.Apid, hello.Type, hello.MessageId, hello.IsTelecommand));
        Assert.Equal("02000000000000001111", Convert.ToHexString(hello.Data));
        Assert.Equal(new TransferFrameHeader(0x2A, TransferFrameLayout.DataVirtualChannel, 1, 0x1111, 0, 1, 21), first);

        WirePackets.Read(payload.NextCadu(), Keys.Payload, out TransferFrameHeader second);
        Assert.Equal((2u, 2UL), (second.VirtualChannelFrameCount, second.FrameSequence));
        Assert.Equal(1, payload.Outbox.Reliable.Count);
    }

    [Fact]
    public async Task Once_the_peers_hello_arrives_queued_packets_follow_and_a_second_sending_counts_as_retransmission()
    {
        await using var payload = new LinkEnd(isPayload: true, _time);
        await using var ground = new LinkEnd(isPayload: false, _time);
        OutboundPacket packet = payload.Sender.Submit(0x100, 9, new byte[] { 1, 2, 3 })[0];
        _ = payload.Sender.DeliverAsync(packet, CancellationToken.None);
        await Poll.Until(() => payload.Outbox.Reliable.Count == 1, "the packet is queued");

        payload.Receive(ground.NextCadu());
        Assert.True(payload.Composer.HasPending);
        List<WirePacket> packets = WirePackets.Read(payload.NextCadu(), Keys.Payload, out TransferFrameHeader header);
        Assert.Equal(0x2222UL, header.ReceiverSessionId);
        Assert.Equal([LinkControlTypes.Hello, LinkControlTypes.Ack, (byte)9], packets.Select(p => p.Type));
        WirePacket data = packets[2];
        Assert.Equal((1u, SequenceFlags.Unsegmented), (data.MessageId, data.Flags));
        Assert.Equal([1, 2, 3], data.Data);
        Assert.Equal(0, payload.Statistics.Snapshot().Retransmissions);

        payload.Outbox.EnqueueReliable(packet);
        Assert.Contains(WirePackets.Read(payload.NextCadu(), Keys.Payload, out _), p => p.MessageId == 1);
        Assert.Equal(1, payload.Statistics.Snapshot().Retransmissions);
        Assert.Equal(6, payload.Statistics.Snapshot().PayloadBytesSent);
    }

    [Fact]
    public async Task After_confirmation_frames_carry_no_hello_and_heartbeats_slow_to_the_full_interval()
    {
        await using var payload = new LinkEnd(isPayload: true, _time);
        await using var ground = new LinkEnd(isPayload: false, _time);
        await LinkEnd.ConnectAsync(payload, ground);
        Assert.Empty(WirePackets.Read(payload.NextCadu(), Keys.Payload, out TransferFrameHeader header));
        Assert.Equal(0x2222UL, header.ReceiverSessionId);
        Assert.Equal(TimeSpan.FromMilliseconds(100), payload.Composer.Heartbeat);
    }

    [Fact]
    public async Task An_owed_ack_carries_the_cumulative_point_the_ranges_and_this_senders_floor()
    {
        await using var payload = new LinkEnd(isPayload: true, _time);
        await using var ground = new LinkEnd(isPayload: false, _time);
        await LinkEnd.ConnectAsync(payload, ground);
        payload.Sender.Submit(0x100, 1, new byte[1]); // id 2 (after the agreement) stays unsettled: our floor is 2
        payload.Acknowledger.Record(2);
        payload.Acknowledger.Record(3);
        payload.Acknowledger.Record(6);

        WirePacket ack = Assert.Single(WirePackets.Read(payload.NextCadu(), Keys.Payload, out _));
        Assert.Equal(LinkControlTypes.Ack, ack.Type);
        Assert.True(AckPayload.TryRead(ack.Data, out uint cumulative, out uint floor, out ReadOnlySpan<byte> ranges));
        Assert.Equal((3u, 2u, (6u, 6u)), (cumulative, floor, AckPayload.ReadRange(ranges, 0)));
        Assert.Equal(AckPayload.RangeLength, ranges.Length);
    }

    [Fact]
    public async Task Packets_that_do_not_fit_wait_for_the_next_frame_and_settled_ones_are_dropped_unsent()
    {
        await using var payload = new LinkEnd(isPayload: true, _time);
        await using var ground = new LinkEnd(isPayload: false, _time);
        await LinkEnd.ConnectAsync(payload, ground);
        int size = payload.Options.MaxSegmentData; // two of these do not fit one 512-byte frame
        await payload.Outbox.EnqueueUnreliableAsync(new OutboundPacket(0x20, 1, SequenceFlags.Unsegmented, 0, new byte[size]), CancellationToken.None);
        await payload.Outbox.EnqueueUnreliableAsync(new OutboundPacket(0x20, 2, SequenceFlags.Unsegmented, 0, new byte[size]), CancellationToken.None);
        var settled = new OutboundPacket(0x100, 3, SequenceFlags.Unsegmented, 7, new byte[1]);
        payload.Outbox.EnqueueReliable(settled);
        settled.Acked.SetResult();

        Assert.Equal([1], WirePackets.Read(payload.NextCadu(), Keys.Payload, out _).Select(p => (int)p.Type));
        Assert.Equal([2], WirePackets.Read(payload.NextCadu(), Keys.Payload, out _).Select(p => (int)p.Type));
        Assert.True(payload.Outbox.IsEmpty);
    }
}
