using System.Buffers.Binary;
using System.Security.Cryptography;
using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Framing;
using JinanOnboard.Protocol.Integrity;
using JinanOnboard.Protocol.Signing;
using JinanOnboard.Protocol.Tests.Support;

namespace JinanOnboard.Protocol.Tests.Delivery;

public sealed class LinkSessionTests
{
    private const int FrameLength = 1024;
    private static readonly int CaduLength = TransferFrameLayout.CaduLength(FrameLength);

    [Fact]
    public async Task Reliable_messages_arrive_once_and_in_content_over_a_clean_link()
    {
        PipePair pipes = PipePair.Direct();
        await using var link = new LinkFixture(pipes.A, pipes.B, FrameLength);
        await Task.WhenAll(link.Payload.Connected, link.Ground.Connected).WaitAsync(LinkFixture.Timeout);

        byte[][] sent = Enumerable.Range(0, 50).Select(i => RandomNumberGenerator.GetBytes(10 + (i * 97))).ToArray();
        await Task.WhenAll(sent.Select(m => link.Payload.SendReliableAsync(0x100, 7, m))).WaitAsync(LinkFixture.Timeout);

        List<byte[]> received = await ReceiveAsync(link.Ground, sent.Length);
        Assert.Equal(sent.Select(Convert.ToHexString).Order(), received.Select(Convert.ToHexString).Order());
    }

    [Fact]
    public async Task A_message_larger_than_a_frame_is_segmented_and_reassembled()
    {
        PipePair pipes = PipePair.Direct();
        await using var link = new LinkFixture(pipes.A, pipes.B, FrameLength);
        byte[] big = RandomNumberGenerator.GetBytes(200_000);
        Assert.True(await link.Ground.SendReliableAsync(0x100, 9, big).WaitAsync(LinkFixture.Timeout));
        List<byte[]> received = await ReceiveAsync(link.Payload, 1);
        Assert.Equal(big, received[0]);
    }

    [Fact]
    public async Task Lost_frames_are_retransmitted_until_everything_arrives()
    {
        // Drop every 3rd CADU in both directions (data and acknowledgements alike).
        PipePair pipes = PipePair.Relayed(CaduLength, (_, index, cadu) => index % 3 == 2 ? [] : cadu);
        await using var link = new LinkFixture(pipes.A, pipes.B, FrameLength);
        byte[][] sent = Enumerable.Range(0, 40).Select(_ => RandomNumberGenerator.GetBytes(3000)).ToArray();
        await Task.WhenAll(sent.Select(m => link.Payload.SendReliableAsync(0x100, 1, m))).WaitAsync(LinkFixture.Timeout);

        List<byte[]> received = await ReceiveAsync(link.Ground, sent.Length);
        Assert.Equal(sent.Select(Convert.ToHexString).Order(), received.Select(Convert.ToHexString).Order());
        LinkStatisticsSnapshot stats = link.Payload.Statistics.Snapshot();
        Assert.True(stats.Retransmissions > 0, "Expected retransmissions on a lossy link.");
    }

    [Fact]
    public async Task Segments_waiting_for_window_space_are_not_passed_by_the_advertised_floor()
    {
        // A tiny window (16 packets) and large segmented messages on a lossy link: segments wait for
        // window space while later ones settle. Regression: the floor once passed waiting segments,
        // so the receiver dropped them as old and the messages never completed.
        PipePair pipes = PipePair.Relayed(CaduLength, (_, index, cadu) => index % 7 == 3 ? [] : cadu);
        await using var link = new LinkFixture(pipes.A, pipes.B, FrameLength, adjust: o => o with { RoundTripTime = TimeSpan.FromMilliseconds(0.01) });
        byte[][] sent = Enumerable.Range(0, 6).Select(_ => RandomNumberGenerator.GetBytes(40_000)).ToArray();
        await Task.WhenAll(sent.Select(m => link.Ground.SendReliableAsync(0x100, 1, m))).WaitAsync(LinkFixture.Timeout);
        List<byte[]> received = await ReceiveAsync(link.Payload, sent.Length);
        Assert.Equal(sent.Select(Convert.ToHexString).Order(), received.Select(Convert.ToHexString).Order());
    }

