using JinanOnboard.Primitives.TimeTags;
using JinanOnboard.Primitives.Wire;

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
    public static void Write(ReadOnlySpan<TimeTag> tags, Span<byte> records)
    {
        var writer = new WireWriter(records, ByteOrder.LittleEndian);
        foreach (TimeTag tag in tags)
        {
            writer.I32(tag.Channel);
            writer.I64(tag.TimePs);
        }
    }

    /// <summary>Reads the whole 12-byte records of <paramref name="records"/> into <paramref name="tags"/>; returns the count.</summary>
    public static int Read(ReadOnlySpan<byte> records, Span<TimeTag> tags)
    {
        int count = records.Length / Bytes;
        var reader = new WireReader(records[..(count * Bytes)], "time-tag records", ByteOrder.LittleEndian);
        for (int i = 0; i < count; i++)
        {
            tags[i] = new TimeTag(reader.I32("channel"), reader.I64("time_ps"));
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
