using System.Buffers.Binary;

namespace JinanOnboard.Protocol.Framing;

/// <summary>CCSDS 133.0-B-2 sequence flags: where a packet stands in a segmented message.</summary>
public enum SequenceFlags : byte
{
    /// <summary>Continuation segment (binary 00).</summary>
    Continuation = 0,

    /// <summary>First segment (binary 01).</summary>
    First = 1,

    /// <summary>Last segment (binary 10).</summary>
    Last = 2,

    /// <summary>A whole message in one packet (binary 11).</summary>
    Unsegmented = 3,
}

/// <summary>
/// One space packet as carried in a transfer frame: the CCSDS 133.0-B-2 primary header fields,
/// our 5-byte secondary header (message id, message type) and the user data.
/// </summary>
public readonly ref struct SpacePacket
{
    /// <summary>Primary (6) plus secondary (5) header bytes.</summary>
    public const int HeaderLength = PrimaryHeaderLength + SecondaryHeaderLength;

    public const int PrimaryHeaderLength = 6;
    public const int SecondaryHeaderLength = 5;

    /// <summary>Largest application process identifier (11 bits).</summary>
    public const ushort MaxApid = 0x7FF;

    public SpacePacket(bool isTelecommand, ushort apid, SequenceFlags flags, ushort sequenceCount, uint messageId, byte messageType, ReadOnlySpan<byte> data)
    {
        IsTelecommand = isTelecommand;
        Apid = apid;
        Flags = flags;
        SequenceCount = sequenceCount;
        MessageId = messageId;
        MessageType = messageType;
        Data = data;
    }

    /// <summary>Packet type bit: telecommand (ground to payload) or telemetry (payload to ground).</summary>
    public bool IsTelecommand { get; }

    public ushort Apid { get; }

    public SequenceFlags Flags { get; }

    /// <summary>14-bit packet sequence count, per APID and sender.</summary>
    public ushort SequenceCount { get; }

    /// <summary>Reliable-delivery identifier; 0 means the packet is not acknowledged.</summary>
    public uint MessageId { get; }

    public byte MessageType { get; }

    public ReadOnlySpan<byte> Data { get; }

    /// <summary>Bytes this packet occupies on the wire.</summary>
    public int EncodedLength => HeaderLength + Data.Length;

    /// <summary>Writes the packet; returns the number of bytes written.</summary>
    public int WriteTo(Span<byte> destination)
    {
        if (Apid > MaxApid)
        {
            throw new ArgumentOutOfRangeException(nameof(destination), $"APID {Apid} exceeds 11 bits.");
        }

        int dataFieldLength = SecondaryHeaderLength + Data.Length;
        if (dataFieldLength > ushort.MaxValue + 1)
        {
            throw new ArgumentOutOfRangeException(nameof(destination), "Packet data field exceeds 65536 bytes.");
        }

        // Version 000, type, secondary header flag 1, APID.
        ushort word0 = (ushort)(((IsTelecommand ? 1 : 0) << 12) | (1 << 11) | Apid);
        ushort word1 = (ushort)(((int)Flags << 14) | (SequenceCount & 0x3FFF));
        BinaryPrimitives.WriteUInt16BigEndian(destination, word0);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], word1);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], (ushort)(dataFieldLength - 1));
        BinaryPrimitives.WriteUInt32BigEndian(destination[6..], MessageId);
        destination[10] = MessageType;
        Data.CopyTo(destination[HeaderLength..]);
        return HeaderLength + Data.Length;
    }

    /// <summary>
    /// Parses one packet from the start of <paramref name="source"/>. Returns false (and consumes
    /// nothing) when the bytes are not a well-formed packet of this protocol.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out SpacePacket packet, out int consumed)
    {
        packet = default;
        consumed = 0;
        if (source.Length < HeaderLength)
        {
            return false;
        }

        ushort word0 = BinaryPrimitives.ReadUInt16BigEndian(source);
        ushort word1 = BinaryPrimitives.ReadUInt16BigEndian(source[2..]);
        int dataFieldLength = BinaryPrimitives.ReadUInt16BigEndian(source[4..]) + 1;
        int version = word0 >> 13;
        bool hasSecondaryHeader = (word0 & (1 << 11)) != 0;
        if (version != 0 || !hasSecondaryHeader || dataFieldLength < SecondaryHeaderLength)
        {
            return false;
        }

        int total = PrimaryHeaderLength + dataFieldLength;
        if (total > source.Length)
        {
            return false;
        }

        packet = new SpacePacket(
            isTelecommand: (word0 & (1 << 12)) != 0,
            apid: (ushort)(word0 & MaxApid),
            flags: (SequenceFlags)(word1 >> 14),
            sequenceCount: (ushort)(word1 & 0x3FFF),
            messageId: BinaryPrimitives.ReadUInt32BigEndian(source[6..]),
            messageType: source[10],
            data: source.Slice(HeaderLength, dataFieldLength - SecondaryHeaderLength));
        consumed = total;
        return true;
    }
}
