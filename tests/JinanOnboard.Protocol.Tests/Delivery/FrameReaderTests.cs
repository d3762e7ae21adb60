using System.IO.Pipelines;
using System.Threading.Channels;
using JinanOnboard.Primitives.Recording;
using JinanOnboard.Protocol.Coding;
using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Framing;
using JinanOnboard.Protocol.Tests.Support;

namespace JinanOnboard.Protocol.Tests.Delivery;

public sealed class FrameReaderTests
{
    private const int FrameLength = TransferFrameLayout.MinFrameLength;
    private readonly LinkStatistics _statistics = new();
    private readonly Channel<InboundMessage> _inbound = Channel.CreateUnbounded<InboundMessage>();

    [Fact]
    public async Task Frames_split_anyhow_and_separated_by_noise_reach_the_sink_whole_and_in_order()
    {
        var pipe = new Pipe();
        var sink = new Sink();
        Task<bool> run = Reader(pipe.Reader, sink).RunAsync(CancellationToken.None);
        byte[] stream = [0x55, 0x1A, .. Cadu(1), 0x00, 0x00, 0x00, .. Cadu(2), .. Cadu(3)];
        for (int offset = 0; offset < stream.Length; offset += 7)
        {
            await pipe.Writer.WriteAsync(stream.AsMemory(offset, Math.Min(7, stream.Length - offset)));
        }

        await pipe.Writer.CompleteAsync();
        Assert.True(await run.WaitAsync(LinkFixture.Timeout), "End of stream is reported as such.");
        Assert.Equal([1, 2, 3], sink.Frames.Select(f => (int)f[0]));
        Assert.All(sink.Frames, f => Assert.Equal(FrameLength, f.Length));
        Assert.Equal(5, _statistics.Snapshot().SkippedBytes);
    }

    [Fact]
    public async Task A_truncated_cadu_does_not_cost_the_frame_after_it_and_only_its_bytes_are_skipped()
    {
        // frames.md §CADU: the candidate at the truncated CADU's marker runs into the next CADU
        // and fails its checks; the hunt resumes after that marker and finds the next CADU.
        const int truncatedFrameBytes = 100;
        var pipe = new Pipe();
        var sink = new Sink();
        Task<bool> run = Reader(pipe.Reader, sink).RunAsync(CancellationToken.None);
        byte[] truncated = Cadu(Sink.NotGenuine)[..(TransferFrameLayout.SyncMarkerLength + truncatedFrameBytes)];
        await pipe.Writer.WriteAsync((byte[])[.. Cadu(1), .. truncated, .. Cadu(2), .. Cadu(3)]);
        await pipe.Writer.CompleteAsync();
        await run.WaitAsync(LinkFixture.Timeout);

        Assert.Equal([1, Sink.NotGenuine, 2, 3], sink.Frames.Select(f => (int)f[0]));
        Assert.Equal(truncated.Length, _statistics.Snapshot().SkippedBytes);
    }

    [Fact]
    public async Task Messages_the_sink_completes_are_passed_on_in_order()
    {
        var pipe = new Pipe();
        var sink = new Sink { Deliver = true };
        Task<bool> run = Reader(pipe.Reader, sink).RunAsync(CancellationToken.None);
        await pipe.Writer.WriteAsync((byte[])[.. Cadu(7), .. Cadu(8)]);
        await pipe.Writer.CompleteAsync();
        await run.WaitAsync(LinkFixture.Timeout);
        _inbound.Writer.Complete();
        Assert.Equal([7, 8], _inbound.Reader.ReadAllAsync().ToBlockingEnumerable().Select(m => (int)m.Type));
    }

    [Fact]
    public async Task Cancellation_ends_the_reader_without_reporting_end_of_stream()
    {
        using var stop = new CancellationTokenSource();
        Task<bool> run = Reader(new Pipe().Reader, new Sink()).RunAsync(stop.Token);
        await stop.CancelAsync();
        Assert.False(await run.WaitAsync(LinkFixture.Timeout));
    }

    [Fact]
    public async Task A_failing_transport_ends_the_reader_with_loss_of_link()
    {
        LinkLostException e = await Assert.ThrowsAsync<LinkLostException>(() => Reader(PipeReader.Create(new BrokenStream()), new Sink()).RunAsync(CancellationToken.None).WaitAsync(LinkFixture.Timeout));
        Assert.StartsWith("Receiving from the peer failed", e.Message, StringComparison.Ordinal);
    }

    private FrameReader Reader(PipeReader input, Sink sink) => new(input, FrameCoding.None(FrameLength), sink, _inbound.Writer, _statistics, NullTap.Instance, () => TimeSpan.Zero);

    private static byte[] Cadu(byte fill) => [.. TransferFrameLayout.SyncMarker, .. Enumerable.Repeat(fill, FrameLength)];

    /// <summary>
    /// Keeps a copy of every frame; with <see cref="Deliver"/>, completes a message per frame whose
    /// type is the frame's first byte. A frame starting with <see cref="NotGenuine"/> fails its checks.
    /// </summary>
    private sealed class Sink : IFrameSink
    {
        public const byte NotGenuine = 0xBB;

        public List<byte[]> Frames { get; } = [];

        public bool Deliver { get; init; }

        public bool Receive(ReadOnlySpan<byte> frame, List<InboundMessage> delivered)
        {
            Frames.Add(frame.ToArray());
            if (Deliver)
            {
                delivered.Add(new InboundMessage(0x100, frame[0], [], Reliable: true));
            }

            return frame[0] != NotGenuine;
        }
    }
}
