using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Framing;
using JinanOnboard.Protocol.Messages;
using JinanOnboard.Protocol.Signing;
using JinanOnboard.Protocol.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace JinanOnboard.Protocol.Tests.Delivery;

/// <summary>The payload's receiver, fed frames made by hand as the ground (session 0x2222) would sign them.</summary>
public sealed class FrameReceiverTests
{
    private const ulong Payload = 0x1111;
    private const ulong Ground = 0x2222;
    private static readonly TransferFrameHeader InSession = new(0x2A, 1, 1, Ground, Payload, 1, 0);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Each_rejected_frame_is_counted_under_the_first_check_it_fails_and_nothing_else_happens()
    {
        await using var payload = new LinkEnd(isPayload: true, _time);
        using Identity stranger = Identity.FromSeed(Enumerable.Repeat((byte)0xEE, 32).ToArray());
        byte[] good = WirePackets.Seal(Keys.Ground, InSession, LinkEnd.FrameLength, Agreement(1), Unreliable(1));
        byte[] badCrc = (byte[])good.Clone();
        badCrc[100] ^= 0x01;

        Assert.Empty(payload.Receive(badCrc));
        Assert.Empty(payload.Receive(WirePackets.Seal(Keys.Ground, InSession with { SpacecraftId = 0x2B }, LinkEnd.FrameLength, Unreliable(1))));
        Assert.Empty(payload.Receive(WirePackets.Seal(stranger, InSession, LinkEnd.FrameLength, Unreliable(1))));
        Assert.Empty(payload.Receive(WirePackets.Seal(Keys.Ground, InSession with { ReceiverSessionId = 0x9999 }, LinkEnd.FrameLength, Unreliable(1))));
        Assert.False(payload.Handshake.Connected.IsCompleted);

        Assert.Single(payload.Receive(good));
        Assert.Empty(payload.Receive(good));

        LinkStatisticsSnapshot stats = payload.Statistics.Snapshot();
        Assert.Equal((1, 1, 1, 1, 1), (stats.FramesBadCrc, stats.FramesMalformed, stats.FramesBadSignature, stats.FramesOutOfSession, stats.FramesReplayed));
        Assert.Equal((1, 1), (stats.FramesReceived, stats.MessagesReceived));
    }

    [Fact]
    public async Task Only_frames_failing_checks_1_to_4_restart_the_hunt_inside_them()
    {
        // frames.md: session (5) and replay (6) failures are signed frames of the peer, consumed whole.
        await using var payload = new LinkEnd(isPayload: true, _time);
        using Identity stranger = Identity.FromSeed(Enumerable.Repeat((byte)0xEE, 32).ToArray());
        byte[] good = WirePackets.Seal(Keys.Ground, InSession, LinkEnd.FrameLength, Agreement(1), Unreliable(1));
        byte[] badCrc = (byte[])good.Clone();
        badCrc[100] ^= 0x01;

        Assert.False(payload.IsGenuine(badCrc));
        Assert.False(payload.IsGenuine(WirePackets.Seal(Keys.Ground, InSession with { SpacecraftId = 0x2B }, LinkEnd.FrameLength, Unreliable(1))));
        Assert.False(payload.IsGenuine(WirePackets.Seal(stranger, InSession, LinkEnd.FrameLength, Unreliable(1))));
        Assert.True(payload.IsGenuine(WirePackets.Seal(Keys.Ground, InSession with { ReceiverSessionId = 0x9999 }, LinkEnd.FrameLength, Unreliable(1))));
        Assert.True(payload.IsGenuine(good));
        Assert.True(payload.IsGenuine(good));
        Assert.Equal(1, payload.Statistics.Snapshot().FramesReplayed);
    }

    [Fact]
    public async Task A_peer_that_restarts_before_confirmation_gets_a_fresh_replay_window()
    {
        // delivery.md §Replay window: numbers restart at 1 in the new session and are not replays.
        const ulong restarted = 0x3333;
        await using var payload = new LinkEnd(isPayload: true, _time);
        TransferFrameHeader hello = InSession with { ReceiverSessionId = 0 };
        for (ulong sequence = 1; sequence <= 5; sequence++)
        {
            payload.Receive(WirePackets.Seal(Keys.Ground, hello with { FrameSequence = sequence }, LinkEnd.FrameLength, Hello(Ground)));
        }

        for (ulong sequence = 1; sequence <= 3; sequence++)
        {
            payload.Receive(WirePackets.Seal(Keys.Ground, hello with { SenderSessionId = restarted, FrameSequence = sequence }, LinkEnd.FrameLength, Hello(restarted)));
        }

        Assert.Equal((restarted, false), payload.Handshake.State);
        Assert.Empty(payload.Receive(WirePackets.Seal(Keys.Ground, InSession with { SenderSessionId = restarted, FrameSequence = 4 }, LinkEnd.FrameLength, Agreement(1))));
        Assert.Empty(payload.Receive(WirePackets.Seal(Keys.Ground, InSession with { SenderSessionId = restarted, FrameSequence = 3 }, LinkEnd.FrameLength, Agreement(1))));

        LinkStatisticsSnapshot stats = payload.Statistics.Snapshot();
        Assert.Equal((9, 1), (stats.FramesReceived, stats.FramesReplayed));
        Assert.Equal((restarted, true), payload.Handshake.State);
    }

