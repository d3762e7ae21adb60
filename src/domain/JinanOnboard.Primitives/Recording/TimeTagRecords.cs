using System.Buffers.Binary;
using JinanOnboard.Primitives.TimeTags;

namespace JinanOnboard.Primitives.Recording;

/// <summary>
/// The time-tag stream's unit at the recording seam (protocol-spec/recording-seam.md): 12 bytes per tag, i32 channel then
/// i64 arrival time in ps, both little-endian. The OGS receiver writes it; `jinan replay` reads it back.
/// </summary>
public static class TimeTagRecords
{
    public const int Bytes = 12;

    /// <summary>Writes <paramref name="tags"/> into <paramref name="records"/> (at least 12 bytes per tag).</summary>
    public static void Write(ReadOnlySpan<TimeTag> tags, Span<byte> records)
    {
        for (int i = 0; i < tags.Length; i++)
        {
            Span<byte> record = records.Slice(i * Bytes, Bytes);
            BinaryPrimitives.WriteInt32LittleEndian(record, tags[i].Channel);
            BinaryPrimitives.WriteInt64LittleEndian(record[4..], tags[i].TimePs);
        }
    }

    /// <summary>Reads the whole 12-byte records of <paramref name="records"/> into <paramref name="tags"/>; returns the count.</summary>
    public static int Read(ReadOnlySpan<byte> records, Span<TimeTag> tags)
    {
        int count = records.Length / Bytes;
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> record = records.Slice(i * Bytes, Bytes);
            tags[i] = new TimeTag(BinaryPrimitives.ReadInt32LittleEndian(record), BinaryPrimitives.ReadInt64LittleEndian(record[4..]));
        }

        return count;
    }
}
