using JinanOnboard.Primitives.Recording;
using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Replay;
using JinanOnboard.Protocol.Signing;
using JinanOnboard.Transport;

namespace JinanOnboard.Protocol.Tests.Replay;

/// <summary>
/// The messages of a recorded direction (protocol-spec/replay.md §Recorded messages): the frames a real ground session
/// received, fed back with every frame twice and one damaged copy, give each message once, whole and in order, and the
/// sender's agreement list.
/// </summary>
public sealed class RecordedLinkMessagesTests
{
    private sealed class FrameTap : ITap
    {
        public List<byte[]> Incoming { get; } = [];

        public void Observe(string stream, TapDirection direction, TimeSpan passTime, ReadOnlySpan<byte> data)
        {
            if (stream == "link" && direction == TapDirection.Incoming)
            {
                lock (Incoming)
                {
                    Incoming.Add(data.ToArray());
                }
            }
        }
    }

    [Fact]
    public async Task Recorded_frames_give_each_message_once_whole_and_in_order()
    {
        KeyValuePair<string, string>[] plan = [new("seed", "7"), new("distillation.pa_block_bits", "500000")];
        using Identity payloadKey = Identity.FromSeed(Enumerable.Repeat((byte)1, 32).ToArray());
        using Identity groundKey = Identity.FromSeed(Enumerable.Repeat((byte)2, 32).ToArray());
        var endpoint = new Uri($"memory://replay-{Guid.NewGuid():N}");
        await using IConnectionListener listener = await Transports.ServerFor(endpoint).BindAsync(endpoint, CancellationToken.None);
        ValueTask<TransportConnection> accepting = listener.AcceptAsync(CancellationToken.None);
        await using TransportConnection client = await Transports.ClientFor(endpoint).ConnectAsync(endpoint, CancellationToken.None);
        await using TransportConnection server = await accepting;
        var options = new LinkSessionOptions { FrameLength = 1024, LossOfLinkTimeout = TimeSpan.FromSeconds(3) };
        var tap = new FrameTap();
        await using var payload = new LinkSession(client, options with { IsPayload = true, SessionId = 0x1111, Agreement = plan }, payloadKey, groundKey.PublicKey);
        await using var ground = new LinkSession(server, options with { IsPayload = false, SessionId = 0x2222, Agreement = plan }, groundKey, payloadKey.PublicKey, tap: tap);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        Task payloadRun = payload.RunAsync(stop.Token);
        Task groundRun = ground.RunAsync(stop.Token);

        byte[] small = [1, 2, 3];
        byte[] large = [.. Enumerable.Range(0, 5000).Select(i => (byte)(i * 7))]; // segmented: frames of 1024 bytes
        byte[] telemetry = [9, 9];
        await payload.SendReliableAsync(0x100, 2, small);
        await payload.SendReliableAsync(0x100, 3, large);
        await payload.SendAsync(0x020, 1, telemetry, stop.Token);
        for (int received = 0; received < 3; received++)
        {
            await ground.Inbound.ReadAsync(stop.Token);
        }

        await stop.CancelAsync();
        await Task.WhenAll(payloadRun, groundRun).ContinueWith(_ => { }, TaskScheduler.Default);

        var messages = new RecordedLinkMessages();
        long index = 0;
        List<byte[]> frames;
        lock (tap.Incoming)
        {
            frames = [.. tap.Incoming];
        }

        byte[] damaged = (byte[])frames[^1].Clone();
        damaged[100] ^= 0xFF;
        messages.Add(index++, TimeSpan.Zero, damaged);
        foreach (byte[] frame in frames)
        {
            messages.Add(index++, TimeSpan.FromSeconds(index), frame);
            messages.Add(index++, TimeSpan.FromSeconds(index), frame); // the link duplicated every frame
        }

        Assert.Equal(1, messages.DamagedFrames);
        Assert.Equal(frames.Count, messages.DuplicateFrames);
        Assert.Equal(plan, messages.Agreement);
        Assert.Equal(
            [(0x100, 2, Convert.ToHexString(small), true), (0x100, 3, Convert.ToHexString(large), true), (0x020, 1, Convert.ToHexString(telemetry), false)],
            messages.Messages.Select(m => ((int)m.Apid, (int)m.Type, Convert.ToHexString(m.Body), m.Reliable)));
    }
}
