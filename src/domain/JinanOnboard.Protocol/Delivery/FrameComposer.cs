using System.Threading.Channels;
using JinanOnboard.Protocol.Framing;
using JinanOnboard.Protocol.Messages;
using JinanOnboard.Protocol.Signing;

namespace JinanOnboard.Protocol.Delivery;

/// <summary>
/// Fills outgoing frames (frames.md, packets.md): a HELLO until the handshake is confirmed, an ACK
/// when one is owed, then queued packets while they fit; numbers and signs the frame. Used by the
/// writer loop alone, so its counters need no lock.
/// </summary>
internal sealed class FrameComposer : IFrameSource
{
    private readonly LinkSessionOptions _options;
    private readonly FrameSigner _signer;
    private readonly Handshake _handshake;
    private readonly Acknowledger _acknowledger;
    private readonly ReliableSender _sender;
    private readonly Outbox _outbox;
    private readonly LinkStatistics _statistics;
    private readonly Dictionary<ushort, ushort> _sequenceCounts = [];
    private uint _virtualChannelFrameCount;
    private ulong _frameSequence;

    public FrameComposer(LinkSessionOptions options, FrameSigner signer, Handshake handshake, Acknowledger acknowledger, ReliableSender sender, Outbox outbox, LinkStatistics statistics)
    {
        _options = options;
        _signer = signer;
        _handshake = handshake;
        _acknowledger = acknowledger;
        _sender = sender;
        _outbox = outbox;
        _statistics = statistics;
    }

    public int CaduLength => TransferFrameLayout.CaduLength(_options.FrameLength);

    /// <summary>A quarter of the heartbeat while the handshake is open, so it completes quickly.</summary>
    public TimeSpan Heartbeat => _handshake.State.Confirmed ? _options.HeartbeatInterval : TimeSpan.FromTicks(_options.HeartbeatInterval.Ticks / 4);

    /// <summary>Packets may go once the peer's id is known; an acknowledgement whose delay has run out goes regardless.</summary>
    public bool HasPending => (_handshake.State.PeerSession != 0 && !_outbox.IsEmpty) || _acknowledger.IsDue;

    public void Compose(Span<byte> cadu)
    {
        int zoneStart = TransferFrameLayout.SyncMarkerLength + TransferFrameLayout.HeaderLength;
        Span<byte> zone = cadu.Slice(zoneStart, TransferFrameLayout.PacketZoneCapacity(_options.FrameLength));
        (ulong peer, bool confirmed) = _handshake.State;
        int position = 0;
        if (!confirmed)
        {
            position += WriteHello(zone);
        }

        position += WriteAckIfOwed(zone[position..]);
        if (peer != 0)
        {
            position = TakePackets(_outbox.Reliable, zone, position, reliable: true);
            position = TakePackets(_outbox.Unreliable, zone, position, reliable: false);
        }

        _virtualChannelFrameCount = (_virtualChannelFrameCount + 1) & 0xFFFFFF;
        var header = new TransferFrameHeader(_options.SpacecraftId, TransferFrameLayout.DataVirtualChannel, _virtualChannelFrameCount, _options.SessionId, peer, ++_frameSequence, (ushort)position);
        TransferFrameCodec.Seal(cadu, header, _signer);
    }

    private int WriteHello(Span<byte> zone)
    {
        Span<byte> body = stackalloc byte[Handshake.HelloLength];
        int length = _handshake.WriteHello(body);
        return ControlPacket(LinkControlTypes.Hello, body[..length]).WriteTo(zone);
    }

    private int WriteAckIfOwed(Span<byte> zone)
    {
        Span<(uint Start, uint End)> ranges = stackalloc (uint, uint)[LinkSessionOptions.MaxAckRanges];
        if (!_acknowledger.TryTake(_sender.HasUnsettled, ranges, out uint cumulative, out int rangeCount))
        {
            return 0;
        }

        Span<byte> body = stackalloc byte[AckPayload.FixedLength + (LinkSessionOptions.MaxAckRanges * AckPayload.RangeLength)];
        int length = AckPayload.Write(body, cumulative, _sender.Floor, ranges[..rangeCount]);
        return ControlPacket(LinkControlTypes.Ack, body[..length]).WriteTo(zone);
    }

    private SpacePacket ControlPacket(byte type, ReadOnlySpan<byte> body)
        => new(!_options.IsPayload, Apids.LinkControl, SequenceFlags.Unsegmented, NextSequenceCount(Apids.LinkControl), 0, type, body);

    private int TakePackets(ChannelReader<OutboundPacket> queue, Span<byte> zone, int position, bool reliable)
    {
        while (queue.TryPeek(out OutboundPacket? packet) && position + packet.EncodedLength <= zone.Length)
        {
            queue.TryRead(out _);
            _outbox.CountTaken();
            packet.MarkDequeued();
            if (reliable && packet.Acked.Task.IsCompleted)
            {
                continue;
            }

            var wire = new SpacePacket(!_options.IsPayload, packet.Apid, packet.Flags, NextSequenceCount(packet.Apid), packet.MessageId, packet.Type, packet.Data.Span);
            position += wire.WriteTo(zone[position..]);
            packet.Transmissions++;
            if (packet.Transmissions > 1)
            {
                Interlocked.Increment(ref _statistics.Retransmissions);
            }

            Interlocked.Add(ref _statistics.PayloadBytesSent, packet.Data.Length);
        }

        return position;
    }

    private ushort NextSequenceCount(ushort apid)
    {
        _sequenceCounts.TryGetValue(apid, out ushort count);
        _sequenceCounts[apid] = (ushort)((count + 1) & 0x3FFF);
        return count;
    }
}
