namespace JinanOnboard.Primitives.Recording;

/// <summary>
/// Constants of the recording file (protocol-spec/recording-seam.md §File format), all integers little-endian:
/// file header <c>"JREC"</c>, u16 version, u32 metadata length, UTF-8 JSON metadata, u32 CRC-32 of everything before it;
/// then one record per <see cref="ITap.Observe"/> call: u8 stream, u8 direction, i64 pass time (100 ns ticks),
/// u32 data length, the data, u32 CRC-32 of the record's preceding bytes. Version 2 differs from version 1 only in the
/// data of time-tag records (<see cref="CompactTimeTags"/> instead of 12-byte seam records).
/// </summary>
public static class RecordingFormat
{
    /// <summary>"JREC" read as a little-endian u32.</summary>
    public const uint Magic = 0x4345524A;

    /// <summary>The version this build writes.</summary>
    public const ushort Version = 2;

    /// <summary>The first version: time-tag records hold the seam's 12-byte records as they are.</summary>
    public const ushort Version1 = 1;

    /// <summary>Magic, version and metadata length: the file header bytes before the metadata.</summary>
    public const int FixedHeaderBytes = 4 + 2 + 4;

    /// <summary>Stream id of the link stream (CADUs out, frames in).</summary>
    public const byte LinkStream = 1;

    /// <summary>Stream id of the time-tag stream (12-byte tag records at the seam, compact in a version 2 file).</summary>
    public const byte TimeTagStream = 2;

    /// <summary>Record bytes before the data: stream, direction, pass time, length.</summary>
    public const int RecordHeaderBytes = 1 + 1 + 8 + 4;

    /// <summary>Record bytes besides the data: the header and the CRC-32.</summary>
    public const int RecordOverheadBytes = RecordHeaderBytes + 4;

    /// <summary>Largest data or metadata accepted when reading, so a corrupt length cannot ask for gigabytes.</summary>
    public const int MaxDataBytes = 64 << 20;

    /// <summary>
    /// Largest pass time a record found by the resynchronisation scan may carry (recording-seam.md §Damage): seven days
    /// in ticks. Together with the stream, direction and length checks it keeps random bytes from being taken for a
    /// record header before their CRC is even computed.
    /// </summary>
    public static readonly long MaxResyncPassTimeTicks = TimeSpan.FromDays(7).Ticks;

    /// <summary>True for the versions this build reads.</summary>
    public static bool Reads(ushort version) => version is Version1 or Version;

    /// <summary>The wire id of a seam stream name, or 0 for a stream this format does not know.</summary>
    public static byte StreamId(string stream) => stream switch
    {
        "link" => LinkStream,
        "time-tags" => TimeTagStream,
        _ => 0,
    };

    /// <summary>The seam name of a stream id.</summary>
    public static string StreamName(byte id) => id switch
    {
        LinkStream => "link",
        TimeTagStream => "time-tags",
        _ => $"stream-{id}",
    };
}
