using System.IO.Pipelines;
using JinanOnboard.Primitives.Recording;
using JinanOnboard.Protocol.Coding;
using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Framing;
using JinanOnboard.Protocol.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace JinanOnboard.Protocol.Tests.Delivery;

public sealed class FrameWriterTests
{
    private const int CaduLength = TransferFrameLayout.SyncMarkerLength + TransferFrameLayout.MinFrameLength;
    private static readonly TimeSpan Heartbeat = TimeSpan.FromMilliseconds(100);
    private readonly FakeTimeProvider _time = new();
    private readonly Doorbell _bell;
    private readonly LinkStatistics _statistics = new();

    public FrameWriterTests() => _bell = new Doorbell(_time);

    [Fact]
    public async Task An_idle_link_sends_a_frame_at_once_and_then_one_per_heartbeat()
    {
        var pipe = new Pipe();
        var source = new Source();
        using var stop = new CancellationTokenSource();
        Task run = Writer(pipe.Writer, source, TimeSpan.FromHours(1)).RunAsync(stop.Token);

        await Poll.Until(() => source.Composed == 1, "the first frame");
        _time.Advance(Heartbeat - TimeSpan.FromMilliseconds(1));
        await Task.Delay(50);
        Assert.Equal(1, source.Composed);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await Poll.Until(() => source.Composed == 2, "the heartbeat frame");

        ReadResult read = await pipe.Reader.ReadAtLeastAsync(2 * CaduLength);
        Assert.Equal(2 * CaduLength, read.Buffer.Length);
        Assert.Equal(2, _statistics.Snapshot().FramesSent);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task Pending_work_goes_out_as_soon_as_the_doorbell_rings()
    {
        var pipe = new Pipe();
        var source = new Source();
        using var stop = new CancellationTokenSource();
        Task run = Writer(pipe.Writer, source, TimeSpan.FromHours(1)).RunAsync(stop.Token);
        await Poll.Until(() => source.Composed == 1, "the first frame");

        source.Pending = 3;
        _bell.Ring();
        await Poll.Until(() => source.Composed == 4, "three frames without waiting for a heartbeat");
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task Silence_from_the_peer_ends_the_writer_with_loss_of_link_unless_closing()
    {
        var source = new Source();
        var liveness = new Liveness(_time, new LinkSessionOptions { SessionId = 1, HeartbeatInterval = TimeSpan.FromMilliseconds(100), LossOfLinkTimeout = TimeSpan.FromMilliseconds(250) }, _statistics, () => TimeSpan.Zero);
        Task run = new FrameWriter(new Pipe().Writer, source, FrameCoding.None(TransferFrameLayout.MinFrameLength), _bell, liveness, () => false, _statistics, _time, NullTap.Instance, () => TimeSpan.Zero).RunAsync(CancellationToken.None);
        await Poll.Until(() => { _time.Advance(TimeSpan.FromMilliseconds(10)); return run.IsCompleted; }, "the writer notices the silence");
        await Assert.ThrowsAsync<LinkLostException>(() => run);

        liveness.BeginClosing();
        using var stop = new CancellationTokenSource();
        Task closing = new FrameWriter(new Pipe().Writer, source, FrameCoding.None(TransferFrameLayout.MinFrameLength), _bell, liveness, () => false, _statistics, _time, NullTap.Instance, () => TimeSpan.Zero).RunAsync(stop.Token);
        _time.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(50);
        Assert.False(closing.IsCompleted);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => closing);
    }

    [Fact]
    public async Task A_failing_transport_ends_the_writer_with_loss_of_link()
    {
        PipeWriter broken = PipeWriter.Create(new BrokenStream());
        LinkLostException e = await Assert.ThrowsAsync<LinkLostException>(() => Writer(broken, new Source(), TimeSpan.FromHours(1)).RunAsync(CancellationToken.None).WaitAsync(LinkFixture.Timeout));
        Assert.StartsWith("Sending to the peer failed", e.Message, StringComparison.Ordinal);
    }

    private FrameWriter Writer(PipeWriter output, Source source, TimeSpan lossOfLink)
        => new(output, source, FrameCoding.None(TransferFrameLayout.MinFrameLength), _bell, new Liveness(_time, new LinkSessionOptions { SessionId = 1, HeartbeatInterval = TimeSpan.FromMilliseconds(100), LossOfLinkTimeout = lossOfLink, GiveUpTimeout = lossOfLink }, _statistics, () => TimeSpan.Zero), () => false, _statistics, _time, NullTap.Instance, () => TimeSpan.Zero);

    /// <summary>Frames numbered 1, 2, … in every byte; <see cref="Pending"/> frames are due beyond heartbeats.</summary>
    private sealed class Source : IFrameSource
    {
        private int _composed;
        private int _pending;

        public int Composed => Volatile.Read(ref _composed);

        public int Pending
        {
            set => Volatile.Write(ref _pending, value);
        }

        public int CaduLength => FrameWriterTests.CaduLength;

        public TimeSpan Heartbeat => FrameWriterTests.Heartbeat;

        public bool HasPending => Volatile.Read(ref _pending) > 0;

        public void Compose(Span<byte> cadu)
        {
            cadu.Fill((byte)Interlocked.Increment(ref _composed));
            Interlocked.Decrement(ref _pending);
        }
    }
}

/// <summary>A transport whose every operation fails as a broken connection does.</summary>
internal sealed class BrokenStream : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush() => throw new IOException("connection reset");

    public override int Read(byte[] buffer, int offset, int count) => throw new IOException("connection reset");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new IOException("connection reset");
}
