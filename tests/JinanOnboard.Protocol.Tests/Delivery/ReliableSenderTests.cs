using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Framing;
using JinanOnboard.Protocol.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace JinanOnboard.Protocol.Tests.Delivery;

public sealed class ReliableSenderTests
{
    [Fact]
    public async Task Messages_get_consecutive_ids_and_long_ones_are_cut_into_first_continuation_last()
    {
        await using var end = new LinkEnd(isPayload: true, new FakeTimeProvider());
        int s = end.Options.MaxSegmentData;
        byte[] body = Enumerable.Range(0, (2 * s) + 5).Select(i => (byte)i).ToArray();

        OutboundPacket[] single = end.Sender.Submit(0x100, 1, new byte[3]);
        OutboundPacket[] parts = end.Sender.Submit(0x100, 2, body);
        OutboundPacket[] empty = end.Sender.Submit(0x100, 3, ReadOnlyMemory<byte>.Empty);

        Assert.Equal([1u], single.Select(p => p.MessageId));
        Assert.Equal(SequenceFlags.Unsegmented, single[0].Flags);
        Assert.Equal([2u, 3u, 4u], parts.Select(p => p.MessageId));
        Assert.Equal([SequenceFlags.First, SequenceFlags.Continuation, SequenceFlags.Last], parts.Select(p => p.Flags));
        Assert.Equal([s, s, 5], parts.Select(p => p.Data.Length));
        Assert.Equal(body, parts.SelectMany(p => p.Data.ToArray()));
        Assert.All(parts, p => Assert.Equal((ushort)0x100, p.Apid));
        Assert.Equal(SequenceFlags.Unsegmented, Assert.Single(empty).Flags);
    }

    [Fact]
    public async Task The_floor_stays_at_the_lowest_id_not_yet_settled_even_one_not_yet_sending()
    {
        await using var end = new LinkEnd(isPayload: true, new FakeTimeProvider());
        OutboundPacket first = end.Sender.Submit(0x100, 1, new byte[1])[0];
        OutboundPacket second = end.Sender.Submit(0x100, 1, new byte[1])[0];
        Assert.Equal(1u, end.Sender.Floor);
        Assert.True(end.Sender.HasUnsettled);

        Task<bool> delivery = end.Sender.DeliverAsync(second, CancellationToken.None);
        Acknowledge(end.Sender, 0, (2, 2));
        Assert.True(await delivery.WaitAsync(LinkFixture.Timeout));
        Assert.Equal(1u, end.Sender.Floor); // id 1 was never handed to DeliverAsync, yet it holds the floor

        using var superseded = new CancellationTokenSource();
        await superseded.CancelAsync();
        Assert.False(await end.Sender.DeliverAsync(first, superseded.Token).WaitAsync(LinkFixture.Timeout));
        Assert.Equal(3u, end.Sender.Floor);
        Assert.False(end.Sender.HasUnsettled);
        LinkStatisticsSnapshot stats = end.Statistics.Snapshot();
        Assert.Equal((1, 1), (stats.ReliableAcked, stats.ReliableSuperseded));
    }

    [Fact]
    public async Task An_ack_settles_the_ids_at_or_below_its_cumulative_and_inside_its_ranges_only()
    {
        await using var end = new LinkEnd(isPayload: true, new FakeTimeProvider());
        Task<bool>[] deliveries = Enumerable.Range(0, 6)
            .Select(_ => end.Sender.DeliverAsync(end.Sender.Submit(0x100, 1, new byte[1])[0], CancellationToken.None))
            .ToArray();

        Acknowledge(end.Sender, 2, (4, 4), (6, 9));
        await Task.WhenAll(deliveries[0], deliveries[1], deliveries[3], deliveries[5]).WaitAsync(LinkFixture.Timeout);
        await Task.Delay(50);
        Assert.False(deliveries[2].IsCompleted);
        Assert.False(deliveries[4].IsCompleted);
        Assert.Equal(3u, end.Sender.Floor);
    }

    [Fact]
    public async Task An_unacknowledged_packet_is_sent_again_after_the_ack_timeout_and_back_off_and_not_after_its_ack()
    {
        var time = new FakeTimeProvider();
        await using var end = new LinkEnd(isPayload: true, time);
        DateTimeOffset start = time.GetUtcNow();
        OutboundPacket packet = end.Sender.Submit(0x100, 1, new byte[10])[0];
        Task<bool> delivery = end.Sender.DeliverAsync(packet, CancellationToken.None);
        await Poll.Until(() => end.Outbox.Reliable.Count == 1, "the first sending is queued");
        Take(end.Outbox);

        time.Advance(end.Options.AckTimeout - TimeSpan.FromMilliseconds(1));
        await Task.Delay(50);
        Assert.Equal(0, end.Outbox.Reliable.Count);

        await Poll.Until(() => { time.Advance(TimeSpan.FromMilliseconds(1)); return end.Outbox.Reliable.Count == 1; }, "the packet is queued again");
        Assert.True(time.GetUtcNow() - start >= end.Options.AckTimeout + end.Options.RetransmitBackoff);
        Assert.Same(packet, Take(end.Outbox));

        Acknowledge(end.Sender, 1);
        Assert.True(await delivery.WaitAsync(LinkFixture.Timeout));
        time.Advance(TimeSpan.FromSeconds(5));
        await Task.Delay(50);
        Assert.Equal(0, end.Outbox.Reliable.Count);
    }

    [Fact]
    public async Task At_most_a_window_of_packets_is_in_flight()
    {
        await using var end = new LinkEnd(isPayload: true, new FakeTimeProvider(), o => o with { RoundTripTime = TimeSpan.FromMilliseconds(0.01) });
        Assert.Equal(16, end.Options.WindowPackets);
        Task<bool>[] deliveries = Enumerable.Range(0, 17)
            .Select(_ => end.Sender.DeliverAsync(end.Sender.Submit(0x100, 1, new byte[1])[0], CancellationToken.None))
            .ToArray();
        await Poll.Until(() => end.Outbox.Reliable.Count == 16, "the window is full");
        await Task.Delay(50);
        Assert.Equal(16, end.Outbox.Reliable.Count);
        Assert.Equal(16, end.Statistics.Snapshot().ReliableSent);

        Acknowledge(end.Sender, 1);
        await Poll.Until(() => end.Outbox.Reliable.Count == 17, "the 17th packet takes the freed slot");
        Assert.True(await deliveries[0]);
    }

    [Fact]
    public async Task Deliveries_end_with_cancellation_when_the_session_stops()
    {
        await using var end = new LinkEnd(isPayload: true, new FakeTimeProvider());
        Task<bool> delivery = end.Sender.DeliverAsync(end.Sender.Submit(0x100, 1, new byte[1])[0], CancellationToken.None);
        end.Stop();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delivery.WaitAsync(LinkFixture.Timeout));
        Assert.False(end.Sender.HasUnsettled);
    }

    internal static void Acknowledge(ReliableSender sender, uint cumulative, params (uint Start, uint End)[] ranges)
    {
        byte[] body = new byte[AckPayload.FixedLength + (ranges.Length * AckPayload.RangeLength)];
        AckPayload.Write(body, cumulative, 1, ranges);
        Assert.True(AckPayload.TryRead(body, out uint c, out _, out ReadOnlySpan<byte> wireRanges));
        sender.Acknowledge(c, wireRanges);
    }

    /// <summary>Takes a reliable packet as the writer does.</summary>
    private static OutboundPacket Take(Outbox outbox)
    {
        Assert.True(outbox.Reliable.TryRead(out OutboundPacket? packet));
        packet.MarkDequeued();
        return packet;
    }
}
