using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Framing;
using Microsoft.Extensions.Time.Testing;

namespace JinanOnboard.Protocol.Tests.Delivery;

public sealed class OutboxTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_reliable_packet_sits_in_the_queue_once_until_the_writer_takes_it()
    {
        var bell = new Doorbell(_time);
        var outbox = new Outbox(4, bell);
        var packet = new OutboundPacket(0x100, 1, SequenceFlags.Unsegmented, 1, new byte[1]);
        outbox.EnqueueReliable(packet);
        outbox.EnqueueReliable(packet);
        Assert.Equal(1, outbox.Reliable.Count);
        Assert.False(outbox.IsEmpty);
        Assert.True(bell.WaitAsync(TimeSpan.FromHours(1), CancellationToken.None).IsCompletedSuccessfully);

        Assert.True(outbox.Reliable.TryRead(out _));
        packet.MarkDequeued();
        outbox.EnqueueReliable(packet);
        Assert.Equal(1, outbox.Reliable.Count);
    }

    [Fact]
    public async Task Unacknowledged_packets_wait_for_room_in_the_bounded_queue()
    {
        var outbox = new Outbox(1, new Doorbell(_time));
        await outbox.EnqueueUnreliableAsync(new OutboundPacket(0x20, 1, SequenceFlags.Unsegmented, 0, new byte[1]), CancellationToken.None);
        ValueTask second = outbox.EnqueueUnreliableAsync(new OutboundPacket(0x20, 1, SequenceFlags.Unsegmented, 0, new byte[1]), CancellationToken.None);
        Assert.False(second.IsCompleted);
        Assert.True(outbox.Unreliable.TryRead(out _));
        await second.AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(outbox.Unreliable.TryRead(out _));
        Assert.True(outbox.IsEmpty);
    }
}
