using System.IO.Pipelines;
using JinanOnboard.Primitives.Randomness;
using JinanOnboard.Transport.LinkEmulation;
using JinanOnboard.Transport.Tests.Contract;
using Microsoft.Extensions.Time.Testing;

namespace JinanOnboard.Transport.Tests.LinkEmulation;

/// <summary>The emulation layer over a real (memory) transport, driven by a fake clock.</summary>
public sealed class EmulatedConnectionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly LinkDirectionOptions Clear = new() { BitRateBitsPerSecond = double.PositiveInfinity };

    [Fact]
    public async Task A_chunk_arrives_after_serialisation_plus_delay_and_not_a_tick_before()
    {
        var time = new FakeTimeProvider();
        var outbound = new LinkDirectionOptions { ChunkBytes = 100, BitRateBitsPerSecond = 8e6, OneWayDelay = TimeSpan.FromMilliseconds(5) };
        await using Harness h = await Harness.StartAsync(outbound, Clear, time);
        TimeSpan serialisation = TimeSpan.FromSeconds(100 * 8 / 8e6);

        await h.Emulated.Output.WriteAsync(PipeIo.Pattern(100, 1)).AsTask().WaitAsync(Timeout);
        await WaitUntilAsync(() => h.Emulated.Outbound.ChunksOffered == 1);
        time.Advance(serialisation + TimeSpan.FromMilliseconds(5) - TimeSpan.FromTicks(1));
        await AssertNothingArrivesAsync(h.Server.Input);

        time.Advance(TimeSpan.FromTicks(1));
        byte[] got = await PipeIo.ReadExactlyAsync(h.Server.Input, 100, CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal(PipeIo.Pattern(100, 1), got);
    }

    [Fact]
    public async Task Back_to_back_chunks_are_spaced_by_their_serialisation_time()
    {
        var time = new FakeTimeProvider();
        var outbound = new LinkDirectionOptions { ChunkBytes = 1000, BitRateBitsPerSecond = 8e6 }; // 1 ms per chunk
        await using Harness h = await Harness.StartAsync(outbound, Clear, time);

        await h.Emulated.Output.WriteAsync(PipeIo.Pattern(3000, 2)).AsTask().WaitAsync(Timeout);
        await WaitUntilAsync(() => h.Emulated.Outbound.ChunksOffered == 3);
        for (int expected = 1; expected <= 3; expected++)
        {
            time.Advance(TimeSpan.FromMilliseconds(1));
            await WaitUntilAsync(() => h.Emulated.Outbound.ChunksDelivered == expected);
            await Task.Delay(50);
            Assert.Equal(expected, h.Emulated.Outbound.ChunksDelivered);
        }
    }

    [Fact]
    public async Task The_delay_function_is_evaluated_at_the_time_each_chunk_is_sent()
    {
        var time = new FakeTimeProvider();
        var outbound = new LinkDirectionOptions
        {
            ChunkBytes = 10,
            BitRateBitsPerSecond = double.PositiveInfinity,
            OneWayDelayFunction = sinceStart => TimeSpan.FromMilliseconds(5) + sinceStart, // range growing after culmination
        };
        await using Harness h = await Harness.StartAsync(outbound, Clear, time);

        time.Advance(TimeSpan.FromMilliseconds(10));
        await h.Emulated.Output.WriteAsync(PipeIo.Pattern(10, 3)).AsTask().WaitAsync(Timeout);
        await WaitUntilAsync(() => h.Emulated.Outbound.ChunksOffered == 1);

        // Sent at 10 ms with delay 15 ms: due at 25 ms.
        time.Advance(TimeSpan.FromMilliseconds(15) - TimeSpan.FromTicks(1));
        await AssertNothingArrivesAsync(h.Server.Input);
        time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(10, (await PipeIo.ReadExactlyAsync(h.Server.Input, 10, CancellationToken.None).WaitAsync(Timeout)).Length);
    }

    [Fact]
    public async Task Chunks_sent_during_an_outage_are_dropped_and_counted()
    {
        var time = new FakeTimeProvider();
        var outbound = new LinkDirectionOptions
        {
            ChunkBytes = 10,
            BitRateBitsPerSecond = double.PositiveInfinity,
            Outages = [new LinkOutage(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20))],
        };
        await using Harness h = await Harness.StartAsync(outbound, Clear, time);

        await SendAtAsync(h, time, 0, 1);
        await SendAtAsync(h, time, 12, 2);
        await SendAtAsync(h, time, 19, 3);
        await SendAtAsync(h, time, 20, 4);

        byte[] got = await PipeIo.ReadExactlyAsync(h.Server.Input, 20, CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal(PipeIo.Pattern(10, 1).Concat(PipeIo.Pattern(10, 4)).ToArray(), got);
        Assert.Equal(4, h.Emulated.Outbound.ChunksOffered);
        Assert.Equal(2, h.Emulated.Outbound.ChunksInOutage);
        Assert.Equal(2, h.Emulated.Outbound.ChunksDelivered);
        Assert.Equal(20, h.Emulated.Outbound.BytesDelivered);
    }

    [Fact]
    public async Task Outages_and_delay_follow_the_pass_clock_not_the_time_since_connection()
    {
        // A fast-mode pass: the pass clock is 25 s ahead of the wall clock and runs on its own. The outage at
        // pass time 25–30 s must fire now, at wall time 0, and the delay function must be read at pass time.
        var time = new FakeTimeProvider();
        TimeSpan pass = TimeSpan.FromSeconds(24);
        var seenAt = new List<TimeSpan>();
        var outbound = new LinkDirectionOptions
        {
            ChunkBytes = 10,
            BitRateBitsPerSecond = double.PositiveInfinity,
            Outages = [new LinkOutage(TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(30))],
            PassClock = () => pass,
            OneWayDelayFunction = t => { lock (seenAt) { seenAt.Add(t); } return TimeSpan.Zero; },
        };
        await using Harness h = await Harness.StartAsync(outbound, Clear, time);

        await SendAtAsync(h, time, 0, 1);    // pass 24 s: delivered
        pass = TimeSpan.FromSeconds(25);
        await SendAtAsync(h, time, 0, 2);    // pass 25 s: in the outage, though the wall clock has not moved
        pass = TimeSpan.FromSeconds(29.999);
        await SendAtAsync(h, time, 0, 3);    // still in it
        pass = TimeSpan.FromSeconds(30);
        await SendAtAsync(h, time, 0, 4);    // end is exclusive: delivered

        byte[] got = await PipeIo.ReadExactlyAsync(h.Server.Input, 20, CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal(PipeIo.Pattern(10, 1).Concat(PipeIo.Pattern(10, 4)).ToArray(), got);
        Assert.Equal(2, h.Emulated.Outbound.ChunksInOutage);
        lock (seenAt)
        {
            Assert.Equal([TimeSpan.FromSeconds(24), TimeSpan.FromSeconds(30)], seenAt);
        }
    }

    [Fact]
    public async Task The_same_seed_delivers_the_same_bytes_and_counts_through_the_pipes()
    {
        var options = new LinkDirectionOptions
        {
            ChunkBytes = 64,
            BitRateBitsPerSecond = double.PositiveInfinity,
            Loss = new GilbertElliott(0.05, 0.3, 0.01, 0.9),
            BitErrorRate = 1e-3,
            RandomStreams = SeedSequence.UniformStreams(21),
        };

        (byte[] bytes, long lost, long corrupted) first = await RunLossyAsync(options);
        (byte[] bytes, long lost, long corrupted) again = await RunLossyAsync(options);
        (byte[] bytes, long lost, long corrupted) other = await RunLossyAsync(options with { RandomStreams = SeedSequence.UniformStreams(22) });

        Assert.Equal(first.bytes, again.bytes);
        Assert.Equal(first.lost, again.lost);
        Assert.Equal(first.corrupted, again.corrupted);
        Assert.True(first.lost > 0 && first.corrupted > 0, "the scenario should lose and corrupt something");
        Assert.NotEqual(first.bytes, other.bytes);
    }

    [Fact]
    public async Task Directions_are_independent_and_completion_reaches_the_peer()
    {
        var time = new FakeTimeProvider();
        var lossyUp = new LinkDirectionOptions { ChunkBytes = 10, BitRateBitsPerSecond = double.PositiveInfinity, Loss = new GilbertElliott(0, 1, 1, 1), RandomStreams = SeedSequence.UniformStreams(0) };
        await using Harness h = await Harness.StartAsync(lossyUp, Clear, time);

        await h.Emulated.Output.WriteAsync(PipeIo.Pattern(100, 5)).AsTask().WaitAsync(Timeout);
        await h.Emulated.Output.CompleteAsync();
        await h.Server.Output.WriteAsync(PipeIo.Pattern(100, 6)).AsTask().WaitAsync(Timeout);
        await h.Server.Output.CompleteAsync();

        Assert.Empty(await PipeIo.ReadToEndAsync(h.Server.Input, CancellationToken.None).WaitAsync(Timeout));
        Assert.Equal(PipeIo.Pattern(100, 6), await PipeIo.ReadToEndAsync(h.Emulated.Input, CancellationToken.None).WaitAsync(Timeout));
        Assert.Equal(10, h.Emulated.Outbound.ChunksLost);
        Assert.Equal(0, h.Emulated.Inbound.ChunksLost);
        Assert.Equal(100, h.Emulated.Inbound.BytesDelivered);
    }

    [Fact]
    public async Task On_the_system_clock_nothing_arrives_before_the_one_way_delay()
    {
        var outbound = new LinkDirectionOptions { ChunkBytes = 100, OneWayDelay = TimeSpan.FromMilliseconds(80) };
        Uri uri = Transports.ParseEndpoint("memory://realtime-" + Guid.NewGuid().ToString("N"));
        await using IConnectionListener listener = await Transports.ServerFor(uri).BindAsync(uri, CancellationToken.None).AsTask().WaitAsync(Timeout);
        Task<TransportConnection> accept = listener.AcceptAsync(CancellationToken.None).AsTask();
        await using EmulatedConnection emulated = LinkEmulator.Wrap(await Transports.ClientFor(uri).ConnectAsync(uri, CancellationToken.None).AsTask().WaitAsync(Timeout), outbound, Clear, TimeProvider.System);
        await using TransportConnection server = await accept.WaitAsync(Timeout);

        long sent = TimeProvider.System.GetTimestamp();
        await emulated.Output.WriteAsync(PipeIo.Pattern(100, 9)).AsTask().WaitAsync(Timeout);
        await PipeIo.ReadExactlyAsync(server.Input, 100, CancellationToken.None).WaitAsync(Timeout);

        // Only a lower bound: real-time upper bounds belong in benchmarks, not unit tests.
        Assert.True(TimeProvider.System.GetElapsedTime(sent) >= TimeSpan.FromMilliseconds(80));
    }

    [Fact]
    public async Task A_failure_of_the_inner_connection_reaches_the_reader_instead_of_hanging_it()
    {
        var fromPeer = new Pipe();
        var toPeer = new Pipe();
        var inner = new HandMadeConnection(fromPeer.Reader, toPeer.Writer);
        await using EmulatedConnection emulated = LinkEmulator.Wrap(inner, Clear, Clear with { ChunkBytes = 4 }, new FakeTimeProvider());

        await fromPeer.Writer.WriteAsync("good"u8.ToArray());
        Assert.Equal("good"u8.ToArray(), await PipeIo.ReadExactlyAsync(emulated.Input, 4, CancellationToken.None).WaitAsync(Timeout));

        // A pipe surfaces a writer's error on the next read, so the failure comes after the good bytes are through.
        await fromPeer.Writer.CompleteAsync(new TransportException("tcp://192.0.2.1:7400: receive failed: reset"));
        var ex = await Assert.ThrowsAsync<TransportException>(() => emulated.Input.ReadAsync().AsTask().WaitAsync(Timeout));
        Assert.Contains("receive failed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slow_reader_holds_the_writer_back_through_the_emulation()
    {
        var time = new FakeTimeProvider();
        var link = new LinkDirectionOptions { BitRateBitsPerSecond = double.PositiveInfinity, MaxInFlightBytes = 256 * 1024 };
        await using Harness h = await Harness.StartAsync(link, Clear, time);
        byte[] data = PipeIo.Pattern(LinkDirectionOptions.DefaultChunkBytes * 2000, 8); // 8.2 MB of CADUs

        Task writer = PipeIo.WriteAllAsync(h.Emulated.Output, data, 64 * 1024, CancellationToken.None);
        await Task.Delay(300);
        Assert.False(writer.IsCompleted, "writer finished although nobody read: the emulation buffers without bound");
        long offeredWhileStalled = h.Emulated.Outbound.BytesOffered;
        Assert.True(offeredWhileStalled < 4 << 20, $"{offeredWhileStalled} bytes taken while nobody read");

        byte[] got = await PipeIo.ReadExactlyAsync(h.Server.Input, data.Length, CancellationToken.None).WaitAsync(Timeout);
        await writer.WaitAsync(Timeout);
        Assert.True(data.AsSpan().SequenceEqual(got));
    }

    private static async Task SendAtAsync(Harness h, FakeTimeProvider time, int atMs, int salt)
    {
        TimeSpan target = TimeSpan.FromMilliseconds(atMs);
        TimeSpan now = time.GetUtcNow() - h.StartUtc;
        time.Advance(target - now);
        long before = h.Emulated.Outbound.ChunksOffered;
        await h.Emulated.Output.WriteAsync(PipeIo.Pattern(10, salt)).AsTask().WaitAsync(Timeout);
        await WaitUntilAsync(() => h.Emulated.Outbound.ChunksOffered == before + 1);
    }

    private static async Task<(byte[] Bytes, long Lost, long Corrupted)> RunLossyAsync(LinkDirectionOptions options)
    {
        var time = new FakeTimeProvider();
        await using Harness h = await Harness.StartAsync(options, Clear, time);
        await h.Emulated.Output.WriteAsync(PipeIo.Pattern(64 * 300, 7)).AsTask().WaitAsync(Timeout);
        await h.Emulated.Output.CompleteAsync();
        byte[] got = await PipeIo.ReadToEndAsync(h.Server.Input, CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal(300, h.Emulated.Outbound.ChunksOffered);
        Assert.Equal(got.Length, h.Emulated.Outbound.BytesDelivered);
        return (got, h.Emulated.Outbound.ChunksLost, h.Emulated.Outbound.ChunksCorrupted);
    }

    internal static async Task AssertNothingArrivesAsync(PipeReader reader)
    {
        await Task.Delay(100);
        if (reader.TryRead(out ReadResult early))
        {
            long length = early.Buffer.Length;
            reader.AdvanceTo(early.Buffer.Start);
            Assert.Fail($"{length} bytes arrived early");
        }
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(Timeout);
        while (!condition())
        {
            await Task.Delay(5, cts.Token);
        }
    }

    /// <summary>A connection over two bare pipes, to show the emulation decorates any TransportConnection.</summary>
    private sealed class HandMadeConnection(PipeReader input, PipeWriter output) : TransportConnection
    {
        public override PipeReader Input => input;

        public override PipeWriter Output => output;

        public override string LocalEndpoint => "test://local";

        public override string RemoteEndpoint => "test://remote";

        public override async ValueTask DisposeAsync()
        {
            await input.CompleteAsync();
            await output.CompleteAsync();
        }
    }

    /// <summary>A memory connection pair whose client end is wrapped in the emulation.</summary>
    internal sealed class Harness : IAsyncDisposable
    {
        private IConnectionListener _listener = null!;

        public EmulatedConnection Emulated { get; private set; } = null!;

        public TransportConnection Server { get; private set; } = null!;

        public DateTimeOffset StartUtc { get; private set; }

        public static async Task<Harness> StartAsync(LinkDirectionOptions outbound, LinkDirectionOptions inbound, FakeTimeProvider time)
        {
            Uri uri = Transports.ParseEndpoint("memory://emulation-" + Guid.NewGuid().ToString("N"));
            var h = new Harness { _listener = await Transports.ServerFor(uri).BindAsync(uri, CancellationToken.None).AsTask().WaitAsync(Timeout) };
            Task<TransportConnection> accept = h._listener.AcceptAsync(CancellationToken.None).AsTask();
            TransportConnection client = await Transports.ClientFor(uri).ConnectAsync(uri, CancellationToken.None).AsTask().WaitAsync(Timeout);
            h.Server = await accept.WaitAsync(Timeout);
            h.StartUtc = time.GetUtcNow();
            h.Emulated = LinkEmulator.Wrap(client, outbound, inbound, time);
            return h;
        }

        public async ValueTask DisposeAsync()
        {
            await Emulated.DisposeAsync().AsTask().WaitAsync(Timeout);
            await Server.DisposeAsync();
            await _listener.DisposeAsync();
        }
    }
}
