using System.Threading.Channels;

namespace JinanOnboard.Protocol.Delivery;

/// <summary>
/// Packets waiting for the writer, in submission order: reliable ones (first sendings and
/// retransmissions, unbounded because the window already limits them) and unacknowledged ones
/// (bounded, so a fast producer waits for the link).
/// </summary>
internal sealed class Outbox(int unreliableCapacity, Doorbell doorbell)
{
    private readonly Channel<OutboundPacket> _reliable = Channel.CreateUnbounded<OutboundPacket>(); // multi-reader form: it supports Count
    private readonly Channel<OutboundPacket> _unreliable = Channel.CreateBounded<OutboundPacket>(new BoundedChannelOptions(unreliableCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public ChannelReader<OutboundPacket> Reliable => _reliable.Reader;

    public ChannelReader<OutboundPacket> Unreliable => _unreliable.Reader;

    private long _enqueued;
    private long _taken;

    public bool IsEmpty => _reliable.Reader.Count == 0 && _unreliable.Reader.Count == 0;

    /// <summary>Packets queued since the session began (a mark for <see cref="Taken"/>; retransmissions count).</summary>
    public long Enqueued => Interlocked.Read(ref _enqueued);

    /// <summary>Packets the composer has taken into frames since the session began.</summary>
    public long Taken => Interlocked.Read(ref _taken);

    /// <summary>The composer took one packet off a queue.</summary>
    public void CountTaken() => Interlocked.Increment(ref _taken);

    /// <summary>
    /// Queues a reliable packet unless it is queued already: a retransmission due while the first
    /// copy still waits for a frame would otherwise send it twice in a row.
    /// </summary>
    public void EnqueueReliable(OutboundPacket packet)
    {
        if (packet.TryMarkQueued())
        {
            Interlocked.Increment(ref _enqueued);
            _reliable.Writer.TryWrite(packet);
            doorbell.Ring();
        }
    }

    /// <summary>Queues an unacknowledged packet, waiting while the queue is full.</summary>
    public async ValueTask EnqueueUnreliableAsync(OutboundPacket packet, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _enqueued);
        await _unreliable.Writer.WriteAsync(packet, cancellationToken);
        doorbell.Ring();
    }
}
