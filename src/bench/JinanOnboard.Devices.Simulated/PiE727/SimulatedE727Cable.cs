using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace JinanOnboard.Devices.Simulated.PiE727;

/// <summary>
/// An in-process cable to a <see cref="SimulatedE727"/>: the driver's end of the byte stream. Each LF-terminated line the
/// driver writes is executed by the controller model before the write returns, and its reply waits to be read, so a
/// command takes effect at the bench time it was sent, on every run alike (a loopback socket to
/// <see cref="SimulatedE727Session"/> would let the device's thread decide when). The bytes are the GCS 2.0 bytes of the
/// real interface; only the transport is a function call.
/// </summary>
public sealed class SimulatedE727Cable : Stream
{
    private readonly SimulatedE727 _device;
    // The driver's reply reader runs inline as a reply is written (PipeScheduler.Inline), on the thread that wrote the
    // query: a query (POS? every 0.1 s of pass per end) then completes without a hop to the thread pool and back, which
    // cost a blocked caller a context switch or a spin per query (issue 16: a tenth of apt sim --drivers' CPU, all of it
    // system time).
    private readonly Pipe _replies = new(new PipeOptions(readerScheduler: PipeScheduler.Inline, pauseWriterThreshold: 0, useSynchronizationContext: false));
    private readonly Stream _replyStream;
    private readonly byte[] _line;
    private int _length;
    private bool _overlong;

    public SimulatedE727Cable(SimulatedE727 device)
    {
        ArgumentNullException.ThrowIfNull(device);
        _device = device;
        _line = new byte[device.Options.MaxLineBytes];
        _replyStream = _replies.Reader.AsStream();
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    // Per fine tick: compiled at first call with inlining across assemblies, which ReadyToRun code lacks (issue 16).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            int lf = buffer.IndexOf((byte)'\n');
            Collect(lf < 0 ? buffer : buffer[..lf]);
            if (lf < 0)
            {
                return;
            }

            EndLine();
            buffer = buffer[(lf + 1)..];
        }
    }

    /// <summary>Keeps the bytes of the line being written, up to the controller's buffer; beyond it the line is overlong.</summary>
    private void Collect(ReadOnlySpan<byte> bytes)
    {
        int room = _line.Length - _length;
        if (bytes.Length > room)
        {
            bytes = bytes[..room];
            _overlong = true;
        }

        bytes.CopyTo(_line.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>An LF: the controller executes the line (an optional CR before the LF is ignored) and its reply waits to be read.</summary>
    private void EndLine()
    {
        if (_overlong)
        {
            _device.RejectTooLong();
        }
        else
        {
            int length = _length;
            while (length > 0 && _line[length - 1] == (byte)'\r')
            {
                length--; // TrimEnd('\r') by hand: a generic framework call per fine-loop MOV otherwise
            }

            byte[]? reply = _device.Execute(_line.AsSpan(0, length));
            if (reply is not null)
            {
                _replies.Writer.Write(reply);
                _replies.Writer.FlushAsync().AsTask().GetAwaiter().GetResult(); // never pauses: pauseWriterThreshold 0
            }
        }

        _length = 0;
        _overlong = false;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override int Read(byte[] buffer, int offset, int count) => _replyStream.Read(buffer, offset, count);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _replyStream.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _replyStream.ReadAsync(buffer, offset, count, cancellationToken);

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _replies.Writer.Complete(); // the driver's reply pump reads end-of-stream and stops
        }

        base.Dispose(disposing);
    }
}
