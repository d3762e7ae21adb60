using System.Buffers.Binary;
using JinanOnboard.Primitives.Randomness;
using JinanOnboard.Transport.LinkEmulation;
using JinanOnboard.Transport.Tests.Contract;
using Microsoft.Extensions.Time.Testing;
using Harness = JinanOnboard.Transport.Tests.LinkEmulation.EmulatedConnectionTests.Harness;

namespace JinanOnboard.Transport.Tests.LinkEmulation;

/// <summary>
/// Duplication, reordering and jitter through the pipes under a fake clock (transports.md §4.2–4.3): which chunks come
/// out, in which order, and when — checked against the direction's own random streams.
/// </summary>
public sealed class DisorderedDeliveryTests
{
    private const int ChunkBytes = 10;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly LinkDirectionOptions Clear = new() { BitRateBitsPerSecond = double.PositiveInfinity };

    [Fact]
    public async Task Duplicated_chunks_arrive_twice_identical_and_adjacent_as_the_stream_decides()
    {
        var options = Link(seed: 51) with { DuplicateProbability = 0.3 };
        (int[] order, LinkDirectionStatistics stats) = await SendInOneWriteAsync(options, 300);

        int[] expected = ExpectedOrder(300, 51, duplicate: 0.3);
        Assert.Equal(expected, order);
        int copies = order.Length - 300;
        Assert.InRange(copies, 60, 120); // Binomial(300, 0.3): mean 90, σ ≈ 7.9
        Assert.Equal(copies, stats.ChunksDuplicated);
        Assert.Equal(copies * ChunkBytes, stats.BytesDuplicated);
        Assert.Equal(300 + copies, stats.ChunksDelivered);
        Assert.Equal(0, stats.ChunksReordered);
    }

