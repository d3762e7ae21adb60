using System.Buffers;
using System.Threading.Channels;

namespace JinanOnboard.Devices.Mirrors.PiE727;

/// <summary>
/// Reads the controller's byte stream on its own task and hands over complete GCS replies. GCS 2.0 (PZ233E, "GCS Syntax"):
/// every line ends with LF, and a line whose last character before the LF is a space is followed by another line of the
/// same reply. Reading on a separate task, rather than cancelling reads on the stream, keeps the stream usable after a
/// timeout on every transport (a cancelled read on a serial port or socket may lose bytes), and lets a reply that arrives
/// late be recognised as stale and dropped.
/// </summary>
internal sealed class GcsReplyPump : IAsyncDisposable
{
    /// <summary>Longest reply accepted; a longer run of bytes without a final LF is handed over as it is (garbage).</summary>
    internal const int MaxReplyBytes = 16 * 1024;

    private readonly Stream stream;
    private readonly string device;
    private readonly Channel<byte[]> replies = Channel.CreateUnbounded<byte[]>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true, AllowSynchronousContinuations = true });
    private readonly CancellationTokenSource stop = new();
    private readonly Task pump;

    public GcsReplyPump(Stream stream, string device)
    {
        this.stream = stream;
        this.device = device;
        pump = Task.Run(() => PumpAsync(stop.Token));
    }

    public ChannelReader<byte[]> Replies => replies.Reader;

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await pump.WaitAsync(TimeSpan.FromSeconds(1));
        }
        catch (TimeoutException)
        {
            // A stream whose read ignores cancellation (some serial drivers) ends its read when the owner disposes it.
        }

        stop.Dispose();
    }

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(4096);
        var reply = new ArrayBufferWriter<byte>(256);
        try
        {
            while (true)
            {
                int read = await stream.ReadAsync(buffer, cancellationToken);
                if (read == 0)
                {
                    replies.Writer.TryComplete(new PiE727DisconnectedException($"{device}: the stream ended (connection closed)"));
                    return;
                }

                Split(buffer.AsSpan(0, read), reply);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            replies.Writer.TryComplete(new PiE727DisconnectedException($"{device}: the binding was disposed"));
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            replies.Writer.TryComplete(new PiE727DisconnectedException($"{device}: the stream failed: {e.Message}", e));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Split(ReadOnlySpan<byte> bytes, ArrayBufferWriter<byte> reply)
    {
        while (!bytes.IsEmpty)
        {
            int lf = bytes.IndexOf((byte)'\n');
            ReadOnlySpan<byte> chunk = lf < 0 ? bytes : bytes[..(lf + 1)];
            reply.Write(chunk);
            bytes = bytes[chunk.Length..];

            bool lineEnded = lf >= 0;
            ReadOnlySpan<byte> written = reply.WrittenSpan;
            bool continues = lineEnded && written.Length >= 2 && written[^2] == (byte)' ';
            if ((lineEnded && !continues) || written.Length >= MaxReplyBytes)
            {
                replies.Writer.TryWrite(written.ToArray());
                reply.ResetWrittenCount();
            }
        }
    }
}
