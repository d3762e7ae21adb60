using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace JinanOnboard.Protocol.Tests.Delivery;

public sealed class AcknowledgerTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Received_ids_are_acknowledged_once_as_a_cumulative_point_and_selective_ranges()
    {
        await using var acks = new Acknowledger(TimeSpan.FromMilliseconds(1), _time, new Doorbell(_time));
        Assert.False(Take(acks, carryFloor: false, out _, out _));

        foreach (uint id in new uint[] { 1, 2, 4, 5, 7 })
        {
            Assert.True(acks.Record(id));
        }

        Assert.True(Take(acks, carryFloor: false, out uint cumulative, out (uint, uint)[] ranges));
        Assert.Equal(2u, cumulative);
        Assert.Equal([(4u, 5u), (7u, 7u)], ranges);
        Assert.False(Take(acks, carryFloor: false, out _, out _));
    }

    [Fact]
    public async Task A_duplicate_is_reported_and_acknowledged_again()
    {
        await using var acks = new Acknowledger(TimeSpan.FromMilliseconds(1), _time, new Doorbell(_time));
        Assert.True(acks.Record(1));
        Assert.True(Take(acks, carryFloor: false, out _, out _));
        Assert.False(acks.Record(1));
        Assert.True(Take(acks, carryFloor: false, out uint cumulative, out _));
        Assert.Equal(1u, cumulative);
    }

    [Fact]
    public async Task The_peers_floor_moves_the_cumulative_point_past_abandoned_ids()
    {
        await using var acks = new Acknowledger(TimeSpan.FromMilliseconds(1), _time, new Doorbell(_time));
        acks.Record(1);
        acks.Record(4);
        acks.Record(6);
        acks.AdvanceFloor(5); // ids 2 and 3 were abandoned by the peer
        Assert.True(Take(acks, carryFloor: false, out uint cumulative, out (uint, uint)[] ranges));
        Assert.Equal(4u, cumulative);
        Assert.Equal([(6u, 6u)], ranges);
    }

    [Fact]
    public async Task A_sender_with_unsettled_packets_gets_an_ack_to_carry_its_floor_even_when_none_is_owed()
    {
        await using var acks = new Acknowledger(TimeSpan.FromMilliseconds(1), _time, new Doorbell(_time));
        Assert.True(Take(acks, carryFloor: true, out uint cumulative, out (uint, uint)[] ranges));
        Assert.Equal(0u, cumulative);
        Assert.Empty(ranges);
    }

    [Fact]
    public async Task An_owed_ack_becomes_due_after_the_ack_delay_and_rings_the_doorbell()
    {
        var bell = new Doorbell(_time);
        await using var acks = new Acknowledger(TimeSpan.FromMilliseconds(3), _time, bell);
        acks.Record(1);
        _time.Advance(TimeSpan.FromMilliseconds(2));
        Assert.False(acks.IsDue);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(acks.IsDue);
        Assert.True(bell.WaitAsync(TimeSpan.FromHours(1), CancellationToken.None).IsCompletedSuccessfully, "The doorbell should have rung.");

        Assert.True(Take(acks, carryFloor: false, out _, out _));
        Assert.False(acks.IsDue);
    }

    private static bool Take(Acknowledger acks, bool carryFloor, out uint cumulative, out (uint, uint)[] ranges)
    {
        var buffer = new (uint, uint)[LinkSessionOptions.MaxAckRanges];
        bool owed = acks.TryTake(carryFloor, buffer, out cumulative, out int count);
        ranges = buffer[..count];
        return owed;
    }
}
