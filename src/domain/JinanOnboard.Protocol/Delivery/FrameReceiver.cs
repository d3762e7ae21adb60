using JinanOnboard.Protocol.Framing;
using JinanOnboard.Protocol.Messages;
using JinanOnboard.Protocol.Signing;

namespace JinanOnboard.Protocol.Delivery;

/// <summary>
/// Checks each received frame in the order of frames.md (length, CRC, header, signature, session,
/// replay), counts every rejection, then dispatches the frame's packets: HELLO and AGREEMENT to the
/// handshake, ACK to the sender, reliable ids to the acknowledger and segments to reassembly;
/// application packets count only once the plans agree. Used by the
/// reader loop alone, so its replay window and reassembler need no lock.
/// </summary>
internal sealed class FrameReceiver : IFrameSink
{
    private readonly LinkSessionOptions _options;
    private readonly FrameVerifier _verifier;
    private readonly Handshake _handshake;
    private readonly Acknowledger _acknowledger;
    private readonly ReliableSender _sender;
    private readonly Liveness _liveness;
    private readonly Doorbell _doorbell;
    private readonly LinkStatistics _statistics;
    private ReplayWindow _replay = new();
    private ulong _replaySession;
    private readonly Reassembler _reassembler;
    private readonly TaskCompletionSource _peerClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FrameReceiver(LinkSessionOptions options, FrameVerifier verifier, Handshake handshake, Acknowledger acknowledger, ReliableSender sender, Liveness liveness, Doorbell doorbell, LinkStatistics statistics)
    {
        _options = options;
        _verifier = verifier;
        _handshake = handshake;
        _acknowledger = acknowledger;
        _sender = sender;
        _liveness = liveness;
        _doorbell = doorbell;
        _statistics = statistics;
        _reassembler = new Reassembler(maxSegments: 65536, options.MaxMessageBytes);
    }

    /// <summary>Completes when the peer's CLOSE has arrived.</summary>
    public Task PeerClosed => _peerClosed.Task;

    /// <summary>
    /// Returns false when the frame fails checks 1-4 (it may be noise or a truncated CADU, so the
    /// hunt resumes inside it); true for a genuine frame, even one rejected by the session or
    /// replay check: its bytes were sent by the peer as one CADU and hold no other frame.
    /// </summary>
    public bool Receive(ReadOnlySpan<byte> frame, List<InboundMessage> delivered)
    {
        FrameCheck check = TransferFrameCodec.Open(frame, _options.SpacecraftId, _verifier, out TransferFrameHeader header, out ReadOnlySpan<byte> zone);
        switch (check)
        {
            case FrameCheck.BadCrc:
                Interlocked.Increment(ref _statistics.FramesBadCrc);
                return false;
            case FrameCheck.Malformed:
                Interlocked.Increment(ref _statistics.FramesMalformed);
                return false;
            case FrameCheck.BadSignature:
                Interlocked.Increment(ref _statistics.FramesBadSignature);
                return false;
        }

        Admission admission = _handshake.Admit(header, out bool sequenced);
        if (admission == Admission.OutOfSession)
        {
            Interlocked.Increment(ref _statistics.FramesOutOfSession);
            return true;
        }

        if (sequenced && ReplayWindowFor(header.SenderSessionId).Check(header.FrameSequence) != ReplayWindow.Verdict.Accepted)
        {
            Interlocked.Increment(ref _statistics.FramesReplayed);
            return true;
        }

        if (admission == Admission.InSession)
        {
            _handshake.Confirm(header.SenderSessionId);
        }

        _liveness.Heard();
        Interlocked.Increment(ref _statistics.FramesReceived);
        if ((long)header.FrameSequence > _statistics.PeerFrameSequence)
        {
            Interlocked.Exchange(ref _statistics.PeerFrameSequence, (long)header.FrameSequence);
        }
        ReceivePackets(zone, header.SenderSessionId, admission == Admission.PreHandshake, delivered);
        return true;
    }

