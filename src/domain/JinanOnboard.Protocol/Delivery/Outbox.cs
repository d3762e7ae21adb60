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

    public bool IsEmpty => _reliable.Reader.Count == 0 && _unreliable.Reader.Count == 0;

    /// <summary>
    /// Queues a reliable packet unless it is queued already: a retransmission due while the first
    /// copy still waits for a frame would otherwise send it twice in a row.
    /// </summary>
    public void EnqueueReliable(OutboundPacket packet)
    {
        if (packet.TryMarkQueued())
        {
            _reliable.Writer.TryWrite(packet);
            doorbell.Ring();
        }
    }

    /// <summary>Queues an unacknowledged packet, waiting while the queue is full.</summary>
    public async ValueTask EnqueueUnreliableAsync(OutboundPacket packet, CancellationToken cancellationToken)
    {
        await _unreliable.Writer.WriteAsync(packet, cancellationToken);
        doorbell.Ring();
    }
}
