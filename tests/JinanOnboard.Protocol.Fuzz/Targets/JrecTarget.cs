using System.Buffers.Binary;
using System.IO.Hashing;
using JinanOnboard.Primitives.Recording;
using JinanOnboard.Primitives.TimeTags;

namespace JinanOnboard.Protocol.Fuzz.Targets;

/// <summary>
/// <c>jrec</c>: the JREC recording reader (recording-seam.md §File format) as <c>jinan replay</c> runs it: the file
/// header, every record (resynchronising over damage), and the time tags of the time-tag stream in either layout. Input: byte 0 flags (bit 0: keep the
/// input's CRC-32s; otherwise the harness recomputes the header's and every whole record's CRC after mutation, so
/// mutated lengths, streams and data reach the parser behind them), the rest is the file. Accepted when the header
/// opens and at least one record reads; the one documented rejection is <see cref="InvalidDataException"/>. Damage and
/// torn-tail accounting must cover the file consistently.
/// </summary>
public sealed class JrecTarget : FuzzTarget
{
    private const byte KeepCrcs = 1;
    private const int FixedHeaderBytes = 4 + 2 + 4;

    public override string Name => "jrec";

    protected override bool Execute(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return false;
        }

        byte[] file = input[1..].ToArray();
        if ((input[0] & KeepCrcs) == 0)
        {
            RepairCrcs(file);
        }

        using RecordingReader reader = RecordingReader.Open(new MemoryStream(file, writable: false), "fuzz input");
        int records = 0;
        var tags = new TimeTag[64];
        foreach (RecordedUnit unit in reader.ReadAll())
        {
            records++;
            if (unit.Stream == RecordingFormat.StreamName(RecordingFormat.TimeTagStream))
            {
                int count = TimeTagRecords.Count(unit);
                if (tags.Length < count)
                {
                    tags = new TimeTag[count];
                }

                TimeTagRecords.Read(unit, tags);
            }
        }

        CheckDamageAccounting(reader, file.Length);
        return records > 0;
    }

    protected override bool IsDocumentedRejection(Exception exception) => exception is InvalidDataException;

    /// <summary>Damaged stretches and the torn tail lie inside the file, in order, without overlapping (recording-seam.md §Damage).</summary>
    private static void CheckDamageAccounting(RecordingReader reader, long fileBytes)
    {
        long end = 0;
        foreach (RecordingDamage damage in reader.Damage)
        {
            if (damage.Offset < end || damage.Length <= 0 || damage.Offset + damage.Length > fileBytes || damage.RecordsLost is <= 0)
            {
                throw new InvalidOperationException($"Damage {damage} in a {fileBytes}-byte file after offset {end}.");
            }

            end = damage.Offset + damage.Length;
        }

        bool torn = reader.TornTailOffset >= 0;
        if (reader.TornTailBytes < 0 || reader.TornTailBytes > fileBytes
            || (torn && (reader.TornTailOffset < end || reader.TornTailOffset + reader.TornTailBytes != fileBytes))
            || (!torn && reader.TornTailBytes != 0))
        {
            throw new InvalidOperationException($"Torn tail of {reader.TornTailBytes} bytes at {reader.TornTailOffset} in a {fileBytes}-byte file.");
        }
    }

    public override IEnumerable<(string Name, byte[] Input)> Seeds()
    {
        byte[] tags = new byte[3 * TimeTagRecords.Bytes];
        TimeTagRecords.Write([new TimeTag(0, 1_000), new TimeTag(3, 2_500), new TimeTag(1, 9_999_999)], tags);
        byte[] recording = Record("""{"role":"ground","seed":42}""", [
            ("link", TapDirection.Outgoing, TimeSpan.FromMilliseconds(1), [0x1A, 0xCF, 0xFC, 0x1D, 1, 2, 3]),
            ("time-tags", TapDirection.Incoming, TimeSpan.FromMilliseconds(2), tags),
            ("link", TapDirection.Incoming, TimeSpan.FromMilliseconds(3), []),
        ]);
        yield return ("valid-three-records", [0, .. recording]);
        yield return ("valid-kept-crcs", [KeepCrcs, .. recording]);
        yield return ("valid-torn-tail", [0, .. recording[..^5]]);
        yield return ("header-only", [0, .. Record("{}", [])]);
        byte[] damaged = (byte[])recording.Clone();
        damaged[^40] ^= 0x5A; // inside the time-tag record: the reader resynchronises on the link record after it
        yield return ("valid-damaged-middle-kept-crcs", [KeepCrcs, .. damaged]);

        // A version 1 file (12-byte tag records; recording-seam.md §File format): the reader still reads it.
        byte[] version1 = Record("{}", [("link", TapDirection.Outgoing, TimeSpan.Zero, [7])]);
        version1[4] = 1;
        byte[] v1Tags = [0x02, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, (byte)tags.Length, 0, 0, 0, .. tags, 0, 0, 0, 0];
        yield return ("valid-version-1-tags", [0, .. version1, .. v1Tags]);
    }

    /// <summary>
    /// Writes the CRC-32 the format puts after the header and after each record wherever the lengths read say it
    /// goes; a length that runs past the end leaves the rest as it is (a torn tail).
    /// </summary>
    private static void RepairCrcs(Span<byte> file)
    {
        if (file.Length < FixedHeaderBytes)
        {
            return;
        }

        long metadataLength = BinaryPrimitives.ReadInt32LittleEndian(file[6..]);
        long position = FixedHeaderBytes + metadataLength;
        if (metadataLength < 0 || position + 4 > file.Length)
        {
            return;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(file[(int)position..], Crc32.HashToUInt32(file[..(int)position]));
        position += 4;
        while (position + RecordingFormat.RecordHeaderBytes <= file.Length)
        {
            long dataLength = BinaryPrimitives.ReadInt32LittleEndian(file[(int)(position + RecordingFormat.RecordHeaderBytes - 4)..]);
            long end = position + RecordingFormat.RecordHeaderBytes + dataLength;
            if (dataLength < 0 || end + 4 > file.Length)
            {
                return;
            }

            BinaryPrimitives.WriteUInt32LittleEndian(file[(int)end..], Crc32.HashToUInt32(file[(int)position..(int)end]));
            position = end + 4;
        }
    }

    /// <summary>A recording made by the project's <see cref="RecordingWriter"/> (it writes files only, so via a temporary one).</summary>
    private static byte[] Record(string metadataJson, (string Stream, TapDirection Direction, TimeSpan PassTime, byte[] Data)[] units)
    {
        string path = Path.Combine(Path.GetTempPath(), $"jinan-fuzz-seed-{Environment.ProcessId}-{Guid.NewGuid():N}.jrec");
        try
        {
            using (var writer = new RecordingWriter(path, metadataJson))
            {
                foreach ((string stream, TapDirection direction, TimeSpan passTime, byte[] data) in units)
                {
                    writer.Observe(stream, direction, passTime, data);
                }
            }

            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
