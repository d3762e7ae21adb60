using System.IO.Pipelines;

namespace JinanOnboard.OpticalBench;

/// <summary>
/// A full-duplex in-memory byte stream pair (two pipes): the cable between the simulated time
/// tagger and its real driver when both run in the ground process.
/// </summary>
public sealed class InMemoryDuplexStream : Stream
{
    private readonly Stream _read;
    private readonly Stream _write;

    private InMemoryDuplexStream(Stream read, Stream write)
    {
        _read = read;
        _write = write;
    }

    /// <summary>Two connected ends: what one writes, the other reads.</summary>
    public static (Stream Host, Stream Device) CreatePair()
    {
        // A deep cable buffer (1 MiB, ~128 k tags) so the device and the driver are not woken in
        // lock-step every 64 KiB (the Pipe default) at 40 k tags per second of pass time.
        var options = new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19, useSynchronizationContext: false);
        var toDevice = new Pipe(options);
        var toHost = new Pipe(options);
        return (new InMemoryDuplexStream(toHost.Reader.AsStream(), toDevice.Writer.AsStream()),
                new InMemoryDuplexStream(toDevice.Reader.AsStream(), toHost.Writer.AsStream()));
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => _read.Read(buffer, offset, count);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _read.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _read.ReadAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => _write.Write(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => _write.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _write.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Flush() => _write.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _write.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _write.Dispose();
            _read.Dispose();
        }

        base.Dispose(disposing);
    }
}
