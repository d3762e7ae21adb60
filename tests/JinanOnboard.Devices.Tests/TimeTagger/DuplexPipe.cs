using System.Threading.Channels;

namespace JinanOnboard.Devices.Tests.TimeTagger;

/// <summary>
/// In-memory full-duplex byte stream pair: what one end writes the other reads, in order.
/// Disposing an end closes its outgoing direction, so the peer reads end of stream.
/// </summary>
internal static class DuplexPipe
{
    public static (Stream Host, Stream Device) CreatePair()
    {
        var toDevice = Channel.CreateUnbounded<byte[]>();
        var toHost = Channel.CreateUnbounded<byte[]>();
        return (new End(toHost.Reader, toDevice.Writer), new End(toDevice.Reader, toHost.Writer));
    }

    private sealed class End(ChannelReader<byte[]> incoming, ChannelWriter<byte[]> outgoing) : Stream
    {
        private byte[] current = [];
        private int offset;
        private bool disposed;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (offset == current.Length)
            {
                try
                {
                    current = await incoming.ReadAsync(cancellationToken);
                }
                catch (ChannelClosedException)
                {
                    return 0;
                }

                offset = 0;
            }

            int n = Math.Min(buffer.Length, current.Length - offset);
            current.AsSpan(offset, n).CopyTo(buffer.Span);
            offset += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count)
            => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (disposed || !outgoing.TryWrite(buffer.ToArray()))
            {
                throw new IOException("pipe closed");
            }

            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count)
            => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            disposed = true;
            outgoing.TryComplete();
            base.Dispose(disposing);
        }
    }
}