    [Fact]
    public async Task A_pre_handshake_frame_counts_only_for_its_hello()
    {
        await using var payload = new LinkEnd(isPayload: true, _time);
        byte[] frame = WirePackets.Seal(Keys.Ground, InSession with { ReceiverSessionId = 0 }, LinkEnd.FrameLength, Hello(Ground), Unreliable(1), Reliable(1, 5, [9]));
        Assert.Empty(payload.Receive(frame));
        Assert.Equal((Ground, false), payload.Handshake.State);
        Assert.True(payload.Doorbell.WaitAsync(TimeSpan.FromHours(1), CancellationToken.None).IsCompletedSuccessfully, "Learning the peer's id should wake the writer.");
        Assert.False(payload.Acknowledger.TryTake(false, new (uint, uint)[16], out _, out _));
        Assert.Equal(1, payload.Statistics.Snapshot().FramesReceived);
    }

    [Fact]
    public async Task An_in_session_frame_confirms_the_handshake_and_a_reliable_message_is_delivered_once_and_acknowledged()
    {
        await using var payload = new LinkEnd(isPayload: true, _time);
        InboundMessage message = Assert.Single(payload.Receive(WirePackets.Seal(Keys.Ground, InSession, LinkEnd.FrameLength, Agreement(1), Reliable(2, 5, [9]))));
        Assert.Equal((Apids.Distillation, 5, true), (message.Apid, message.Type, message.Reliable));
        Assert.Equal([9], message.Data);
        await payload.Handshake.Connected.WaitAsync(LinkFixture.Timeout);

        Assert.Empty(payload.Receive(WirePackets.Seal(Keys.Ground, InSession with { FrameSequence = 2 }, LinkEnd.FrameLength, Reliable(2, 5, [9]))));
        LinkStatisticsSnapshot stats = payload.Statistics.Snapshot();
        Assert.Equal((1, 1), (stats.DuplicatesReceived, stats.MessagesReceived));
        Assert.True(payload.Acknowledger.TryTake(false, new (uint, uint)[16], out uint cumulative, out _));
        Assert.Equal(2u, cumulative);
    }

    [Fact]
    public async Task A_segmented_message_is_reassembled_whatever_the_order_of_its_frames()
    {
        await using var payload = new LinkEnd(isPayload: true, _time);
        WirePacket[] segments =
        [
            Reliable(2, 5, [1], SequenceFlags.First),
            Reliable(3, 5, [2], SequenceFlags.Continuation),
            Reliable(4, 5, [3], SequenceFlags.Last),
        ];
        Assert.Empty(payload.Receive(WirePackets.Seal(Keys.Ground, InSession with { FrameSequence = 1 }, LinkEnd.FrameLength, Agreement(1), segments[2])));
        Assert.Empty(payload.Receive(WirePackets.Seal(Keys.Ground, InSession with { FrameSequence = 2 }, LinkEnd.FrameLength, segments[0])));
        InboundMessage whole = Assert.Single(payload.Receive(WirePackets.Seal(Keys.Ground, InSession with { FrameSequence = 3 }, LinkEnd.FrameLength, segments[1])));
        Assert.Equal([1, 2, 3], whole.Data);
    }

    [Fact]
    public async Task The_peers_ack_settles_our_packets_and_its_floor_advances_our_cumulative_point()
    {
        await using var payload = new LinkEnd(isPayload: true, _time);
        Task<bool> delivery = payload.Sender.DeliverAsync(payload.Sender.Submit(0x100, 1, new byte[1])[0], CancellationToken.None);
        byte[] ack = new byte[AckPayload.FixedLength];
        AckPayload.Write(ack, cumulative: 1, floor: 4, []);
        payload.Receive(WirePackets.Seal(Keys.Ground, InSession, LinkEnd.FrameLength, new WirePacket(true, Apids.LinkControl, SequenceFlags.Unsegmented, 0, LinkControlTypes.Ack, ack)));

        Assert.True(await delivery.WaitAsync(LinkFixture.Timeout));
        Assert.True(payload.Acknowledger.TryTake(true, new (uint, uint)[16], out uint cumulative, out _));
        Assert.Equal(3u, cumulative);
    }

    [Fact]
    public async Task The_peers_close_completes_peer_closed_and_is_not_delivered()
    {
        await using var payload = new LinkEnd(isPayload: true, _time);
        Assert.Empty(payload.Receive(WirePackets.Seal(Keys.Ground, InSession, LinkEnd.FrameLength, new WirePacket(true, Apids.LinkControl, SequenceFlags.Unsegmented, 1, LinkControlTypes.Close, []))));
        await payload.Receiver.PeerClosed.WaitAsync(LinkFixture.Timeout);
        Assert.Equal(0, payload.Statistics.Snapshot().MessagesReceived);
    }

