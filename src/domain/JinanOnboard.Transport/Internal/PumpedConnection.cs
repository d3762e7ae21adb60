using System.IO.Pipelines;
using System.Net.Sockets;

using JinanOnboard.Transport;

namespace JinanOnboard.Transport.Internal;

/// <summary>
/// A <see cref="TransportConnection"/> over an <see cref="IRawChannel"/>: one loop copies received bytes into
/// <see cref="Input"/>, another sends what the application writes to <see cref="Output"/> (Kestrel's socket
/// connection in spirit). Pipe thresholds give back-pressure both ways: a slow reader stops the receive loop,
/// which lets the kernel's window (or the datagram buffer) fill up.
/// </summary>
internal sealed class PumpedConnection : TransportConnection
{
    /// <summary>How long disposal waits for already-written output to leave before closing the channel.</summary>
    private static readonly TimeSpan DrainOnDispose = TimeSpan.FromSeconds(2);

    private static readonly PipeOptions Options = new(
        pauseWriterThreshold: 1 << 20,
        resumeWriterThreshold: 1 << 19,
        useSynchronizationContext: false);

    private readonly IRawChannel _channel;
    private readonly Pipe _input = new(Options);
    private readonly Pipe _output = new(Options);
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _receiveLoop;
    private readonly Task _sendLoop;
    private int _disposed;

    public PumpedConnection(IRawChannel channel, string localEndpoint, string remoteEndpoint)
    {
        _channel = channel;
        LocalEndpoint = localEndpoint;
        RemoteEndpoint = remoteEndpoint;
        _receiveLoop = Task.Run(ReceiveLoopAsync);
        _sendLoop = Task.Run(SendLoopAsync);
    }

    public override PipeReader Input => _input.Reader;

    public override PipeWriter Output => _output.Writer;

    public override string LocalEndpoint { get; }

    public override string RemoteEndpoint { get; }

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Graceful first: whatever the application already wrote goes out, then the peer sees end of stream.
        await _output.Writer.CompleteAsync();
        try
        {
            await _sendLoop.WaitAsync(DrainOnDispose);
        }
        catch (TimeoutException)
        {
            // A peer that stopped reading must not hold our shutdown; fall through to abort.
        }

        await _closing.CancelAsync();
        await _channel.DisposeAsync();
        await Task.WhenAll(_receiveLoop, _sendLoop);
        _closing.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        Exception? error = null;
        try
        {
            while (true)
            {
                Memory<byte> memory = _input.Writer.GetMemory(_channel.ReceiveBufferHint);
                int received = await _channel.ReceiveAsync(memory, _closing.Token);
                if (received == 0)
                {
                    break;
                }

                _input.Writer.Advance(received);
                FlushResult flush = await _input.Writer.FlushAsync(_closing.Token);
                if (flush.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (IsEndOfConnection(ex))
        {
            // Reset, abort or our own close: the reader simply sees the end of the stream.
        }
        catch (Exception ex)
        {
            error = new TransportException($"{RemoteEndpoint}: receive failed: {ex.Message}", ex);
        }
        finally
        {
            await _input.Writer.CompleteAsync(error);
        }
    }

    private async Task SendLoopAsync()
    {
        Exception? error = null;
        try
        {
            while (true)
            {
                ReadResult result = await _output.Reader.ReadAsync(_closing.Token);
                foreach (ReadOnlyMemory<byte> segment in result.Buffer)
                {
                    await _channel.SendAsync(segment, _closing.Token);
                }

                _output.Reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    await _channel.ShutdownSendAsync(_closing.Token);
                    break;
                }
            }
        }
        catch (Exception ex) when (IsEndOfConnection(ex))
        {
            // The connection is going away; the writer learns it from a completed flush.
        }
        catch (Exception ex)
        {
            error = new TransportException($"{RemoteEndpoint}: send failed: {ex.Message}", ex);
        }
        finally
        {
            await _output.Reader.CompleteAsync(error);
        }
    }

    private bool IsEndOfConnection(Exception ex) => ex switch
    {
        OperationCanceledException => _closing.IsCancellationRequested,
        ObjectDisposedException => _closing.IsCancellationRequested,
        SocketException se => se.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted
            or SocketError.Shutdown or SocketError.OperationAborted or SocketError.Interrupted
            || _closing.IsCancellationRequested,
        IOException => _closing.IsCancellationRequested,
        _ => false,
    };
}
