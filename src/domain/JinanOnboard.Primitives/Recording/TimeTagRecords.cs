using System.Buffers.Binary;
using JinanOnboard.Primitives.TimeTags;

namespace JinanOnboard.Primitives.Recording;

/// <summary>
/// The time-tag stream's unit at the recording seam (protocol-spec/recording-seam.md): 12 bytes per tag, i32 channel then
/// i64 arrival time in ps, both little-endian. The OGS receiver writes it; readers of recordings use
/// <see cref="Count(RecordedUnit)"/> and <see cref="Read(RecordedUnit, Span{TimeTag})"/>, which decode either file layout
/// (the seam's records in a version 1 file, <see cref="CompactTimeTags"/> in a version 2 file).
/// </summary>
public static class TimeTagRecords
{
    public const int Bytes = 12;

    /// <summary>Writes <paramref name="tags"/> into <paramref name="records"/> (at least 12 bytes per tag).</summary>
    /// <remarks>The OGS receiver calls this for every batch while recording: BinaryPrimitives straight into the span,
    /// because a WireWriter call per field took ~50 ns a tag (0.6 s of the default pass's 12 million tags).</remarks>
    public static void Write(ReadOnlySpan<TimeTag> tags, Span<byte> records)
    {
        if (records.Length < tags.Length * Bytes)
        {
            throw new ArgumentException($"{tags.Length} tags need {tags.Length * Bytes} bytes; the destination has {records.Length}.", nameof(records));
        }

        for (int i = 0, offset = 0; i < tags.Length; i++, offset += Bytes)
        {
            BinaryPrimitives.WriteInt32LittleEndian(records[offset..], tags[i].Channel);
            BinaryPrimitives.WriteInt64LittleEndian(records[(offset + 4)..], tags[i].TimePs);
        }
    }

    /// <summary>Reads the whole 12-byte records of <paramref name="records"/> into <paramref name="tags"/>; returns the count.</summary>
    public static int Read(ReadOnlySpan<byte> records, Span<TimeTag> tags)
    {
        int count = records.Length / Bytes;
        for (int i = 0, offset = 0; i < count; i++, offset += Bytes)
        {
            tags[i] = new TimeTag(BinaryPrimitives.ReadInt32LittleEndian(records[offset..]), BinaryPrimitives.ReadInt64LittleEndian(records[(offset + 4)..]));
        }

        return count;
    }

    /// <summary>How many tags a recorded time-tag unit holds, whatever its record layout: readers of recordings ask here.</summary>
    /// <exception cref="InvalidDataException">A compact unit whose count its data cannot hold.</exception>
    public static int Count(RecordedUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return unit.Layout == UnitLayout.CompactTimeTags ? CompactTimeTags.Count(unit.Data) : unit.Data.Length / Bytes;
    }

    /// <summary>Reads the tags of a recorded time-tag unit (<see cref="Count"/> of them) into <paramref name="tags"/>.</summary>
    /// <exception cref="InvalidDataException">A compact unit that does not follow its layout.</exception>
    public static int Read(RecordedUnit unit, Span<TimeTag> tags)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return unit.Layout == UnitLayout.CompactTimeTags ? CompactTimeTags.Decode(unit.Data, tags) : Read(unit.Data, tags);
    }
}
