using JinanOnboard.Protocol.Framing;
using JinanOnboard.Protocol.Signing;

namespace JinanOnboard.Protocol.Tests.Support;

/// <summary>A space packet as read back from a frame.</summary>
internal sealed record WirePacket(bool IsTelecommand, ushort Apid, SequenceFlags Flags, uint MessageId, byte Type, byte[] Data);

/// <summary>Builds and takes apart frames by hand, for tests that need exact control of the bytes.</summary>
internal static class WirePackets
{
    /// <summary>Every packet of a CADU's zone (the frame must open: right key, right SCID).</summary>
    public static List<WirePacket> Read(byte[] cadu, Identity signer, out TransferFrameHeader header)
    {
        FrameCheck check = TransferFrameCodec.Open(cadu.AsSpan(TransferFrameLayout.SyncMarkerLength), 0x2A, new FrameVerifier(signer.PublicKey), out header, out ReadOnlySpan<byte> zone);
        Assert.Equal(FrameCheck.Ok, check);
        var packets = new List<WirePacket>();
        while (SpacePacket.TryRead(zone, out SpacePacket p, out int consumed))
        {
            packets.Add(new WirePacket(p.IsTelecommand, p.Apid, p.Flags, p.MessageId, p.MessageType, p.Data.ToArray()));
            zone = zone[consumed..];
        }

        Assert.True(zone.IsEmpty, "The zone holds bytes that are not a packet.");
        return packets;
    }

    /// <summary>A sealed CADU with <paramref name="header"/> (its zone length is set here) carrying <paramref name="packets"/>.</summary>
    public static byte[] Seal(Identity signer, TransferFrameHeader header, int frameLength, params WirePacket[] packets)
    {
        byte[] cadu = new byte[TransferFrameLayout.CaduLength(frameLength)];
        Span<byte> zone = cadu.AsSpan(TransferFrameLayout.SyncMarkerLength + TransferFrameLayout.HeaderLength);
        int position = 0;
        foreach (WirePacket p in packets)
        {
            position += new SpacePacket(p.IsTelecommand, p.Apid, p.Flags, 0, p.MessageId, p.Type, p.Data).WriteTo(zone[position..]);
        }

        TransferFrameCodec.Seal(cadu, header with { PacketZoneLength = (ushort)position }, new FrameSigner(signer));
        return cadu;
    }
}
