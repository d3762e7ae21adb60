using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Framing;
using JinanOnboard.Protocol.Messages;

namespace JinanOnboard.Protocol.Replay;

/// <summary>
/// The messages of one link direction of a recording, taken frame by frame with the receive path's own codecs
/// (<see cref="TransferFrameCodec"/>, <see cref="SpacePacket"/>, <see cref="Reassembler"/>): frames that fail their CRC are
/// skipped (the receiver would have dropped them), retransmitted and duplicated copies are removed by message id, and
/// segmented messages are joined. Frame signatures are not checked: the recording holds frames that were already judged
/// by the live receiver (or sent by the recorded side itself), and a replay has no business with the keys that signed them.
/// </summary>
public sealed class RecordedLinkMessages
{
    private readonly HashSet<uint> _seen = [];
    private readonly HashSet<(ulong Session, ulong Sequence)> _frames = [];
    private readonly Reassembler _reassembler = new(maxSegments: 65536, LinkSessionOptions.DefaultMaxMessageBytes);
    private readonly List<RecordedMessage> _messages = [];

    /// <summary>The application messages in the order they became whole (link-control messages excluded).</summary>
    public IReadOnlyList<RecordedMessage> Messages => _messages;

    /// <summary>The sender's plan agreement list (delivery.md §Plan agreement), when the direction carried it.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Agreement { get; private set; }

    /// <summary>Whether the sender said goodbye (CLOSE) in the recording.</summary>
    public bool Closed { get; private set; }

    /// <summary>Frames taken.</summary>
    public long Frames { get; private set; }

    /// <summary>Frames taken a second time (sender session and frame sequence seen before), skipped.</summary>
    public long DuplicateFrames => Frames - DamagedFrames - _frames.Count;

    /// <summary>Frames skipped because they fail their CRC or do not parse (damaged on the emulated link).</summary>
    public long DamagedFrames { get; private set; }

    /// <summary>
    /// Takes one recorded frame (without its sync marker) of this direction, recorded as record <paramref name="recordIndex"/>
    /// at <paramref name="passTime"/>.
    /// </summary>
    public void Add(long recordIndex, TimeSpan passTime, ReadOnlySpan<byte> frame)
    {
        Frames++;
        if (frame.Length is < TransferFrameLayout.MinFrameLength or > TransferFrameLayout.MaxFrameLength
            || !TransferFrameCodec.CrcVerifies(frame)
            || !TransferFrameHeader.TryRead(frame, out TransferFrameHeader header)
            || header.PacketZoneLength > TransferFrameLayout.PacketZoneCapacity(frame.Length))
        {
            DamagedFrames++;
            return;
        }

        if (!_frames.Add((header.SenderSessionId, header.FrameSequence)))
        {
            return; // a copy the emulated link duplicated: its unacknowledged messages must not play twice
        }

        ReadOnlySpan<byte> zone = frame.Slice(TransferFrameLayout.HeaderLength, header.PacketZoneLength);
        while (!zone.IsEmpty && SpacePacket.TryRead(zone, out SpacePacket packet, out int consumed))
        {
            zone = zone[consumed..];
            if (packet.Apid == Apids.LinkControl && packet.MessageType is LinkControlTypes.Hello or LinkControlTypes.Ack)
            {
                continue; // the session's own bookkeeping: a replay's live session makes its own
            }

            if (packet.MessageId == 0)
            {
                _messages.Add(new RecordedMessage(recordIndex, passTime, packet.Apid, packet.MessageType, packet.Data.ToArray(), Reliable: false));
                continue;
            }

            if (!_seen.Add(packet.MessageId))
            {
                continue; // a retransmission, or a copy the emulated link duplicated
            }

            InboundMessage? whole = packet.Flags == SequenceFlags.Unsegmented
                ? new InboundMessage(packet.Apid, packet.MessageType, packet.Data.ToArray(), Reliable: true)
                : _reassembler.Add(packet.MessageId, packet.Flags, packet.Apid, packet.MessageType, packet.Data);
            if (whole is not null)
            {
                Take(recordIndex, passTime, whole);
            }
        }
    }

    private void Take(long recordIndex, TimeSpan passTime, InboundMessage message)
    {
        if (message.Apid != Apids.LinkControl)
        {
            _messages.Add(new RecordedMessage(recordIndex, passTime, message.Apid, message.Type, message.Data, Reliable: true));
        }
        else if (message.Type == LinkControlTypes.Agreement && Agreement is null && PlanAgreement.TryDecode(message.Data, out List<KeyValuePair<string, string>> entries, out _))
        {
            Agreement = entries;
        }
        else if (message.Type == LinkControlTypes.Close)
        {
            Closed = true;
        }
    }
}
