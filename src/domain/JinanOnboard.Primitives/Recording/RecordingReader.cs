using System.IO.Hashing;
using System.Text;
using JinanOnboard.Primitives.TimeTags;
using JinanOnboard.Primitives.Wire;

namespace JinanOnboard.Primitives.Recording;

/// <summary>
/// Reads a recording file (<see cref="RecordingFormat"/>, versions 1 and 2): the metadata JSON, then the records in order.
/// A record that fails its checks starts a damaged stretch: the reader scans forward for the next record whose header is
/// plausible and whose CRC passes, resumes there and notes the stretch in <see cref="Damage"/>; damage that runs to the
/// end of the file is the torn tail a crash leaves (<see cref="TornTailBytes"/>). recording-seam.md §Damage is the rule.
/// </summary>
public sealed class RecordingReader : IDisposable
{
    /// <summary>Bytes read from the file at a time (records are read from this window, not one call each).</summary>
    private const int WindowBytes = 1 << 20;

    private readonly Stream _in;
    private readonly string _path;
    private readonly long _length;
    private readonly List<RecordingDamage> _damage = [];
    private byte[] _window;
    private long _windowStart;
    private int _windowCount;
    private long _firstRecord;

    private RecordingReader(Stream input, string path)
    {
        _in = input;
        _path = path;
        _length = input.Length;
        _window = new byte[(int)Math.Min(WindowBytes, Math.Max(_length, 64))];
    }

    /// <summary>The metadata written by the recorder (JSON).</summary>
    public string MetadataJson { get; private set; } = "";

    /// <summary>The file's format version (1 or 2).</summary>
    public ushort Version { get; private set; }

    /// <summary>Bytes of the file.</summary>
    public long FileBytes => _length;

    /// <summary>Bytes after the last whole record when the damage runs to the end of the file (0 for a cleanly closed recording); known once reading has ended.</summary>
    public long TornTailBytes { get; private set; }

    /// <summary>File offset of the torn tail, or −1 when there is none; known once reading has ended.</summary>
    public long TornTailOffset { get; private set; } = -1;

    /// <summary>Damaged stretches between good records, in file order, found by the read so far.</summary>
    public IReadOnlyList<RecordingDamage> Damage => _damage;