    [Fact]
    public async Task Corrupted_frames_are_rejected_by_crc_and_counted_and_traffic_still_flows()
    {
        // Flip one bit in every 4th CADU sent by the payload.
        PipePair pipes = PipePair.Relayed(CaduLength, (fromA, index, cadu) =>
        {
            if (fromA && index % 4 == 3)
            {
                cadu[100] ^= 0x10;
            }

            return cadu;
        });
        await using var link = new LinkFixture(pipes.A, pipes.B, FrameLength);
        byte[][] sent = Enumerable.Range(0, 20).Select(_ => RandomNumberGenerator.GetBytes(2000)).ToArray();
        await Task.WhenAll(sent.Select(m => link.Payload.SendReliableAsync(0x100, 1, m))).WaitAsync(LinkFixture.Timeout);
        await ReceiveAsync(link.Ground, sent.Length);
        Assert.True(link.Ground.Statistics.Snapshot().FramesBadCrc > 0);
    }

    [Fact]
    public async Task Frames_signed_by_the_wrong_key_are_rejected_and_the_link_never_connects()
    {
        PipePair pipes = PipePair.Direct();
        using Identity impostor = Identity.FromSeed(Enumerable.Repeat((byte)9, 32).ToArray());
        await using var link = new LinkFixture(pipes.A, pipes.B, FrameLength, impostor);
        await Task.Delay(500);
        Assert.False(link.Ground.Connected.IsCompleted);
        Assert.True(link.Ground.Statistics.Snapshot().FramesBadSignature > 0);
    }

    [Fact]
    public async Task Frames_of_another_spacecraft_count_as_malformed_not_as_bad_signatures()
    {
        // The relay rewrites the SCID of every payload CADU and mends the CRC: the signature no
        // longer matches, but frames.md checks the header (SCID) first, so these are malformed.
        PipePair pipes = PipePair.Relayed(CaduLength, (fromA, _, cadu) =>
        {
            if (fromA)
            {
                Span<byte> frame = cadu.AsSpan(TransferFrameLayout.SyncMarkerLength);
                frame[0] ^= 0x01; // bit 8 of the first word, inside the SCID (bits 13-6)
                BinaryPrimitives.WriteUInt16BigEndian(frame[^2..], Crc16Ccitt.Compute(frame[..^2]));
            }

            return cadu;
        });
        await using var link = new LinkFixture(pipes.A, pipes.B, FrameLength);
        await Task.Delay(300);
        LinkStatisticsSnapshot ground = link.Ground.Statistics.Snapshot();
        Assert.True(ground.FramesMalformed > 0, "Expected the foreign-SCID frames to be counted as malformed.");
        Assert.Equal(0, ground.FramesBadSignature);
        Assert.False(link.Ground.Connected.IsCompleted);
    }

    [Fact]
    public async Task Replayed_frames_are_dropped_and_counted()
    {
        // The relay sends every payload CADU twice: the copy must be recognised as a replay.
        PipePair pipes = PipePair.Relayed(CaduLength, (fromA, _, cadu) => fromA ? [.. cadu, .. cadu] : cadu);
        await using var link = new LinkFixture(pipes.A, pipes.B, FrameLength);
        byte[][] sent = Enumerable.Range(0, 10).Select(_ => RandomNumberGenerator.GetBytes(500)).ToArray();
        await Task.WhenAll(sent.Select(m => link.Payload.SendReliableAsync(0x100, 1, m))).WaitAsync(LinkFixture.Timeout);
        List<byte[]> received = await ReceiveAsync(link.Ground, sent.Length);
        Assert.Equal(sent.Length, received.Count);
        Assert.True(link.Ground.Statistics.Snapshot().FramesReplayed > 0);
        await Task.Delay(200);
        Assert.False(link.Ground.Inbound.TryRead(out _), "A replayed frame must not deliver a message twice.");
    }

    [Fact]
    public async Task Peer_silence_ends_in_link_lost_instead_of_a_hang()
    {
        // The ground's frames stop after the handshake: the payload marks the link down after the loss-of-link time
        // and gives up after the give-up time.
        PipePair pipes = PipePair.Relayed(CaduLength, (fromA, index, cadu) => fromA || index < 5 ? cadu : []);
        await using var link = new LinkFixture(pipes.A, pipes.B, FrameLength, adjust: o => o with { GiveUpTimeout = TimeSpan.FromSeconds(5) });
        LinkLostException e = await Assert.ThrowsAsync<LinkLostException>(() => link.PayloadRun.WaitAsync(LinkFixture.Timeout));
        Assert.Contains("link.give_up_s = 5 s", e.Message, StringComparison.Ordinal);
        Assert.False(Assert.Single(link.Payload.LinkStateChanges).Up);
    }

