using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Framing;
using JinanOnboard.Protocol.Messages;

namespace JinanOnboard.Protocol.Fuzz.Targets;

/// <summary>
/// <c>packets</c>: space packets, link-control bodies (HELLO, ACK, CLOSE, AGREEMENT) and segment reassembly, by the
/// real <see cref="FrameReceiver"/> of a payload end past its handshake and plan agreement. Input: byte 0 picks how
/// many frames (1..4); the rest is split into that many equal parts, each the packet zone of one frame, which the
/// harness seals in session, numbered 1, 2, … and signed with the peer key, so every part reaches packet parsing.
/// The frame length is the smallest that holds the largest part (256..16384; a longer part is cut). Accepted when
/// the frames deliver at least one message (or the peer's CLOSE).
/// </summary>
public sealed class PacketsTarget : FuzzTarget
{
    public override string Name => "packets";

    protected override bool Execute(ReadOnlySpan<byte> input)
    {
        if (input.Length < 1)
        {
            return false;
        }

        int frames = (input[0] % 4) + 1;
        ReadOnlySpan<byte> zones = input[1..];
        int part = zones.Length / frames;
        int largest = zones.Length - (part * (frames - 1));
        int frameLength = Math.Clamp(largest + TransferFrameLayout.HeaderLength + TransferFrameLayout.TrailerLength, TransferFrameLayout.MinFrameLength, TransferFrameLayout.MaxFrameLength);
        int capacity = TransferFrameLayout.PacketZoneCapacity(frameLength);
        using HarnessLink.Receiver receiver = HarnessLink.NewReceiver(frameLength, agreed: true);
        var delivered = new List<InboundMessage>();
        for (int i = 0; i < frames; i++)
        {
            ReadOnlySpan<byte> zone = i < frames - 1 ? zones.Slice(i * part, part) : zones[(i * part)..];
            zone = zone[..Math.Min(zone.Length, capacity)];
            byte[] cadu = HarnessLink.Seal(frameLength, HarnessLink.Header((ulong)i + 1, zone.Length), zone);
            if (!receiver.FrameReceiver.Receive(cadu.AsSpan(TransferFrameLayout.SyncMarkerLength), delivered))
            {
                throw new InvalidOperationException("A frame the harness sealed in session failed the frame checks.");
            }
        }

        return delivered.Count > 0 || receiver.FrameReceiver.PeerClosed.IsCompleted;
    }

    /// <summary>A peer that breaks a protocol rule no retransmission fixes ends the session: documented, not a crash.</summary>
    protected override bool IsDocumentedRejection(Exception exception) => exception is ProtocolViolationException;

    public override IEnumerable<(string Name, byte[] Input)> Seeds()
    {
        byte[] body = "key information body!"u8.ToArray();
        yield return ("valid-unreliable-message", [0, .. Zone(z => HarnessLink.WritePacket(z, Apids.Distillation, 1, body))]);
        yield return ("valid-reliable-message-with-hello-and-ack", [0, .. Zone(z =>
        {
            int n = HarnessLink.WritePacket(z, Apids.LinkControl, LinkControlTypes.Hello, HarnessLink.GroundHello());
            n += HarnessLink.WritePacket(z[n..], Apids.LinkControl, LinkControlTypes.Ack, Ack(0, 1, [(3u, 5u)]));
            return n + HarnessLink.WritePacket(z[n..], Apids.SessionControl, 2, body, messageId: 1);
        })]);
        byte[] first = Zone(z => HarnessLink.WritePacket(z, Apids.Distillation, 3, body.AsSpan(0, 7), messageId: 5, SequenceFlags.First));
        byte[] middle = Zone(z => HarnessLink.WritePacket(z, Apids.Distillation, 3, body.AsSpan(7, 7), messageId: 6, SequenceFlags.Continuation));
        byte[] last = Zone(z => HarnessLink.WritePacket(z, Apids.Distillation, 3, body.AsSpan(14), messageId: 7, SequenceFlags.Last));
        if (first.Length != middle.Length || middle.Length != last.Length)
        {
            throw new InvalidOperationException("The segments must be the same length to split evenly into three frames.");
        }

        yield return ("valid-segmented-over-three-frames-out-of-order", [2, .. last, .. first, .. middle]);
        // Regression seed: a message whose last segment has the largest id made the reassembler throw KeyNotFoundException.
        yield return ("valid-segments-ending-at-the-largest-message-id", [0, .. Zone(z =>
        {
            int n = HarnessLink.WritePacket(z, Apids.Distillation, 3, body.AsSpan(0, 2), messageId: uint.MaxValue - 1, SequenceFlags.First);
            return n + HarnessLink.WritePacket(z[n..], Apids.Distillation, 3, body.AsSpan(2, 2), messageId: uint.MaxValue, SequenceFlags.Last);
        })]);
        yield return ("valid-close", [0, .. Zone(z => HarnessLink.WritePacket(z, Apids.LinkControl, LinkControlTypes.Close, [], messageId: 9))]);
        yield return ("agreement-again", [0, .. Zone(z => HarnessLink.WritePacket(z, Apids.LinkControl, LinkControlTypes.Agreement, PlanAgreement.Encode([new("seed", "42")]), messageId: 1))]);
        yield return ("unsegmented-flag-missing-on-unreliable", [0, .. Zone(z => HarnessLink.WritePacket(z, Apids.Telemetry, 1, body, flags: SequenceFlags.First))]);
    }

    private delegate int ZoneWriter(Span<byte> zone);

    private static byte[] Ack(uint cumulative, uint floor, (uint Start, uint End)[] ranges)
    {
        byte[] body = new byte[AckPayload.FixedLength + (ranges.Length * AckPayload.RangeLength)];
        return body[..AckPayload.Write(body, cumulative, floor, ranges)];
    }

    private static byte[] Zone(ZoneWriter write)
    {
        byte[] zone = new byte[TransferFrameLayout.PacketZoneCapacity(TransferFrameLayout.MaxFrameLength)];
        return zone[..write(zone)];
    }
}
