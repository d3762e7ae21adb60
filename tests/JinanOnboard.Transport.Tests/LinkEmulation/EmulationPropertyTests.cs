using CsCheck;
using JinanOnboard.Primitives.Randomness;
using JinanOnboard.Transport.LinkEmulation;
using JinanOnboard.Transport.Tests.Contract;
using Microsoft.Extensions.Time.Testing;

namespace JinanOnboard.Transport.Tests.LinkEmulation;

/// <summary>Properties over random ways of cutting the same byte stream into writes.</summary>
public sealed class EmulationPropertyTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly LinkDirectionOptions Clear = new() { BitRateBitsPerSecond = double.PositiveInfinity };
    private static readonly byte[] Data = PipeIo.Pattern(20_000, 10);

    private static readonly LinkDirectionOptions Lossy = new()
    {
        ChunkBytes = 64,
        BitRateBitsPerSecond = double.PositiveInfinity,
        Loss = new GilbertElliott(0.05, 0.3, 0.01, 0.9),
        BitErrorRate = 1e-3,
        RandomStreams = SeedSequence.UniformStreams(31),
    };

    [Fact]
    public async Task How_the_sender_splits_its_writes_does_not_change_what_a_seeded_link_delivers()
    {
        // Chunks are cut from the stream, not from writes: the fate of chunk k is the same however k was written.
        byte[] reference = await ThroughLinkAsync(Lossy, [Data.Length]);
        Assert.NotEqual(Data, reference);

        await Gen.Int[1, 4000].Array[1, 30].SampleAsync(
            async writeSizes => Assert.Equal(reference, await ThroughLinkAsync(Lossy, writeSizes)),
            iter: 25,
            threads: 1);
    }

    [Fact]
    public async Task A_clear_link_delivers_every_stream_unchanged_whatever_the_chunk_size()
    {
        await Gen.Select(Gen.Int[1, 5000], Gen.Int[1, 3000].Array[1, 20]).SampleAsync(
            async (chunkBytes, writeSizes) =>
                Assert.Equal(Data, await ThroughLinkAsync(Clear with { ChunkBytes = chunkBytes }, writeSizes)),
            iter: 25,
            threads: 1);
    }

    private static async Task<byte[]> ThroughLinkAsync(LinkDirectionOptions outbound, int[] writeSizes)
    {
        Uri uri = Transports.ParseEndpoint("memory://property-" + Guid.NewGuid().ToString("N"));
        await using IConnectionListener listener = await Transports.ServerFor(uri).BindAsync(uri, CancellationToken.None).AsTask().WaitAsync(Timeout);
        Task<TransportConnection> accept = listener.AcceptAsync(CancellationToken.None).AsTask();
        TransportConnection client = await Transports.ClientFor(uri).ConnectAsync(uri, CancellationToken.None).AsTask().WaitAsync(Timeout);
        await using TransportConnection server = await accept.WaitAsync(Timeout);
        await using EmulatedConnection emulated = LinkEmulator.Wrap(client, outbound, Clear, new FakeTimeProvider());

        int offset = 0;
        for (int i = 0; offset < Data.Length; i++)
        {
            int count = Math.Min(writeSizes[i % writeSizes.Length], Data.Length - offset);
            await emulated.Output.WriteAsync(Data.AsMemory(offset, count)).AsTask().WaitAsync(Timeout);
            offset += count;
        }

        await emulated.Output.CompleteAsync();
        return await PipeIo.ReadToEndAsync(server.Input, CancellationToken.None).WaitAsync(Timeout);
    }
}
