using System.Buffers.Binary;

namespace JinanOnboard.Protocol.Delivery;

/// <summary>
/// Body of a link-control ACK packet: cumulative ack, the sender's own floor, then selective
/// ranges. Layout (big-endian): u32 cumulative, u32 floor, u16 range count, count × (u32 start, u32 end).
/// </summary>
internal static class AckPayload
{
    public const int FixedLength = 10;
    public const int RangeLength = 8;

    public static int Write(Span<byte> destination, uint cumulative, uint floor, ReadOnlySpan<(uint Start, uint End)> ranges)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, cumulative);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], floor);
        BinaryPrimitives.WriteUInt16BigEndian(destination[8..], (ushort)ranges.Length);
        int offset = FixedLength;
        foreach ((uint start, uint end) in ranges)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[offset..], start);
            BinaryPrimitives.WriteUInt32BigEndian(destination[(offset + 4)..], end);
            offset += RangeLength;
        }

        return offset;
    }

    public static bool TryRead(ReadOnlySpan<byte> source, out uint cumulative, out uint floor, out ReadOnlySpan<byte> ranges)
    {
        cumulative = floor = 0;
        ranges = default;
        if (source.Length < FixedLength)
        {
            return false;
        }

        cumulative = BinaryPrimitives.ReadUInt32BigEndian(source);
        floor = BinaryPrimitives.ReadUInt32BigEndian(source[4..]);
        int count = BinaryPrimitives.ReadUInt16BigEndian(source[8..]);
        if (source.Length != FixedLength + (count * RangeLength))
        {
            return false;
        }

        ranges = source[FixedLength..];
        return true;
    }

    public static (uint Start, uint End) ReadRange(ReadOnlySpan<byte> ranges, int index)
        => (BinaryPrimitives.ReadUInt32BigEndian(ranges[(index * RangeLength)..]),
            BinaryPrimitives.ReadUInt32BigEndian(ranges[((index * RangeLength) + 4)..]));
}