    [Fact]
    public async Task Malformed_packets_drop_the_rest_of_the_zone_and_are_counted()
    {
        await using var payload = new LinkEnd(isPayload: true, _time);
        WirePacket wrongDirection = Unreliable(1) with { IsTelecommand = false };
        WirePacket segmentedUnreliable = Unreliable(2) with { Flags = SequenceFlags.First };
        byte[] badHello = new byte[Handshake.HelloLength];
        WirePacket hello = new(true, Apids.LinkControl, SequenceFlags.Unsegmented, 0, LinkControlTypes.Hello, badHello);

        payload.Receive(WirePackets.Seal(Keys.Ground, InSession with { FrameSequence = 9 }, LinkEnd.FrameLength, Agreement(1)));
        Assert.Empty(payload.Receive(WirePackets.Seal(Keys.Ground, InSession with { FrameSequence = 1 }, LinkEnd.FrameLength, wrongDirection, Unreliable(3))));
        Assert.Empty(payload.Receive(WirePackets.Seal(Keys.Ground, InSession with { FrameSequence = 2 }, LinkEnd.FrameLength, segmentedUnreliable)));
        Assert.Single(payload.Receive(WirePackets.Seal(Keys.Ground, InSession with { FrameSequence = 3 }, LinkEnd.FrameLength, hello, Unreliable(4))));
        Assert.Equal(3, payload.Statistics.Snapshot().PacketsMalformed);
    }

    [Fact]
    public async Task Application_packets_before_the_peers_agreement_are_ignored_and_not_acknowledged()
    {
        await using var payload = new LinkEnd(isPayload: true, _time);
        Assert.Empty(payload.Receive(WirePackets.Seal(Keys.Ground, InSession with { FrameSequence = 1 }, LinkEnd.FrameLength, Reliable(2, 5, [9]), Unreliable(1))));
        Assert.False(payload.Acknowledger.TryTake(false, new (uint, uint)[16], out _, out _));
        Assert.Equal(0, payload.Statistics.Snapshot().MessagesReceived);

        Assert.Empty(payload.Receive(WirePackets.Seal(Keys.Ground, InSession with { FrameSequence = 2 }, LinkEnd.FrameLength, Agreement(1))));
        await payload.Handshake.Connected.WaitAsync(LinkFixture.Timeout);
        InboundMessage repeated = Assert.Single(payload.Receive(WirePackets.Seal(Keys.Ground, InSession with { FrameSequence = 3 }, LinkEnd.FrameLength, Reliable(2, 5, [9]))));
        Assert.Equal([9], repeated.Data);
    }

    [Fact]
    public async Task A_differing_agreement_fails_the_handshake_and_application_packets_stay_ignored()
    {
        await using var payload = new LinkEnd(isPayload: true, _time, o => o with { Agreement = [new("pass.seed", "7")] });
        byte[] theirs = PlanAgreement.Encode([new("pass.seed", "8")]);
        WirePacket agreement = new(true, Apids.LinkControl, SequenceFlags.Unsegmented, 1, LinkControlTypes.Agreement, theirs);
        Assert.Empty(payload.Receive(WirePackets.Seal(Keys.Ground, InSession, LinkEnd.FrameLength, agreement, Unreliable(1))));

        PlanMismatchException e = await Assert.ThrowsAsync<PlanMismatchException>(() => payload.Handshake.Connected);
        Assert.Equal("run plan differs from the peer's: pass.seed: 7 here, 8 at the peer", e.Message);
        Assert.True(payload.Acknowledger.TryTake(false, new (uint, uint)[16], out uint cumulative, out _), "The agreement itself is acknowledged.");
        Assert.Equal(1u, cumulative);
    }

    [Fact]
    public async Task A_malformed_agreement_is_a_protocol_violation()
    {
        await using var payload = new LinkEnd(isPayload: true, _time);
        WirePacket agreement = new(true, Apids.LinkControl, SequenceFlags.Unsegmented, 1, LinkControlTypes.Agreement, [0x00, 0x01]);
        byte[] frame = WirePackets.Seal(Keys.Ground, InSession, LinkEnd.FrameLength, agreement);
        ProtocolViolationException e = Assert.Throws<ProtocolViolationException>(() => payload.Receive(frame));
        Assert.StartsWith("The peer's plan agreement is malformed", e.Message, StringComparison.Ordinal);
    }

    private static WirePacket Agreement(uint id) => new(true, Apids.LinkControl, SequenceFlags.Unsegmented, id, LinkControlTypes.Agreement, PlanAgreement.Encode([]));

    private static WirePacket Unreliable(byte type) => new(true, Apids.Telemetry, SequenceFlags.Unsegmented, 0, type, [type]);

    private static WirePacket Reliable(uint id, byte type, byte[] data, SequenceFlags flags = SequenceFlags.Unsegmented) => new(true, Apids.Distillation, flags, id, type, data);

    private static WirePacket Hello(ulong session)
    {
        byte[] body = new byte[Handshake.HelloLength];
        new Handshake(session, isPayload: false, []).WriteHello(body);
        return new WirePacket(true, Apids.LinkControl, SequenceFlags.Unsegmented, 0, LinkControlTypes.Hello, body);
    }
}
