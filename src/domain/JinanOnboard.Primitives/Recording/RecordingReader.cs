using System.IO.Hashing;
using System.Text;
using JinanOnboard.Primitives.Wire;

namespace JinanOnboard.Primitives.Recording;

/// <summary>One recorded seam call.</summary>
/// <param name="Stream">Seam stream name ("link", "time-tags").</param>
/// <param name="Direction">Outgoing or incoming.</param>
/// <param name="PassTime">The pass time the tap was given.</param>
/// <param name="Data">The unit's bytes.</param>
public sealed record RecordedUnit(string Stream, TapDirection Direction, TimeSpan PassTime, byte[] Data);

/// <summary>
/// Reads a recording file (<see cref="RecordingFormat"/>): the metadata JSON, then the records in order. A record that is
/// short or fails its CRC ends the recording (a torn tail from a crash); <see cref="TornTailBytes"/> says how much was left.
/// </summary>
public sealed class RecordingReader : IDisposable
{
    private readonly Stream _in;
    private readonly byte[] _header = new byte[RecordingFormat.RecordHeaderBytes];

    private RecordingReader(Stream input, string metadataJson)
    {
        _in = input;
        MetadataJson = metadataJson;
    }

    /// <summary>The metadata written by the recorder (JSON).</summary>
    public string MetadataJson { get; }

    /// <summary>Bytes after the last whole record (0 for a cleanly closed recording); known once reading has ended.</summary>
    public long TornTailBytes { get; private set; }

    /// <summary>Opens <paramref name="path"/> and checks its file header.</summary>
    /// <exception cref="InvalidDataException">Not a recording, an unknown version, or a damaged header.</exception>
    public static RecordingReader Open(string path)
        => Open(new BufferedStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read), 1 << 20), path);

    /// <summary>
    /// Reads a recording from <paramref name="input"/>, which the reader owns from now on (disposed with it, or at once
    /// when the header is bad); <paramref name="path"/> names it in error messages. The fuzz harness reads from memory.
    /// </summary>
    /// <exception cref="InvalidDataException">Not a recording, an unknown version, or a damaged header.</exception>
    public static RecordingReader Open(Stream input, string path)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            Span<byte> fixedPart = stackalloc byte[10];
            bool whole = input.ReadAtLeast(fixedPart, 10, throwOnEndOfStream: false) == 10;
            var header = new WireReader(fixedPart, "recording header", ByteOrder.LittleEndian);
            if (!whole || header.U32("magic") != RecordingFormat.Magic)
            {
                throw new InvalidDataException($"{path} is not a JinanOnboard recording (no JREC header).");
            }

            ushort version = header.U16("version");
            if (version != RecordingFormat.Version)
            {
                throw new InvalidDataException($"{path} is a version {version} recording; this build reads version {RecordingFormat.Version}.");
            }

            int length = header.I32("metadata_length");
            if (length is < 0 or > RecordingFormat.MaxDataBytes)
            {
                throw new InvalidDataException($"{path}: the recording header is damaged (metadata length {length}).");
            }

            var rest = MayHold(input, length + 4L) ? new byte[length + 4] : null;
            if (rest is null || input.ReadAtLeast(rest, rest.Length, throwOnEndOfStream: false) < rest.Length)
            {
                throw new InvalidDataException($"{path}: the recording header is truncated.");
            }

            var crc = new Crc32();
            crc.Append(fixedPart);
            crc.Append(rest.AsSpan(0, length));
            if (crc.GetCurrentHashAsUInt32() != Crc(rest.AsSpan(length)))
            {
                throw new InvalidDataException($"{path}: the recording header fails its CRC.");
            }

            return new RecordingReader(input, Encoding.UTF8.GetString(rest, 0, length));
        }
        catch
        {
            input.Dispose();
            throw;
        }
    }

    /// <summary>The records in file order, up to the first damaged or truncated one.</summary>
    public IEnumerable<RecordedUnit> ReadAll()
    {
        while (true)
        {
            int got = _in.ReadAtLeast(_header, _header.Length, throwOnEndOfStream: false);
            if (got == 0)
            {
                yield break;
            }

            RecordHeader header = got == _header.Length ? RecordHeader.Read(_header) : new(0, 0, 0, Length: -1);
            int length = header.Length;
            if (length is < 0 or > RecordingFormat.MaxDataBytes || !MayHold(_in, length + 4L))
            {
                // A length past the end is a torn tail, counted as the reads below would count it, without the buffer.
                TornTailBytes = got + Remaining();
                yield break;
            }

            var body = new byte[length + 4];
            int bodyGot = _in.ReadAtLeast(body, body.Length, throwOnEndOfStream: false);
            if (bodyGot < body.Length)
            {
                TornTailBytes = got + bodyGot;
                yield break;
            }

            var crc = new Crc32();
            crc.Append(_header);
            crc.Append(body.AsSpan(0, length));
            if (crc.GetCurrentHashAsUInt32() != Crc(body.AsSpan(length)))
            {
                TornTailBytes = got + bodyGot + Remaining();
                yield break;
            }

            var direction = header.Direction == 0 ? TapDirection.Outgoing : TapDirection.Incoming;
            yield return new RecordedUnit(RecordingFormat.StreamName(header.Stream), direction, TimeSpan.FromTicks(header.PassTimeTicks), body[..length]);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _in.Dispose();

    /// <summary>The CRC-32 that ends the file header and every record (the caller has checked it is there).</summary>
    private static uint Crc(ReadOnlySpan<byte> trailer) => new WireReader(trailer, "recording", ByteOrder.LittleEndian).U32("crc32");

    /// <summary>
    /// False when a seekable input has fewer than <paramref name="count"/> bytes left: the fuzz harness found that a few
    /// bytes claiming a 64 MiB metadata block or record made the reader allocate that much before seeing the end.
    /// </summary>
    private static bool MayHold(Stream input, long count) => !input.CanSeek || input.Length - input.Position >= count;

    private long Remaining()
    {
        long count = 0;
        var scratch = new byte[8192];
        int read;
        while ((read = _in.Read(scratch)) > 0)
        {
            count += read;
        }

        return count;
    }
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
