using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

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
    {
        var input = new BufferedStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read), 1 << 20);
        try
        {
            Span<byte> fixedPart = stackalloc byte[10];
            if (input.ReadAtLeast(fixedPart, 10, throwOnEndOfStream: false) < 10 || BinaryPrimitives.ReadUInt32LittleEndian(fixedPart) != RecordingFormat.Magic)
            {
                throw new InvalidDataException($"{path} is not a JinanOnboard recording (no JREC header).");
            }

            ushort version = BinaryPrimitives.ReadUInt16LittleEndian(fixedPart[4..]);
            if (version != RecordingFormat.Version)
            {
                throw new InvalidDataException($"{path} is a version {version} recording; this build reads version {RecordingFormat.Version}.");
            }

            int length = BinaryPrimitives.ReadInt32LittleEndian(fixedPart[6..]);
            if (length is < 0 or > RecordingFormat.MaxDataBytes)
            {
                throw new InvalidDataException($"{path}: the recording header is damaged (metadata length {length}).");
            }

            var rest = new byte[length + 4];
            if (input.ReadAtLeast(rest, rest.Length, throwOnEndOfStream: false) < rest.Length)
            {
                throw new InvalidDataException($"{path}: the recording header is truncated.");
            }

            var crc = new Crc32();
            crc.Append(fixedPart);
            crc.Append(rest.AsSpan(0, length));
            if (crc.GetCurrentHashAsUInt32() != BinaryPrimitives.ReadUInt32LittleEndian(rest.AsSpan(length)))
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

            int length = got < _header.Length ? -1 : BinaryPrimitives.ReadInt32LittleEndian(_header.AsSpan(10));
            if (length is < 0 or > RecordingFormat.MaxDataBytes)
            {
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
            if (crc.GetCurrentHashAsUInt32() != BinaryPrimitives.ReadUInt32LittleEndian(body.AsSpan(length)))
            {
                TornTailBytes = got + bodyGot + Remaining();
                yield break;
            }

            var direction = _header[1] == 0 ? TapDirection.Outgoing : TapDirection.Incoming;
            yield return new RecordedUnit(
                RecordingFormat.StreamName(_header[0]), direction, TimeSpan.FromTicks(BinaryPrimitives.ReadInt64LittleEndian(_header.AsSpan(2))), body[..length]);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _in.Dispose();

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
