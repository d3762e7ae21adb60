using System.Threading.Channels;

namespace JinanOnboard.Protocol.Delivery;

/// <summary>
/// Wakes the writer loop when a frame may have become due (a packet queued, an acknowledgement
/// owed, the peer's session id learned). Rings coalesce into one: the writer re-examines everything
/// that is due after each wake-up, so one pending ring stands for any number.
/// </summary>
internal sealed class Doorbell(TimeProvider time)
{
    private readonly Channel<byte> _bell = Channel.CreateBounded<byte>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Ring() => _bell.Writer.TryWrite(0);

    /// <summary>Returns when the bell has rung (consuming the ring) or after <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_bell.Reader.TryRead(out _))
        {
            return;
        }

        // The read is cancelled on timeout, not abandoned: an abandoned read would stay registered
        // with the channel and swallow the next ring, leaving the writer asleep until its heartbeat.
        using var expiry = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
        try
        {
            await _bell.Reader.ReadAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Timed out: a heartbeat may be due.
        }
    }
}
