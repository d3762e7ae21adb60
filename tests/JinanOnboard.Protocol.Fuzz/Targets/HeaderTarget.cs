using System.Buffers.Binary;
using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Framing;
using JinanOnboard.Protocol.Integrity;
using JinanOnboard.Protocol.Messages;

namespace JinanOnboard.Protocol.Fuzz.Targets;

/// <summary>
/// <c>header</c>: one frame through the receive checks of frames.md (length, CRC, header, signature, session,
/// replay) and into packet dispatch, by the real <see cref="FrameReceiver"/> of a payload end that has not yet
/// heard its peer. Input: byte 0 flags (bit 0: keep the input's CRC, bit 1: keep the input's signature; otherwise the
/// harness signs with the peer key and computes the CRC after mutation, so mutated headers get past both), bytes 1-2
/// the frame length (big-endian, clamped to 256..16384), the rest the frame from its header on. Accepted when the
/// frame is admitted (counted in frames_received).
/// </summary>
public sealed class HeaderTarget : FuzzTarget
{
    private const byte KeepCrc = 1;
    private const byte KeepSignature = 2;

    public override string Name => "header";

    protected override bool Execute(ReadOnlySpan<byte> input)
    {
        if (input.Length < 3)
        {
            return false;
        }

        byte flags = input[0];
        int frameLength = Math.Clamp((int)BinaryPrimitives.ReadUInt16BigEndian(input[1..]), TransferFrameLayout.MinFrameLength, TransferFrameLayout.MaxFrameLength);
        byte[] frame = new byte[frameLength];
        ReadOnlySpan<byte> body = input[3..];
        body[..Math.Min(body.Length, frameLength)].CopyTo(frame);
        int signatureStart = frameLength - TransferFrameLayout.TrailerLength;
        if ((flags & KeepSignature) == 0)
        {
            HarnessLink.Signer.Sign(frame.AsSpan(0, signatureStart), frame.AsSpan(signatureStart, TransferFrameLayout.SignatureLength));
        }

        if ((flags & KeepCrc) == 0)
        {
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(frameLength - 2), Crc16Ccitt.Compute(frame.AsSpan(0, frameLength - 2)));
        }

        using HarnessLink.Receiver receiver = HarnessLink.NewReceiver(frameLength, agreed: false);
        receiver.FrameReceiver.Receive(frame, []);
        return receiver.Statistics.FramesReceived == 1;
    }

    /// <summary>A peer that breaks a protocol rule no retransmission fixes ends the session: documented, not a crash.</summary>
    protected override bool IsDocumentedRejection(Exception exception) => exception is ProtocolViolationException;

    public override IEnumerable<(string Name, byte[] Input)> Seeds()
    {
        yield return ("valid-hello-256", Input(0, 256, HelloFrame(256, receiverSession: 0)));
        yield return ("valid-in-session-1024", Input(0, 1024, HelloFrame(1024, HarnessLink.OwnSession)));
        yield return ("valid-as-sealed-kept-crc-and-signature", Input(KeepCrc | KeepSignature, 512, HelloFrame(512, receiverSession: 0)));
        yield return ("out-of-session", Input(0, 256, HelloFrame(256, receiverSession: 0x9999)));
        byte[] foreign = HelloFrame(256, receiverSession: 0);
        foreign[1] ^= 0x40; // another spacecraft id
        yield return ("foreign-spacecraft", Input(0, 256, foreign));
        byte[] badCrc = HelloFrame(256, receiverSession: 0);
        badCrc[^1] ^= 0xFF;
        yield return ("kept-bad-crc", Input(KeepCrc, 256, badCrc));
    }

    private static byte[] Input(byte flags, int frameLength, byte[] frame) => [flags, (byte)(frameLength >> 8), (byte)frameLength, .. frame];

    /// <summary>A sealed frame (sync marker removed) with the ground's HELLO, as FrameComposer sends it.</summary>
    private static byte[] HelloFrame(int frameLength, ulong receiverSession)
    {
        byte[] zone = new byte[SpacePacket.HeaderLength + Handshake.HelloLength];
        int length = HarnessLink.WritePacket(zone, Apids.LinkControl, LinkControlTypes.Hello, HarnessLink.GroundHello());
        return HarnessLink.Seal(frameLength, HarnessLink.Header(1, length, receiverSession), zone.AsSpan(0, length))[TransferFrameLayout.SyncMarkerLength..];
    }
}
