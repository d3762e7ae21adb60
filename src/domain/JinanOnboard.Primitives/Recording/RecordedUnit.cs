namespace JinanOnboard.Primitives.Recording;

/// <summary>How a recorded unit's <see cref="RecordedUnit.Data"/> holds what the tap saw.</summary>
public enum UnitLayout
{
    /// <summary>The bytes exactly as the tap saw them (every link record; time-tag records of a version 1 file).</summary>
    Seam,

    /// <summary>Time tags in the delta-encoded layout of a version 2 file (<see cref="CompactTimeTags"/>).</summary>
    CompactTimeTags,
}

/// <summary>One recorded seam call. Read time tags with <see cref="TimeTagRecords.Read(RecordedUnit, Span{TimeTags.TimeTag})"/>, whatever the layout.</summary>
/// <param name="Stream">Seam stream name ("link", "time-tags").</param>
/// <param name="Direction">Outgoing or incoming.</param>
/// <param name="PassTime">The pass time the tap was given.</param>
/// <param name="Data">The unit's bytes as the file holds them (see <paramref name="Layout"/>).</param>
/// <param name="Layout">How <paramref name="Data"/> encodes the unit.</param>
public sealed record RecordedUnit(string Stream, TapDirection Direction, TimeSpan PassTime, byte[] Data, UnitLayout Layout = UnitLayout.Seam);

/// <summary>
/// A stretch of a recording that held no readable record, found between two good ones (recording-seam.md §Damage).
/// </summary>
/// <param name="Offset">File offset of the first byte that did not read as a record.</param>
/// <param name="Length">Bytes skipped up to the next record that passed its checks.</param>
/// <param name="RecordsLost">Records lost, when the lengths of the damaged records' intact headers lead exactly to the next good record; null when the damage hit a header and the count is unknown (at least one).</param>
public sealed record RecordingDamage(long Offset, long Length, int? RecordsLost);
