using System.IO.Pipelines;
using JinanOnboard.Primitives.Recording;
using JinanOnboard.Protocol.Coding;
using JinanOnboard.Protocol.Framing;

namespace JinanOnboard.Protocol.Delivery;

/// <summary>What the writer loop sends: composed, signed CADUs.</summary>
internal interface IFrameSource
{
    /// <summary>Bytes of one uncoded CADU (sync marker and frame).</summary>
    int CaduLength { get; }

    /// <summary>Longest the writer may stay silent before it sends a frame anyway.</summary>
    TimeSpan Heartbeat { get; }

    /// <summary>Something waits to go out now (packets, an acknowledgement).</summary>
    bool HasPending { get; }

    /// <summary>Fills <paramref name="cadu"/> (<see cref="CaduLength"/> bytes) with the next frame.</summary>
    void Compose(Span<byte> cadu);
}

/// <summary>
/// The writer loop: sends frames while any are due (pending work, or a heartbeat), then sleeps
/// until the doorbell rings or the heartbeat comes round. Checks for loss of link on every round,
/// because it is the loop that wakes up regularly even when nothing arrives. Each composed frame is channel-coded
/// (<see cref="FrameCoding"/>) after the tap has seen it, so recordings hold frames, not codeblocks.
/// </summary>
internal sealed class FrameWriter(PipeWriter output, IFrameSource source, FrameCoding coding, Doorbell doorbell, Liveness liveness, Func<bool> waitingForAcknowledgement, LinkStatistics statistics, TimeProvider time, ITap tap, Func<TimeSpan> passClock)
{
    private long _lastSent;
    private TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the next frame has been written (or the loop ends).</summary>
    public Task NextFrameWritten => Volatile.Read(ref _written).Task;

    /// <summary>Runs until cancelled; throws <see cref="LinkLostException"/> when the side gives up on the link or a write fails.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await WriteFramesAsync(cancellationToken);
        }
        finally
        {
            // Nobody waits for a frame that will never be written.
            Volatile.Read(ref _written).TrySetResult();
        }
    }

    private async Task WriteFramesAsync(CancellationToken cancellationToken)
    {
        byte[] cadu = new byte[coding.CaduLength];
        while (!cancellationToken.IsCancellationRequested)
        {
            liveness.Check(waitingForAcknowledgement());
            while (source.HasPending || time.GetElapsedTime(_lastSent) >= source.Heartbeat)
            {
                source.Compose(cadu.AsSpan(0, source.CaduLength));
                tap.Observe("link", TapDirection.Outgoing, passClock(), cadu.AsSpan(0, source.CaduLength));
                coding.Encode(cadu.AsSpan(TransferFrameLayout.SyncMarkerLength));
                try
                {
                    await output.WriteAsync(cadu, cancellationToken);
                }
                catch (Exception e) when (e is IOException or InvalidOperationException or System.Net.Sockets.SocketException)
                {
                    throw new LinkLostException($"Sending to the peer failed: {e.Message}", e);
                }

                Interlocked.Increment(ref statistics.FramesSent);
                _lastSent = time.GetTimestamp();
                Interlocked.Exchange(ref _written, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }

            await doorbell.WaitAsync(source.Heartbeat, cancellationToken);
        }
    }
}