    /// <summary>
    /// The window belongs to one peer session (delivery.md §Replay window): a restarted peer numbers
    /// its frames from 1 again, so before confirmation a frame of a newly followed session id starts
    /// an empty window instead of being taken for a replay of the old session's numbers. After
    /// confirmation only the locked peer's frames get here, so the window never changes again.
    /// </summary>
    private ReplayWindow ReplayWindowFor(ulong senderSession)
    {
        if (senderSession != _replaySession)
        {
            _replay = new ReplayWindow();
            _replaySession = senderSession;
        }

        return _replay;
    }

    private void ReceivePackets(ReadOnlySpan<byte> zone, ulong senderSession, bool preHandshake, List<InboundMessage> delivered)
    {
        while (!zone.IsEmpty)
        {
            if (!SpacePacket.TryRead(zone, out SpacePacket packet, out int consumed) || packet.IsTelecommand != _options.IsPayload)
            {
                Interlocked.Increment(ref _statistics.PacketsMalformed);
                return;
            }

            zone = zone[consumed..];
            if (packet.Apid == Apids.LinkControl && packet.MessageType == LinkControlTypes.Hello)
            {
                ReceiveHello(packet.Data, senderSession);
            }
            else if (preHandshake)
            {
                continue;
            }
            else if (packet.Apid == Apids.LinkControl && packet.MessageType == LinkControlTypes.Ack)
            {
                ReceiveAck(packet.Data);
            }
            else if (packet.Apid != Apids.LinkControl && !_handshake.Agreed)
            {
                // Application packets wait for the plan agreement: ignored, and not acknowledged,
                // so the peer repeats its reliable ones once the agreement has arrived.
                continue;
            }
            else
            {
                ReceiveMessagePacket(packet, delivered);
            }
        }
    }

    private void ReceiveHello(ReadOnlySpan<byte> body, ulong senderSession)
    {
        if (!_handshake.TryAcceptHello(body, senderSession, out bool learned))
        {
            Interlocked.Increment(ref _statistics.PacketsMalformed);
        }
        else if (learned)
        {
            _doorbell.Ring();
        }
    }

    private void ReceiveAck(ReadOnlySpan<byte> body)
    {
        if (!AckPayload.TryRead(body, out uint cumulative, out uint floor, out ReadOnlySpan<byte> ranges))
        {
            Interlocked.Increment(ref _statistics.PacketsMalformed);
            return;
        }

        _sender.Acknowledge(cumulative, ranges);
        _acknowledger.AdvanceFloor(floor);
    }

    private void ReceiveMessagePacket(SpacePacket packet, List<InboundMessage> delivered)
    {
        Interlocked.Add(ref _statistics.PayloadBytesReceived, packet.Data.Length);
        if (packet.MessageId == 0)
        {
            if (packet.Flags != SequenceFlags.Unsegmented)
            {
                Interlocked.Increment(ref _statistics.PacketsMalformed);
                return;
            }

            Interlocked.Increment(ref _statistics.MessagesReceived);
            delivered.Add(new InboundMessage(packet.Apid, packet.MessageType, packet.Data.ToArray(), Reliable: false));
            return;
        }

        if (!_acknowledger.Record(packet.MessageId))
        {
            Interlocked.Increment(ref _statistics.DuplicatesReceived);
            return;
        }

        InboundMessage? message = packet.Flags == SequenceFlags.Unsegmented
            ? new InboundMessage(packet.Apid, packet.MessageType, packet.Data.ToArray(), Reliable: true)
            : _reassembler.Add(packet.MessageId, packet.Flags, packet.Apid, packet.MessageType, packet.Data);
        if (message is null)
        {
            return;
        }

        if (message.Apid == Apids.LinkControl && message.Type == LinkControlTypes.Close)
        {
            _peerClosed.TrySetResult();
            return;
        }

        if (message.Apid == Apids.LinkControl && message.Type == LinkControlTypes.Agreement)
        {
            // A list that does not parse cannot be compared: the peer breaks the protocol.
            if (!_handshake.TryReceiveAgreement(message.Data, out string problem))
            {
                throw new ProtocolViolationException($"The peer's plan agreement is malformed: {problem}.");
            }

            return;
        }

        Interlocked.Increment(ref _statistics.MessagesReceived);
        delivered.Add(message);
    }
}
