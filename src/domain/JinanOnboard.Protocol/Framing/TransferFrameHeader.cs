using System.Buffers.Binary;

namespace JinanOnboard.Protocol.Framing;

/// <summary>
/// The 32-byte header of a transfer frame: AOS-style identification and counters, then the
/// two session identifiers and the sender's frame sequence number that make replay detectable.
/// </summary>
/// <param name="SpacecraftId">8-bit spacecraft identifier.</param>
/// <param name="VirtualChannelId">6-bit virtual channel identifier.</param>
/// <param name="VirtualChannelFrameCount">24-bit per-channel frame counter (wraps).</param>
/// <param name="SenderSessionId">Random nonce the sender chose when its session started.</param>
/// <param name="ReceiverSessionId">The receiver's nonce as the sender last learned it; 0 before the handshake.</param>
/// <param name="FrameSequence">Sender's frame number in this session, starting at 1, never repeated.</param>
/// <param name="PacketZoneLength">Bytes of space packets that follow the header.</param>
public readonly record struct TransferFrameHeader(
    byte SpacecraftId,
    byte VirtualChannelId,
    uint VirtualChannelFrameCount,
    ulong SenderSessionId,
    ulong ReceiverSessionId,
    ulong FrameSequence,
    ushort PacketZoneLength)
{
    public void WriteTo(Span<byte> destination)
    {
        ushort id = (ushort)((TransferFrameLayout.Version << 14) | (SpacecraftId << 6) | (VirtualChannelId & 0x3F));
        BinaryPrimitives.WriteUInt16BigEndian(destination, id);
        destination[2] = (byte)(VirtualChannelFrameCount >> 16);
        destination[3] = (byte)(VirtualChannelFrameCount >> 8);
        destination[4] = (byte)VirtualChannelFrameCount;
        destination[5] = 0; // signalling field: no replay flag, no frame-count cycle
        BinaryPrimitives.WriteUInt64BigEndian(destination[6..], SenderSessionId);
        BinaryPrimitives.WriteUInt64BigEndian(destination[14..], ReceiverSessionId);
        BinaryPrimitives.WriteUInt64BigEndian(destination[22..], FrameSequence);
        BinaryPrimitives.WriteUInt16BigEndian(destination[30..], PacketZoneLength);
    }

    /// <summary>Parses a header; false when the version or signalling field is not ours.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out TransferFrameHeader header)
    {
        header = default;
        if (source.Length < TransferFrameLayout.HeaderLength)
        {
            return false;
        }

        ushort id = BinaryPrimitives.ReadUInt16BigEndian(source);
        if (id >> 14 != TransferFrameLayout.Version || source[5] != 0)
        {
            return false;
        }

        header = new TransferFrameHeader(
            SpacecraftId: (byte)((id >> 6) & 0xFF),
            VirtualChannelId: (byte)(id & 0x3F),
            VirtualChannelFrameCount: (uint)((source[2] << 16) | (source[3] << 8) | source[4]),
            SenderSessionId: BinaryPrimitives.ReadUInt64BigEndian(source[6..]),
            ReceiverSessionId: BinaryPrimitives.ReadUInt64BigEndian(source[14..]),
            FrameSequence: BinaryPrimitives.ReadUInt64BigEndian(source[22..]),
            PacketZoneLength: BinaryPrimitives.ReadUInt16BigEndian(source[30..]));
        return true;
    }
}
