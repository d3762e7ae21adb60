using JinanOnboard.Distillation.Exchange;
using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Framing;
using JinanOnboard.Protocol.Messages;

namespace JinanOnboard.Cli.Commands;

/// <summary>
/// Link statistics of one direction of a recorded link stream (`jinan inspect`), read with the protocol's own codecs
/// (frames.md, packets.md): frames, the receive checks a recording can repeat without keys (length, CRC, header; the
/// signature needs the peer's key and is not checked), frames missing from the sender's sequence, packets per APID,
/// repeated reliable ids (retransmissions when outgoing, duplicates when incoming) and, from the distillation messages,
/// the payload's per-packet QBER estimate and each PA block's exact error rate.
/// </summary>
internal sealed class InspectLink(bool outgoing, bool fromPayload)
{
    private readonly HashSet<uint> _reliableIds = [];
    private readonly Dictionary<ushort, long> _packetsPerApid = [];
    private readonly Dictionary<ulong, ulong> _lastSequence = [];
    private Reassembler _reassembler = new(maxSegments: 65536);

    public long Frames { get; private set; }

    public long FramesBadLength { get; private set; }

    public long FramesBadCrc { get; private set; }

    public long FramesMalformed { get; private set; }

    public long FramesMissing { get; private set; }

    public long FramesOutOfOrder { get; private set; }

    public long PacketsMalformed { get; private set; }

    public long ReliableRepeats { get; private set; }

    public long Messages { get; private set; }

    public long SegmentRunsAbandoned { get; private set; }

    /// <summary>Syndrome figures by packet id (the last seen when a packet's syndrome went twice).</summary>
    public SortedDictionary<int, SyndromeFigures> Packets { get; } = [];

    /// <summary>PA instruction figures by block id.</summary>
    public SortedDictionary<uint, PaBlockFigures> Blocks { get; } = [];

    public IReadOnlyDictionary<ushort, long> PacketsPerApid => _packetsPerApid;

    /// <summary>Counts one recorded unit: a CADU when outgoing, a frame when incoming (recording-seam.md).</summary>
    public void Add(ReadOnlySpan<byte> unit)
    {
        Frames++;
        ReadOnlySpan<byte> frame = outgoing && unit.StartsWith(TransferFrameLayout.SyncMarker) ? unit[TransferFrameLayout.SyncMarkerLength..] : unit;
        if (frame.Length is < TransferFrameLayout.MinFrameLength or > TransferFrameLayout.MaxFrameLength)
        {
            FramesBadLength++;
            return;
        }

        if (!TransferFrameCodec.CrcVerifies(frame))
        {
            FramesBadCrc++;
            return;
        }

        if (!TransferFrameHeader.TryRead(frame, out TransferFrameHeader header) || header.PacketZoneLength > TransferFrameLayout.PacketZoneCapacity(frame.Length))
        {
            FramesMalformed++;
            return;
        }

        CountSequence(header);
        ReadPackets(frame.Slice(TransferFrameLayout.HeaderLength, header.PacketZoneLength));
    }

    /// <summary>Frame sequence numbers rise by one per frame of a session (frames.md): a jump is frames the link lost.</summary>
    private void CountSequence(in TransferFrameHeader header)
    {
        if (_lastSequence.TryGetValue(header.SenderSessionId, out ulong last))
        {
            if (header.FrameSequence > last)
            {
                FramesMissing += (long)Math.Min(header.FrameSequence - last - 1, long.MaxValue / 2);
                _lastSequence[header.SenderSessionId] = header.FrameSequence;
            }
            else
            {
                FramesOutOfOrder++;
            }
        }
        else
        {
            _lastSequence[header.SenderSessionId] = header.FrameSequence;
        }
    }

    private void ReadPackets(ReadOnlySpan<byte> zone)
    {
        while (!zone.IsEmpty)
        {
            // packets.md: the rest of a zone is dropped at the first malformed packet or one of the wrong type.
            if (!SpacePacket.TryRead(zone, out SpacePacket packet, out int consumed) || packet.IsTelecommand == fromPayload)
            {
                PacketsMalformed++;
                return;
            }

            zone = zone[consumed..];
            _packetsPerApid[packet.Apid] = _packetsPerApid.GetValueOrDefault(packet.Apid) + 1;
            if (packet.MessageId == 0)
            {
                Messages++;
                continue;
            }

            if (!_reliableIds.Add(packet.MessageId))
            {
                ReliableRepeats++;
                continue;
            }

            InboundMessage? message;
            try
            {
                message = packet.Flags == SequenceFlags.Unsegmented
                    ? new InboundMessage(packet.Apid, packet.MessageType, packet.Data.ToArray(), Reliable: true)
                    : _reassembler.Add(packet.MessageId, packet.Flags, packet.Apid, packet.MessageType, packet.Data);
            }
            catch (ProtocolViolationException)
            {
                // Segments that never complete (a damaged recording): start over rather than stop counting.
                SegmentRunsAbandoned++;
                _reassembler = new Reassembler(maxSegments: 65536);
                continue;
            }

            if (message is not null)
            {
                Messages++;
                ReadMessage(message);
            }
        }
    }

    private void ReadMessage(InboundMessage message)
    {
        if (message.Apid != Apids.Distillation)
        {
            return;
        }

        if (message.Type == (byte)DistillationMessageType.Syndrome && DistillationMessageFigures.TryReadSyndrome(message.Data, out SyndromeFigures packet))
        {
            Packets[packet.PacketId] = packet;
        }
        else if (message.Type == (byte)DistillationMessageType.PaInstruction && DistillationMessageFigures.TryReadPaInstruction(message.Data, out PaBlockFigures block))
        {
            Blocks[block.BlockId] = block;
        }
    }
}