    [Fact]
    public async Task A_copy_arrives_at_the_same_time_as_its_original()
    {
        ulong seed = FirstSeedWhose(LinkChannelModel.DuplicateLabel, u => u < 0.5);
        var time = new FakeTimeProvider();
        await using Harness h = await Harness.StartAsync(Link(seed) with { DuplicateProbability = 0.5, OneWayDelay = TimeSpan.FromMilliseconds(5) }, Clear, time);

        await h.Emulated.Output.WriteAsync(Chunk(7)).AsTask().WaitAsync(Timeout);
        await EmulatedConnectionTests.WaitUntilAsync(() => h.Emulated.Outbound.ChunksOffered == 1);
        time.Advance(TimeSpan.FromMilliseconds(5) - TimeSpan.FromTicks(1));
        await EmulatedConnectionTests.AssertNothingArrivesAsync(h.Server.Input);

        time.Advance(TimeSpan.FromTicks(1));
        byte[] both = await PipeIo.ReadExactlyAsync(h.Server.Input, 2 * ChunkBytes, CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal(Chunk(7).Concat(Chunk(7)), both);
    }

    [Fact]
    public async Task Reordering_swaps_a_held_chunk_with_the_next_one_only()
    {
        var options = Link(seed: 52) with { ReorderProbability = 0.3 };
        (int[] order, LinkDirectionStatistics stats) = await SendInOneWriteAsync(options, 300);

        int[] expected = ExpectedOrder(300, 52, reorder: 0.3, swaps: out int swaps);
        Assert.Equal(expected, order);
        Assert.Equal(Enumerable.Range(0, 300), order.Order());
        Assert.InRange(swaps, 40, 90); // each chunk starts a swap with p = 0.3 unless it closes one: about 300 · 0.3 / 1.3 ≈ 69
        Assert.Equal(swaps, stats.ChunksReordered);

        // Every displacement is an adjacent swap: no chunk moves by more than one place.
        Assert.All(order.Select((chunk, place) => Math.Abs(chunk - place)), d => Assert.InRange(d, 0, 1));
    }

    [Fact]
    public async Task Duplication_reordering_and_loss_together_follow_the_rules_of_section_4_3()
    {
        var options = Link(seed: 53) with { Loss = new GilbertElliott(0, 1, 0.1, 0), DuplicateProbability = 0.2, ReorderProbability = 0.2 };
        (int[] order, _) = await SendInOneWriteAsync(options, 300);

        // A held chunk whose successor is lost goes alone; a held duplicated chunk takes its copy with it.
        Assert.Equal(ExpectedOrder(300, 53, loss: 0.1, duplicate: 0.2, reorder: 0.2), order);
    }

    [Fact]
    public async Task A_held_chunk_goes_alone_when_the_sender_pauses()
    {
        ulong seed = FirstSeedWhose(LinkChannelModel.ReorderLabel, u => u < 0.5);
        var time = new FakeTimeProvider();
        await using Harness h = await Harness.StartAsync(Link(seed) with { ReorderProbability = 0.5, OneWayDelay = TimeSpan.FromMilliseconds(5) }, Clear, time);

        // Chunk 0 is held (the seed's first reorder draw is below 0.5), and nothing follows it.
        await h.Emulated.Output.WriteAsync(Chunk(0)).AsTask().WaitAsync(Timeout);
        await EmulatedConnectionTests.WaitUntilAsync(() => h.Emulated.Outbound.ChunksOffered == 1);
        time.Advance(TimeSpan.FromMilliseconds(5));

        Assert.Equal(Chunk(0), await PipeIo.ReadExactlyAsync(h.Server.Input, ChunkBytes, CancellationToken.None).WaitAsync(Timeout));
        Assert.Equal(0, h.Emulated.Outbound.ChunksReordered);

        // What the sender writes next still comes through.
        await h.Emulated.Output.WriteAsync(Chunk(1)).AsTask().WaitAsync(Timeout);
        await h.Emulated.Output.CompleteAsync();
        await EmulatedConnectionTests.WaitUntilAsync(() => h.Emulated.Outbound.ChunksOffered == 2);
        time.Advance(TimeSpan.FromMilliseconds(5));
        Assert.Equal(Chunk(1), await PipeIo.ReadToEndAsync(h.Server.Input, CancellationToken.None).WaitAsync(Timeout));
    }

    [Fact]
    public async Task A_held_chunk_goes_alone_when_the_stream_ends()
    {
        ulong seed = FirstSeedWhose(LinkChannelModel.ReorderLabel, u => u < 0.5);
        var time = new FakeTimeProvider();
        await using Harness h = await Harness.StartAsync(Link(seed) with { ReorderProbability = 0.5 }, Clear, time);

        // Chunk 0 is held and the stream ends behind it: nothing to swap with, it goes alone.
        await h.Emulated.Output.WriteAsync(Chunk(0)).AsTask().WaitAsync(Timeout);
        await h.Emulated.Output.CompleteAsync();

        Assert.Equal(Chunk(0), await PipeIo.ReadToEndAsync(h.Server.Input, CancellationToken.None).WaitAsync(Timeout));
        Assert.Equal(0, h.Emulated.Outbound.ChunksReordered);
    }

    [Fact]
    public async Task Jitter_delays_each_chunk_within_its_bound_and_never_reorders()
    {
        const int chunks = 12;
        TimeSpan delay = TimeSpan.FromMilliseconds(5);
        TimeSpan jitter = TimeSpan.FromMilliseconds(3);
        var time = new FakeTimeProvider();
        await using Harness h = await Harness.StartAsync(Link(seed: 54) with { OneWayDelay = delay, Jitter = jitter }, Clear, time);

        // arrival_k = max(delay + x_k · jitter, arrival_{k−1}) with x_k the k-th draw of the jitter stream (§4.2).
        Func<double> x = SeedSequence.UniformStreams(54)(LinkChannelModel.JitterLabel);
        var arrivals = new TimeSpan[chunks];
        for (int k = 0; k < chunks; k++)
        {
            TimeSpan raw = delay + TimeSpan.FromTicks((long)Math.Round(x() * jitter.Ticks));
            arrivals[k] = k > 0 && arrivals[k - 1] > raw ? arrivals[k - 1] : raw;
            Assert.InRange(arrivals[k], delay, delay + jitter);
        }

        Assert.True(arrivals.Distinct().Count() < chunks, "the scenario should bunch some chunks");
        await h.Emulated.Output.WriteAsync(Stream(chunks)).AsTask().WaitAsync(Timeout);
        await EmulatedConnectionTests.WaitUntilAsync(() => h.Emulated.Outbound.ChunksOffered == chunks);

        TimeSpan now = TimeSpan.Zero;
        foreach (TimeSpan due in arrivals.Distinct())
        {
            time.Advance(due - TimeSpan.FromTicks(1) - now);
            await Task.Delay(30);
            Assert.Equal(arrivals.Count(a => a < due), h.Emulated.Outbound.ChunksDelivered);
            time.Advance(TimeSpan.FromTicks(1));
            now = due;
            await EmulatedConnectionTests.WaitUntilAsync(() => h.Emulated.Outbound.ChunksDelivered == arrivals.Count(a => a <= due));
        }

        Assert.Equal(Stream(chunks), await PipeIo.ReadExactlyAsync(h.Server.Input, chunks * ChunkBytes, CancellationToken.None).WaitAsync(Timeout));
    }

    [Fact]
    public async Task Jitter_alone_delivers_the_same_bytes_as_without_it_for_a_lossy_seed()
    {
        var lossy = Link(seed: 21) with { Loss = new GilbertElliott(0.05, 0.3, 0.01, 0.9), BitErrorRate = 1e-3, ChunkBytes = 64 };
        byte[] data = PipeIo.Pattern(64 * 300, 7);

        Assert.Equal(await ThroughAsync(lossy, data), await ThroughAsync(lossy with { Jitter = TimeSpan.FromMilliseconds(20) }, data));
    }

    /// <summary>
    /// The order §4.3 gives chunk indices (a copy repeats its index), recomputed from the direction's streams: the GE
    /// chain of <c>GilbertElliott(0, 1, loss, 0)</c> draws a step and a loss value per chunk; duplicate and reorder one
    /// draw each per chunk, dropped or not.
    /// </summary>
    private static int[] ExpectedOrder(int chunks, ulong seed, double loss = 0, double duplicate = 0, double reorder = 0)
        => ExpectedOrder(chunks, seed, loss, duplicate, reorder, out _);

    private static int[] ExpectedOrder(int chunks, ulong seed, double reorder, out int swaps)
        => ExpectedOrder(chunks, seed, 0, 0, reorder, out swaps);

    private static int[] ExpectedOrder(int chunks, ulong seed, double loss, double duplicate, double reorder, out int swaps)
    {
        Func<string, Func<double>> streams = SeedSequence.UniformStreams(seed);
        Func<double>? lossDraw = loss > 0 ? streams(LinkChannelModel.LossLabel) : null;
        Func<double>? duplicateDraw = duplicate > 0 ? streams(LinkChannelModel.DuplicateLabel) : null;
        Func<double>? reorderDraw = reorder > 0 ? streams(LinkChannelModel.ReorderLabel) : null;
        var order = new List<int>();
        (int Index, bool Copy)? held = null;
        swaps = 0;
        void Emit((int Index, bool Copy) c)
        {
            order.Add(c.Index);
            if (c.Copy)
            {
                order.Add(c.Index);
            }
        }

        for (int i = 0; i < chunks; i++)
        {
            bool lost = false;
            if (lossDraw is not null)
            {
                lossDraw(); // the chain's step: it never leaves the good state
                lost = lossDraw() < loss;
            }

            bool copy = duplicateDraw?.Invoke() < duplicate;
            bool hold = reorderDraw?.Invoke() < reorder;
            if (lost)
            {
                if (held is { } alone)
                {
                    Emit(alone);
                    held = null;
                }

                continue;
            }

            if (held is { } overtaken)
            {
                Emit((i, copy));
                Emit(overtaken);
                held = null;
                swaps++;
            }
            else if (hold)
            {
                held = (i, copy);
            }
            else
            {
                Emit((i, copy));
            }
        }

        if (held is { } last)
        {
            Emit(last);
        }

        return [.. order];
    }

    private static LinkDirectionOptions Link(ulong seed) => new()
    {
        ChunkBytes = ChunkBytes,
        BitRateBitsPerSecond = double.PositiveInfinity,
        RandomStreams = SeedSequence.UniformStreams(seed),
    };

    /// <summary>The first seed from 1 whose first draw on <paramref name="label"/> satisfies <paramref name="wanted"/>.</summary>
    private static ulong FirstSeedWhose(string label, Func<double, bool> wanted)
    {
        ulong seed = 1;
        while (!wanted(SeedSequence.UniformStreams(seed)(label)()))
        {
            seed++;
        }

        return seed;
    }

    /// <summary>Chunk <paramref name="index"/>: its index in the first four bytes, then a filler that depends on it.</summary>
    private static byte[] Chunk(int index)
    {
        byte[] chunk = new byte[ChunkBytes];
        BinaryPrimitives.WriteInt32LittleEndian(chunk, index);
        for (int b = 4; b < ChunkBytes; b++)
        {
            chunk[b] = (byte)(index * 7 + b);
        }

        return chunk;
    }

    private static byte[] Stream(int chunks) => [.. Enumerable.Range(0, chunks).SelectMany(Chunk)];

    /// <summary>All chunks in one write (so the sender never pauses between them), then the end of the stream.</summary>
    private static async Task<(int[] Order, LinkDirectionStatistics Stats)> SendInOneWriteAsync(LinkDirectionOptions options, int chunks)
    {
        var time = new FakeTimeProvider();
        await using Harness h = await Harness.StartAsync(options, Clear, time);
        await h.Emulated.Output.WriteAsync(Stream(chunks)).AsTask().WaitAsync(Timeout);
        await h.Emulated.Output.CompleteAsync();
        byte[] got = await PipeIo.ReadToEndAsync(h.Server.Input, CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal(0, got.Length % ChunkBytes);
        var order = new int[got.Length / ChunkBytes];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = BinaryPrimitives.ReadInt32LittleEndian(got.AsSpan(i * ChunkBytes));
            Assert.Equal(Chunk(order[i]), got.AsSpan(i * ChunkBytes, ChunkBytes).ToArray());
        }

        return (order, h.Emulated.Outbound);
    }

    private static async Task<byte[]> ThroughAsync(LinkDirectionOptions options, byte[] data)
    {
        var time = new FakeTimeProvider();
        await using Harness h = await Harness.StartAsync(options, Clear, time);
        await h.Emulated.Output.WriteAsync(data).AsTask().WaitAsync(Timeout);
        await h.Emulated.Output.CompleteAsync();
        Task<byte[]> read = PipeIo.ReadToEndAsync(h.Server.Input, CancellationToken.None);
        while (!read.IsCompleted)
        {
            // Jittered chunks wait on the fake clock: move it on until everything is through.
            time.Advance(TimeSpan.FromMilliseconds(5));
            await Task.WhenAny(read, Task.Delay(5));
        }

        return await read.WaitAsync(Timeout);
    }
}
