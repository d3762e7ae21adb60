using System.Buffers.Binary;
using JinanOnboard.Primitives.TimeTags;
using JinanOnboard.Primitives.Wire;

namespace JinanOnboard.Primitives.Recording;

/// <summary>
/// The data of a time-tag record in a version 2 recording (protocol-spec/recording-seam.md §Compact time tags): u32 tag
/// count, then per tag one unsigned LEB128 key. Arrival times go as deltas from the previous tag (the first from 0), and
/// a key is <c>delta &lt;&lt; 3 | channel</c> for channels 0…6 and deltas 0 ≤ d &lt; 2⁶¹; key 7 escapes any other tag
/// (a channel ≥ 7 or &lt; 0, a time that goes back) with a zigzag varint channel and a zigzag varint delta. On the
/// default pass tags come ~21 µs apart (2²⁴ ps), so most keys take 4 bytes instead of the seam's 12.
/// </summary>
public static class CompactTimeTags
{
    /// <summary>The u32 tag count before the keys.</summary>
    public const int CountBytes = 4;

    /// <summary>Most bytes one tag can take: the escape key (1), a channel (5) and a delta (10).</summary>
    public const int MaxTagBytes = 1 + 5 + 10;

    /// <summary>Channels written in the key's low three bits; code 7 escapes.</summary>
    private const int DirectChannels = 7;

    private const ulong EscapeKey = 7;

    /// <summary>Deltas below 2⁶¹ fit a 64-bit key beside the 3 channel bits.</summary>
    private const ulong MaxDirectDelta = (1UL << 61) - 1;

    /// <summary>Bytes <paramref name="tags"/> tags take at most.</summary>
    public static int MaxEncodedLength(int tags) => CountBytes + (tags * MaxTagBytes);

