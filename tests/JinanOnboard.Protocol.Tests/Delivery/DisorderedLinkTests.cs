using System.Security.Cryptography;
using JinanOnboard.Primitives.Randomness;
using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Framing;
using JinanOnboard.Protocol.Tests.Support;
using JinanOnboard.Transport;
using JinanOnboard.Transport.LinkEmulation;

namespace JinanOnboard.Protocol.Tests.Delivery;

/// <summary>
/// The receiving link layer under duplicated and reordered CADUs (transports.md §4.3 steps 5–7): a copy is a replay
/// (frames.md check 6), never a bad signature or an error that counts against liveness; an overtaken frame is still
/// inside the replay window and accepted; every reliable message is delivered exactly once (delivery.md).
/// </summary>
public sealed class DisorderedLinkTests
{
    private const int FrameLength = 1024;
    private static readonly int CaduLength = TransferFrameLayout.CaduLength(FrameLength);

    [Fact]
    public async Task Adjacent_swaps_of_every_second_frame_are_accepted_and_every_message_arrives_once()
    {
        // Payload to ground: CADU 2k is held and forwarded right behind CADU 2k + 1 (heartbeats keep frames coming).
        byte[]? held = null;
        PipePair pipes = PipePair.Relayed(CaduLength, (fromPayload, index, cadu) =>
        {
            if (!fromPayload)
            {
                return cadu;
            }

            if (held is null && index % 2 == 0)
            {
                held = cadu;
                return [];
            }

            byte[] forward = held is null ? cadu : [.. cadu, .. held];
            held = null;
            return forward;
        });
        await using var link = new LinkFixture(pipes.A, pipes.B, FrameLength);
        byte[][] sent = Enumerable.Range(0, 30).Select(_ => RandomNumberGenerator.GetBytes(700)).ToArray();
        await Task.WhenAll(sent.Select(m => link.Payload.SendReliableAsync(0x100, 1, m))).WaitAsync(LinkFixture.Timeout);

        List<byte[]> received = await ReceiveAsync(link.Ground, sent.Length);
        Assert.Equal(sent.Select(Convert.ToHexString).Order(), received.Select(Convert.ToHexString).Order());
        await AssertNothingMoreAsync(link.Ground);

        LinkStatisticsSnapshot ground = link.Ground.Statistics.Snapshot();
        Assert.Equal((0L, 0L, 0L, 0L), (ground.FramesBadCrc, ground.FramesBadSignature, ground.FramesMalformed, ground.FramesReplayed));
        Assert.DoesNotContain(link.Ground.LinkStateChanges, c => !c.Up);
    }

    [Fact]
    public async Task Through_the_emulation_with_duplication_reordering_and_jitter_both_ways_copies_are_replays_and_nothing_else_fails()
    {
        var disordered = new LinkDirectionOptions
        {
            ChunkBytes = CaduLength,
            OneWayDelay = TimeSpan.FromMilliseconds(2),
            DuplicateProbability = 0.2,
            ReorderProbability = 0.2,
            Jitter = TimeSpan.FromMilliseconds(3),
        };
        await using EmulatedPair pair = await EmulatedPair.StartAsync(
            disordered with { RandomStreams = SeedSequence.UniformStreams(61) },
            disordered with { RandomStreams = SeedSequence.UniformStreams(62) });
        await using var link = new LinkFixture(pair.Payload, pair.Ground, FrameLength);

        byte[][] down = Enumerable.Range(0, 40).Select(_ => RandomNumberGenerator.GetBytes(1500)).ToArray();
        byte[][] up = Enumerable.Range(0, 20).Select(_ => RandomNumberGenerator.GetBytes(900)).ToArray();
        Task<bool[]> sendingDown = Task.WhenAll(down.Select(m => link.Payload.SendReliableAsync(0x100, 1, m)));
        Task<bool[]> sendingUp = Task.WhenAll(up.Select(m => link.Ground.SendReliableAsync(0x100, 2, m)));
        List<byte[]> atGround = await ReceiveAsync(link.Ground, down.Length);
        List<byte[]> atPayload = await ReceiveAsync(link.Payload, up.Length);
        Assert.All(await sendingDown.WaitAsync(LinkFixture.Timeout), Assert.True);
        Assert.All(await sendingUp.WaitAsync(LinkFixture.Timeout), Assert.True);

        Assert.Equal(down.Select(Convert.ToHexString).Order(), atGround.Select(Convert.ToHexString).Order());
        Assert.Equal(up.Select(Convert.ToHexString).Order(), atPayload.Select(Convert.ToHexString).Order());
        await AssertNothingMoreAsync(link.Ground);
        await AssertNothingMoreAsync(link.Payload);

        foreach ((LinkSession receiver, EmulatedConnection sender) in new[] { (link.Ground, pair.Payload), (link.Payload, pair.Ground) })
        {
            LinkStatisticsSnapshot stats = receiver.Statistics.Snapshot();
            Assert.True(sender.Outbound.ChunksDuplicated > 0 && sender.Outbound.ChunksReordered > 0, "the scenario should duplicate and reorder");
            Assert.Equal((0L, 0L, 0L), (stats.FramesBadCrc, stats.FramesBadSignature, stats.FramesMalformed));

            // Copies are replays (those of handshake frames before the peer is followed are not checked, frames.md), and
            // nothing but copies is: a reordered frame lies inside the window and is accepted.
            Assert.InRange(stats.FramesReplayed, 1, sender.Outbound.ChunksDuplicated);
            Assert.DoesNotContain(receiver.LinkStateChanges, c => !c.Up);
            Assert.False(receiver.IsLinkDown);
        }
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

    private static async Task AssertNothingMoreAsync(LinkSession session)
    {
        await Task.Delay(200);
        Assert.False(session.Inbound.TryRead(out _), "a message was delivered twice");
    }

    /// <summary>Two memory:// ends, each emulating its own transmit direction as the firmware does (transports.md §4).</summary>
    private sealed class EmulatedPair : IAsyncDisposable
    {
        private IConnectionListener _listener = null!;

        public EmulatedConnection Payload { get; private set; } = null!;

        public EmulatedConnection Ground { get; private set; } = null!;

        public static async Task<EmulatedPair> StartAsync(LinkDirectionOptions downlink, LinkDirectionOptions uplink)
        {
            var endpoint = new Uri($"memory://disorder-{Guid.NewGuid():N}");
            var pair = new EmulatedPair { _listener = await Transports.ServerFor(endpoint).BindAsync(endpoint, CancellationToken.None) };
            ValueTask<TransportConnection> accepting = pair._listener.AcceptAsync(CancellationToken.None);
            TransportConnection client = await Transports.ClientFor(endpoint).ConnectAsync(endpoint, CancellationToken.None);
            TransportConnection server = await accepting;
            var transparent = new LinkDirectionOptions { BitRateBitsPerSecond = double.PositiveInfinity, ChunkBytes = CaduLength };
            pair.Payload = LinkEmulator.Wrap(client, downlink, transparent, TimeProvider.System);
            pair.Ground = LinkEmulator.Wrap(server, uplink, transparent, TimeProvider.System);
            return pair;
        }

        public async ValueTask DisposeAsync()
        {
            await Payload.DisposeAsync();
            await Ground.DisposeAsync();
            await _listener.DisposeAsync();
        }
    }
}