    /// <summary>Opens <paramref name="path"/> and checks its file header.</summary>
    /// <exception cref="InvalidDataException">Not a recording, an unknown version, or a damaged or truncated header; the message names the offset and what was expected.</exception>
    public static RecordingReader Open(string path)
        => Open(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1), path);

    /// <summary>
    /// Reads a recording from <paramref name="input"/>, which the reader owns from now on (disposed with it, or at once
    /// when the header is bad); <paramref name="path"/> names it in error messages. The fuzz harness reads from memory.
    /// A stream that cannot seek is copied into memory first (the resynchronisation scan moves back and forth).
    /// </summary>
    /// <exception cref="InvalidDataException">Not a recording, an unknown version, or a damaged or truncated header.</exception>
    public static RecordingReader Open(Stream input, string path)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!input.CanSeek)
        {
            var copy = new MemoryStream();
            using (input)
            {
                input.CopyTo(copy);
            }

            copy.Position = 0;
            input = copy;
        }

        RecordingReader? reader = null;
        try
        {
            reader = new RecordingReader(input, path);
            reader.ReadFileHeader();
            return reader;
        }
        catch
        {
            if (reader is null)
            {
                input.Dispose();
            }
            else
            {
                reader.Dispose();
            }

            throw;
        }
    }

    /// <summary>The records in file order, from the first: damaged stretches are skipped and noted in <see cref="Damage"/>, a torn tail in <see cref="TornTailBytes"/>.</summary>
    public IEnumerable<RecordedUnit> ReadAll()
    {
        Restart();
        long position = _firstRecord;
        while (Next(ref position, out RecordHeader header))
        {
            byte[] data = Data(position, header).ToArray();
            position += RecordingFormat.RecordOverheadBytes + header.Length;
            var direction = header.Direction == 0 ? TapDirection.Outgoing : TapDirection.Incoming;
            var layout = header.Stream == RecordingFormat.TimeTagStream && Version >= 2 ? UnitLayout.CompactTimeTags : UnitLayout.Seam;
            yield return new RecordedUnit(RecordingFormat.StreamName(header.Stream), direction, TimeSpan.FromTicks(header.PassTimeTicks), data, layout);
        }
    }

    /// <summary>
    /// Reads the whole file without keeping the records, checking the compact time-tag data too, so a caller learns of
    /// damage before it starts any work; returns the good records. <see cref="Damage"/> and the torn tail are then known.
    /// </summary>
    /// <exception cref="InvalidDataException">A record that passes its CRC but whose time-tag data does not follow its layout (named by offset).</exception>
    public long Scan()
    {
        Restart();
        long records = 0;
        long position = _firstRecord;
        TimeTag[] tags = [];
        while (Next(ref position, out RecordHeader header))
        {
            if (header.Stream == RecordingFormat.TimeTagStream && Version >= 2)
            {
                try
                {
                    ReadOnlySpan<byte> data = Data(position, header);
                    int count = CompactTimeTags.Count(data);
                    if (tags.Length < count)
                    {
                        tags = new TimeTag[count];
                    }

                    CompactTimeTags.Decode(data, tags);
                }
                catch (InvalidDataException ex)
                {
                    throw new InvalidDataException($"{_path}: offset {position + RecordingFormat.RecordHeaderBytes}: the time-tag record passes its CRC but its data does not follow the version 2 layout ({ex.Message}).", ex);
                }
            }

            records++;
            position += RecordingFormat.RecordOverheadBytes + header.Length;
        }

        return records;
    }

    /// <inheritdoc />
    public void Dispose() => _in.Dispose();

    private void ReadFileHeader()
    {
        if (!Ensure(0, RecordingFormat.FixedHeaderBytes))
        {
            throw new InvalidDataException($"{_path} is not a JinanOnboard recording: offset 0: expected a {RecordingFormat.FixedHeaderBytes}-byte JREC file header, the file has {_length} bytes.");
        }

        var header = new WireReader(Span(0, RecordingFormat.FixedHeaderBytes), "recording header", ByteOrder.LittleEndian);
        if (header.U32("magic") != RecordingFormat.Magic)
        {
            ReadOnlySpan<byte> found = Span(0, 4);
            string text = string.Concat(found.ToArray().Select(b => b is >= 0x20 and < 0x7F ? (char)b : '.'));
            throw new InvalidDataException($"{_path} is not a JinanOnboard recording: offset 0: expected the magic \"JREC\" (4A524543), found {Convert.ToHexString(found)} (\"{text}\").");
        }

        Version = header.U16("version");
        if (!RecordingFormat.Reads(Version))
        {
            throw new InvalidDataException($"{_path}: offset 4: a version {Version} recording; this build reads versions {RecordingFormat.Version1} and {RecordingFormat.Version}.");
        }

        int length = header.I32("metadata_length");
        if (length is < 0 or > RecordingFormat.MaxDataBytes)
        {
            throw new InvalidDataException($"{_path}: offset 6: the recording header is damaged: metadata length {length}, expected 0…{RecordingFormat.MaxDataBytes}.");
        }

        int headerBytes = RecordingFormat.FixedHeaderBytes + length + 4;
        if (!Ensure(0, headerBytes))
        {
            throw new InvalidDataException($"{_path}: offset {RecordingFormat.FixedHeaderBytes}: the recording header is truncated: expected {length} metadata bytes and a 4-byte CRC, only {_length - RecordingFormat.FixedHeaderBytes} bytes follow.");
        }

        ReadOnlySpan<byte> bytes = Span(0, headerBytes);
        uint computed = Crc32.HashToUInt32(bytes[..^4]);
        uint stored = new WireReader(bytes[^4..], "recording header", ByteOrder.LittleEndian).U32("crc32");
        if (computed != stored)
        {
            throw new InvalidDataException($"{_path}: offset {headerBytes - 4}: the recording header fails its CRC: stored {stored:X8}, expected {computed:X8} from the header's bytes.");
        }

        MetadataJson = Encoding.UTF8.GetString(bytes.Slice(RecordingFormat.FixedHeaderBytes, length));
        _firstRecord = headerBytes;
    }

    private void Restart()
    {
        _damage.Clear();
        TornTailBytes = 0;
        TornTailOffset = -1;
    }

    /// <summary>
    /// Moves <paramref name="position"/> to the next good record (itself, when the record there reads) and returns its
    /// header; false at the end. A record that does not read starts damage: the scan finds the next good record, or the
    /// damage runs to the end and is the torn tail.
    /// </summary>
    private bool Next(ref long position, out RecordHeader header)
    {
        header = default;
        if (position >= _length)
        {
            return false;
        }

        if (TryRecord(position, strict: false, out header))
        {
            return true;
        }

        long found = Resynchronise(position + 1, out header);
        if (found < 0)
        {
            TornTailOffset = position;
            TornTailBytes = _length - position;
            position = _length;
            return false;
        }

        _damage.Add(new RecordingDamage(position, found - position, RecordsLost(position, found)));
        position = found;
        return TryRecord(position, strict: true, out header); // loads it into the window again
    }

    /// <summary>
    /// The first offset from <paramref name="from"/> holding a record with a plausible header (known stream and
    /// direction, pass time 0…<see cref="RecordingFormat.MaxResyncPassTimeTicks"/>, a length that fits) that passes its
    /// CRC, or −1. The plausibility checks reject almost every offset before a CRC is computed.
    /// </summary>
    private long Resynchronise(long from, out RecordHeader header)
    {
        for (long offset = from; offset + RecordingFormat.RecordOverheadBytes <= _length; offset++)
        {
            if (TryRecord(offset, strict: true, out header))
            {
                return offset;
            }
        }

        header = default;
        return -1;
    }

    /// <summary>
    /// How many records a damaged stretch held, when the headers in it are intact: following their lengths from the
    /// stretch's start must land exactly on the next good record. Null when a header in the stretch is itself damaged.
    /// </summary>
    private int? RecordsLost(long from, long to)
    {
        int records = 0;
        for (long offset = from; offset < to; records++)
        {
            if (!Ensure(offset, RecordingFormat.RecordHeaderBytes))
            {
                return null;
            }

            RecordHeader header = RecordHeader.Read(Span(offset, RecordingFormat.RecordHeaderBytes));
            if (!Plausible(header))
            {
                return null;
            }

            offset += RecordingFormat.RecordOverheadBytes + header.Length;
        }

        return to == from ? null : records;
    }

    /// <summary>True when a whole record at <paramref name="offset"/> passes its CRC (and, when strict, has a plausible header).</summary>
    private bool TryRecord(long offset, bool strict, out RecordHeader header)
    {
        header = default;
        if (!Ensure(offset, RecordingFormat.RecordHeaderBytes))
        {
            return false;
        }

        header = RecordHeader.Read(Span(offset, RecordingFormat.RecordHeaderBytes));
        if (strict ? !Plausible(header) : header.Length is < 0 or > RecordingFormat.MaxDataBytes)
        {
            return false;
        }

        int total = RecordingFormat.RecordOverheadBytes + header.Length;
        if (!Ensure(offset, total))
        {
            return false;
        }

        ReadOnlySpan<byte> record = Span(offset, total);
        return Crc32.HashToUInt32(record[..^4]) == new WireReader(record[^4..], "recording record", ByteOrder.LittleEndian).U32("crc32");
    }

    private static bool Plausible(RecordHeader header)
        => header.Stream is RecordingFormat.LinkStream or RecordingFormat.TimeTagStream
            && header.Direction <= 1
            && header.PassTimeTicks >= 0 && header.PassTimeTicks <= RecordingFormat.MaxResyncPassTimeTicks
            && header.Length is >= 0 and <= RecordingFormat.MaxDataBytes;

    private ReadOnlySpan<byte> Data(long recordOffset, RecordHeader header)
    {
        long offset = recordOffset + RecordingFormat.RecordHeaderBytes;
        if (!Ensure(offset, header.Length))
        {
            throw new InvalidOperationException("A record that read is no longer in the file.");
        }

        return Span(offset, header.Length);
    }

    /// <summary>
    /// Makes bytes [offset, offset + count) of the file available in the window; false when the file is shorter. Checks
    /// the length before allocating, so a few bytes claiming a 64 MiB record cost nothing (a fuzz finding).
    /// </summary>
    private bool Ensure(long offset, int count)
    {
        if (offset < 0 || count < 0 || offset + count > _length)
        {
            return false;
        }

        if (offset >= _windowStart && offset + count <= _windowStart + _windowCount)
        {
            return true;
        }

        if (_window.Length < count)
        {
            _window = new byte[Math.Max(count, _window.Length * 2)];
        }

        if (_in.Position != offset)
        {
            _in.Position = offset;
        }

        int want = (int)Math.Min(_window.Length, _length - offset);
        _windowStart = offset;
        _windowCount = _in.ReadAtLeast(_window.AsSpan(0, want), want, throwOnEndOfStream: false);
        return _windowCount >= count;
    }

    private ReadOnlySpan<byte> Span(long offset, int count) => _window.AsSpan((int)(offset - _windowStart), count);
}

/// <summary>The fixed bytes before a record's data (<see cref="RecordingFormat"/>): stream, direction, pass time, length.</summary>
internal readonly record struct RecordHeader(byte Stream, byte Direction, long PassTimeTicks, int Length)
{
    public static RecordHeader Read(ReadOnlySpan<byte> header)
    {
        var reader = new WireReader(header, "recording record", ByteOrder.LittleEndian);
        return new RecordHeader(reader.U8("stream"), reader.U8("direction"), reader.I64("pass_time"), reader.I32("length"));
    }
}