    /// <summary>
    /// Encodes the seam's 12-byte tag records (<see cref="TimeTagRecords"/>: i32 channel, i64 time, little-endian) into
    /// <paramref name="destination"/> (at least <see cref="MaxEncodedLength"/> bytes); returns the bytes written.
    /// The recorder's hot path: no allocation.
    /// </summary>
    /// <exception cref="ArgumentException">The records are not whole 12-byte records.</exception>
    public static int EncodeSeamRecords(ReadOnlySpan<byte> seamRecords, Span<byte> destination)
    {
        if (seamRecords.Length % TimeTagRecords.Bytes != 0)
        {
            throw new ArgumentException($"A time-tag unit is whole {TimeTagRecords.Bytes}-byte records; got {seamRecords.Length} bytes.", nameof(seamRecords));
        }

        int count = seamRecords.Length / TimeTagRecords.Bytes;
        CheckRoom(count, destination);
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)count);
        int written = CountBytes;
        long previous = 0;
        for (int offset = 0; offset < seamRecords.Length; offset += TimeTagRecords.Bytes)
        {
            int channel = BinaryPrimitives.ReadInt32LittleEndian(seamRecords[offset..]);
            long time = BinaryPrimitives.ReadInt64LittleEndian(seamRecords[(offset + 4)..]);
            written = WriteTag(destination, written, channel, time, previous);
            previous = time;
        }

        return written;
    }

    /// <summary>Encodes <paramref name="tags"/> (see <see cref="EncodeSeamRecords"/>); returns the bytes written.</summary>
    public static int Encode(ReadOnlySpan<TimeTag> tags, Span<byte> destination)
    {
        CheckRoom(tags.Length, destination);
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)tags.Length);
        int written = CountBytes;
        long previous = 0;
        foreach (TimeTag tag in tags)
        {
            written = WriteTag(destination, written, tag.Channel, tag.TimePs, previous);
            previous = tag.TimePs;
        }

        return written;
    }

    /// <summary>The tag count of compact data, checked against its length (every tag takes at least one byte).</summary>
    /// <exception cref="InvalidDataException">Shorter than the count, or a count the data cannot hold.</exception>
    public static int Count(ReadOnlySpan<byte> data)
    {
        if (data.Length < CountBytes)
        {
            throw new InvalidDataException($"compact time-tag record: count at byte 0: {data.Length} bytes, expected at least {CountBytes}");
        }

        uint count = BinaryPrimitives.ReadUInt32LittleEndian(data);
        if (count > (uint)(data.Length - CountBytes))
        {
            throw new InvalidDataException($"compact time-tag record: count at byte 0: {count} tags cannot fit in {data.Length - CountBytes} bytes");
        }

        return (int)count;
    }

    /// <summary>Decodes compact data into <paramref name="tags"/> (at least <see cref="Count"/> long); returns the count.</summary>
    /// <exception cref="InvalidDataException">The data does not follow the layout (short, overlong varint, trailing bytes, a bad escape).</exception>
    public static int Decode(ReadOnlySpan<byte> data, Span<TimeTag> tags)
    {
        int count = Count(data);
        if (tags.Length < count)
        {
            throw new ArgumentException($"Room for {tags.Length} tags; the record holds {count}.", nameof(tags));
        }

        int position = CountBytes;
        long time = 0;
        for (int i = 0; i < count; i++)
        {
            int keyAt = position;
            ulong key = ReadVarUInt(data, ref position, "key");
            int channel;
            if ((key & EscapeKey) != EscapeKey)
            {
                channel = (int)(key & EscapeKey);
                time = unchecked(time + (long)(key >> 3));
            }
            else if (key == EscapeKey)
            {
                int channelAt = position;
                long escaped = Zigzag(ReadVarUInt(data, ref position, "channel"));
                if (escaped is < int.MinValue or > int.MaxValue)
                {
                    throw Malformed("channel", channelAt, $"{escaped} is not an i32");
                }

                channel = (int)escaped;
                time = unchecked(time + Zigzag(ReadVarUInt(data, ref position, "delta")));
            }
            else
            {
                throw Malformed("key", keyAt, $"escape code with a delta ({key >> 3}); an escape key is exactly 7");
            }

            tags[i] = new TimeTag(channel, time);
        }

        if (position != data.Length)
        {
            throw Malformed("end", position, $"{data.Length - position} unexpected trailing bytes");
        }

        return count;
    }

    /// <summary>
    /// Unsigned LEB128 as <see cref="WireReader.VarUInt"/> reads it (at most 10 bytes and 64 bits), inlined here because
    /// this loop runs once per recorded tag (12 million on the default pass): WireReader's per-byte bounds-checked reads
    /// made decoding twice as slow.
    /// </summary>
    private static ulong ReadVarUInt(ReadOnlySpan<byte> data, ref int position, string field)
    {
        int start = position;
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            if (position >= data.Length)
            {
                throw Malformed(field, start, "the record ends inside a varint");
            }

            byte b = data[position++];
            if (shift == 63 && b > 1)
            {
                throw Malformed(field, start, "varint longer than 10 bytes or above 64 bits");
            }

            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
    }

    /// <summary>Unsigned LEB128 as <see cref="WireWriter.VarUInt"/> writes it, inlined for the recorder's per-tag loop.</summary>
    private static int WriteVarUInt(Span<byte> destination, int position, ulong value)
    {
        while (value >= 0x80)
        {
            destination[position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[position++] = (byte)value;
        return position;
    }

    private static long Zigzag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    private static ulong Zigzag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private static InvalidDataException Malformed(string field, int offset, string problem)
        => new($"compact time-tag record: {field} at byte {offset}: {problem}");

    private static void CheckRoom(int tags, Span<byte> destination)
    {
        if (destination.Length < MaxEncodedLength(tags))
        {
            throw new ArgumentException($"{tags} tags need up to {MaxEncodedLength(tags)} bytes; the destination has {destination.Length}.", nameof(destination));
        }
    }

    private static int WriteTag(Span<byte> destination, int position, int channel, long time, long previous)
    {
        long delta = unchecked(time - previous);
        if (channel is >= 0 and < DirectChannels && time >= previous && (ulong)delta <= MaxDirectDelta)
        {
            return WriteVarUInt(destination, position, ((ulong)delta << 3) | (uint)channel);
        }

        // Out-of-order tags, unusual channels, or a gap beyond 2^61 ps: rare, so they may cost more. The delta wraps
        // modulo 2^64 like the decoder's sum, so every pair of i64 times round-trips.
        position = WriteVarUInt(destination, position, EscapeKey);
        position = WriteVarUInt(destination, position, Zigzag(channel));
        return WriteVarUInt(destination, position, Zigzag(delta));
    }
}
