using JinanOnboard.Primitives.Wire;

namespace JinanOnboard.Protocol.Delivery;

/// <summary>
/// Body of a link-control ACK packet (protocol-spec/delivery.md): cumulative ack, the sender's own floor, then selective
/// ranges. Layout (big-endian): u32 cumulative, u32 floor, u16 range count, count × (u32 start, u32 end).
/// </summary>
internal static class AckPayload
{
    public const int FixedLength = 10;
    public const int RangeLength = 8;

    private const string Message = "ack";

    /// <summary>Writes the body into <paramref name="destination"/> (a stack buffer: acks go out with most frames); returns its length.</summary>
    public static int Write(Span<byte> destination, uint cumulative, uint floor, ReadOnlySpan<(uint Start, uint End)> ranges)
    {
        var writer = new WireWriter(destination);
        writer.U32(cumulative);
        writer.U32(floor);
        writer.U16(checked((ushort)ranges.Length));
        foreach ((uint start, uint end) in ranges)
        {
            writer.U32(start);
            writer.U32(end);
        }

        return writer.Written;
    }

    /// <summary>
    /// False when the body is not exactly the fixed part and its ranges. A bool, not the exception, because the link
    /// layer counts a bad control packet as packets_malformed and goes on with the frame; only a peer that signs
    /// garbage sends one (the frame CRC and signature stop damage), so the throw and catch inside cost nothing in practice.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out uint cumulative, out uint floor, out ReadOnlySpan<byte> ranges)
    {
        try
        {
            var reader = new WireReader(source, Message);
            cumulative = reader.U32("cumulative");
            floor = reader.U32("floor");
            int count = reader.U16("range_count");
            ranges = reader.Bytes(count * RangeLength, "ranges");
            reader.End();
            return true;
        }
        catch (MalformedMessageException)
        {
            cumulative = floor = 0;
            ranges = default;
            return false;
        }
    }

    /// <summary>Range <paramref name="index"/> of the ranges <see cref="TryRead"/> returned (whole ranges: it checked the length).</summary>
    public static (uint Start, uint End) ReadRange(ReadOnlySpan<byte> ranges, int index)
    {
        var reader = new WireReader(ranges.Slice(index * RangeLength, RangeLength), Message);
        return (reader.U32("start"), reader.U32("end"));
    }
}