    [Fact]
    public async Task An_outage_longer_than_the_loss_of_link_time_is_ridden_out_and_what_waited_is_delivered()
    {
        // delivery.md §Liveness: after the handshake, silence marks the link down, not lost. A reliable message sent
        // into a 4.5 s outage (loss of link 3 s) arrives once the beam is back, in the same session.
        bool dark = false;
        PipePair pipes = PipePair.Relayed(CaduLength, (fromA, index, cadu) => Volatile.Read(ref dark) ? [] : cadu);
        await using var link = new LinkFixture(pipes.A, pipes.B, FrameLength);
        await Task.WhenAll(link.Payload.Connected, link.Ground.Connected).WaitAsync(LinkFixture.Timeout);

        Volatile.Write(ref dark, true);
        Task<bool> delivery = link.Payload.SendReliableAsync(0x100, 1, new byte[3000]);
        await Task.Delay(TimeSpan.FromSeconds(4.5));
        Assert.True(link.Payload.IsLinkDown);
        Assert.True(link.Ground.IsLinkDown);
        Assert.False(delivery.IsCompleted);
        Volatile.Write(ref dark, false);

        Assert.True(await delivery.WaitAsync(LinkFixture.Timeout));
        InboundMessage message = await link.Ground.Inbound.ReadAsync().AsTask().WaitAsync(LinkFixture.Timeout);
        Assert.Equal(3000, message.Data.Length);
        await Poll.Until(() => link.Payload.LinkStateChanges.Count == 2 && link.Ground.LinkStateChanges.Count == 2, "both ends see the link come up");
        Assert.Equal([false, true], link.Payload.LinkStateChanges.Select(c => c.Up));
        Assert.InRange(link.Payload.LinkStateChanges[1].SilentFor.TotalSeconds, 3, 10);
        Assert.False(link.PayloadRun.IsCompleted);
        Assert.False(link.GroundRun.IsCompleted);
    }

    [Fact]
    public async Task Close_is_seen_by_the_peer_and_both_sessions_end_cleanly()
    {
        PipePair pipes = PipePair.Direct();
        await using var link = new LinkFixture(pipes.A, pipes.B, FrameLength);
        await Task.WhenAll(link.Payload.Connected, link.Ground.Connected).WaitAsync(LinkFixture.Timeout);
        await link.Payload.CloseAsync(TimeSpan.FromSeconds(2)).WaitAsync(LinkFixture.Timeout);
        await link.Ground.PeerClosed.WaitAsync(LinkFixture.Timeout);
        await link.PayloadRun.WaitAsync(LinkFixture.Timeout);
    }

    [Fact]
    public async Task The_second_close_needs_no_acknowledgement_and_both_ends_still_end_orderly()
    {
        // delivery.md §Liveness and closing: the payload hangs up once its own CLOSE is acknowledged,
        // so the ground's CLOSE after it goes unacknowledged; the ground must neither wait out its
        // close timeout nor call that a loss of link.
        PipePair pipes = PipePair.Direct();
        await using var link = new LinkFixture(pipes.A, pipes.B, FrameLength);
        await Task.WhenAll(link.Payload.Connected, link.Ground.Connected).WaitAsync(LinkFixture.Timeout);
        await link.Payload.CloseAsync(TimeSpan.FromSeconds(2)).WaitAsync(LinkFixture.Timeout);
        await link.Ground.PeerClosed.WaitAsync(LinkFixture.Timeout);
        await link.PayloadRun.WaitAsync(LinkFixture.Timeout);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await link.Ground.CloseAsync(TimeSpan.FromMinutes(10)).WaitAsync(LinkFixture.Timeout);
        await link.GroundRun.WaitAsync(LinkFixture.Timeout);
        Assert.True(watch.Elapsed < LinkFixture.Timeout, "The ground ends on the payload's hang-up, not on its close timeout.");
    }

    private static async Task<List<byte[]>> ReceiveAsync(LinkSession session, int count)
    {
        var received = new List<byte[]>();
        while (received.Count < count)
        {
            InboundMessage message = await session.Inbound.ReadAsync().AsTask().WaitAsync(LinkFixture.Timeout);
            received.Add(message.Data);
        }

        return received;
    }
}
