namespace JinanOnboard.Primitives.Recording;

/// <summary>
/// Constants of the recording file (protocol-spec/recording-seam.md §File format), all integers little-endian:
/// file header <c>"JREC"</c>, u16 version, u32 metadata length, UTF-8 JSON metadata, u32 CRC-32 of everything before it;
/// then one record per <see cref="ITap.Observe"/> call: u8 stream, u8 direction, i64 pass time (100 ns ticks),
/// u32 data length, the data, u32 CRC-32 of the record's preceding bytes.
/// </summary>
public static class RecordingFormat
{
    /// <summary>"JREC" read as a little-endian u32.</summary>
    public const uint Magic = 0x4345524A;

    public const ushort Version = 1;

    /// <summary>Stream id of the link stream (CADUs out, frames in).</summary>
    public const byte LinkStream = 1;

    /// <summary>Stream id of the time-tag stream (12-byte tag records).</summary>
    public const byte TimeTagStream = 2;

    /// <summary>Record bytes before the data: stream, direction, pass time, length.</summary>
    public const int RecordHeaderBytes = 1 + 1 + 8 + 4;

    /// <summary>Largest data or metadata accepted when reading, so a corrupt length cannot ask for gigabytes.</summary>
    public const int MaxDataBytes = 64 << 20;

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
