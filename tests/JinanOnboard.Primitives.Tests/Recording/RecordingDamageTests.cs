using JinanOnboard.Primitives.Recording;
using JinanOnboard.Primitives.TimeTags;

namespace JinanOnboard.Primitives.Tests.Recording;

/// <summary>
/// recording-seam.md §Damage: bytes corrupted in the middle are a damaged stretch the reader skips, resynchronising on
/// the next record that passes its checks; only damage that runs to the end of the file is a torn tail.
/// </summary>
public sealed class RecordingDamageTests : IDisposable
{
    private const int Records = 40;
    private const int DataBytes = 100;
    private const int RecordBytes = RecordingFormat.RecordOverheadBytes + DataBytes;

    private readonly string _path = Path.Combine(Path.GetTempPath(), "jinan-damage-" + Guid.NewGuid().ToString("N") + ".jrec");
    private readonly int _firstRecord;
    private readonly byte[] _clean;

    public RecordingDamageTests()
    {
        using (var writer = new RecordingWriter(_path, "{}"))
        {
            for (int i = 0; i < Records; i++)
            {
                writer.Observe("link", i % 2 == 0 ? TapDirection.Outgoing : TapDirection.Incoming, TimeSpan.FromMilliseconds(i), Enumerable.Repeat((byte)i, DataBytes).ToArray());
            }
        }

        _clean = File.ReadAllBytes(_path);
        _firstRecord = _clean.Length - (Records * RecordBytes);
    }

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Four_corrupted_data_bytes_lose_one_record_and_are_named_not_a_torn_tail()
    {
        long damaged = Offset(12);
        RecordedUnit[] units = ReadCorrupted(damaged + RecordingFormat.RecordHeaderBytes + 30, 4, out RecordingReader reader);
        using (reader)
        {
            Assert.Equal(Records - 1, units.Length);
            Assert.DoesNotContain(units, u => u.Data[0] == 12);
            RecordingDamage damage = Assert.Single(reader.Damage);
            Assert.Equal(new RecordingDamage(damaged, RecordBytes, RecordsLost: 1), damage);
            Assert.Equal(0, reader.TornTailBytes);
            Assert.Equal(-1, reader.TornTailOffset);
        }
    }

    [Fact]
    public void Damage_that_hits_record_headers_resynchronises_and_the_count_is_unknown()
    {
        // 40 bytes from the end of record 5's data into record 6's header (its length field included).
        long start = Offset(6) - 20;
        RecordedUnit[] units = ReadCorrupted(start, 40, out RecordingReader reader);
        using (reader)
        {
            Assert.Equal(Records - 2, units.Length);
            Assert.Equal(Enumerable.Range(0, Records).Where(i => i is not (5 or 6)), units.Select(u => (int)u.Data[0]));
            RecordingDamage damage = Assert.Single(reader.Damage);
            Assert.Equal(Offset(5), damage.Offset);
            Assert.Equal(2 * RecordBytes, damage.Length);
            Assert.Null(damage.RecordsLost);
        }
    }

    [Fact]
    public void Two_damaged_stretches_and_a_torn_tail_are_each_reported()
    {
        byte[] bytes = (byte[])_clean.Clone();
        bytes[Offset(3) + 50] ^= 0xFF;
        bytes[Offset(20) + 60] ^= 0xFF;
        bytes[Offset(21) + 60] ^= 0xFF;
        File.WriteAllBytes(_path, bytes[..^30]); // record 39 torn
        using RecordingReader reader = RecordingReader.Open(_path);
        Assert.Equal(Records - 4, reader.ReadAll().Count()); // records 3, 20, 21 and the torn 39
        Assert.Equal([new RecordingDamage(Offset(3), RecordBytes, 1), new RecordingDamage(Offset(20), 2 * RecordBytes, 2)], reader.Damage);
        Assert.Equal(Offset(39), reader.TornTailOffset);
        Assert.Equal(RecordBytes - 30, reader.TornTailBytes);

        // The scan before work finds the same, and a second read starts afresh.
        Assert.Equal(Records - 4, reader.Scan());
        Assert.Equal(2, reader.Damage.Count);
    }

    [Fact]
    public void Zeroed_bytes_running_to_the_end_are_a_torn_tail()
    {
        byte[] bytes = (byte[])_clean.Clone();
        Array.Clear(bytes, (int)Offset(30) + 3, bytes.Length - (int)Offset(30) - 3);
        File.WriteAllBytes(_path, bytes);
        using RecordingReader reader = RecordingReader.Open(_path);
        Assert.Equal(30, reader.ReadAll().Count());
        Assert.Empty(reader.Damage);
        Assert.Equal(Offset(30), reader.TornTailOffset);
        Assert.Equal(bytes.Length - Offset(30), reader.TornTailBytes);
    }

    [Fact]
    public void A_compact_tag_record_that_passes_its_crc_but_breaks_its_layout_fails_the_scan_naming_the_offset()
    {
        byte[] seam = new byte[2 * TimeTagRecords.Bytes];
        TimeTagRecords.Write([new TimeTag(1, 10), new TimeTag(2, 20)], seam);
        using (var writer = new RecordingWriter(_path, "{}"))
        {
            writer.Observe("time-tags", TapDirection.Incoming, TimeSpan.Zero, seam);
        }

        byte[] bytes = File.ReadAllBytes(_path);
        int data = bytes.Length - 4 - 6; // count (4) + two 1-byte keys, then the CRC
        bytes[data] = 3; // a count of 3 with only two keys
        uint crc = System.IO.Hashing.Crc32.HashToUInt32(bytes.AsSpan(data - RecordingFormat.RecordHeaderBytes, RecordingFormat.RecordHeaderBytes + 6));
        BitConverter.GetBytes(crc).CopyTo(bytes, bytes.Length - 4);
        File.WriteAllBytes(_path, bytes);
        using RecordingReader reader = RecordingReader.Open(_path);
        InvalidDataException error = Assert.Throws<InvalidDataException>(() => reader.Scan());
        Assert.Contains($"offset {data}:", error.Message, StringComparison.Ordinal);
    }

    private long Offset(int record) => _firstRecord + ((long)record * RecordBytes);

    private RecordedUnit[] ReadCorrupted(long offset, int count, out RecordingReader reader)
    {
        byte[] bytes = (byte[])_clean.Clone();
        for (int i = 0; i < count; i++)
        {
            bytes[offset + i] ^= 0xA5;
        }

        File.WriteAllBytes(_path, bytes);
        reader = RecordingReader.Open(_path);
        return [.. reader.ReadAll()];
    }
}
