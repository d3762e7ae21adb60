using JinanOnboard.Primitives.Recording;
using JinanOnboard.Primitives.TimeTags;

namespace JinanOnboard.Primitives.Tests.Recording;

/// <summary>The recording file of protocol-spec/recording-seam.md §File format: layout (v2 and v1), round trip, torn tails.</summary>
public sealed class RecordingFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "jinan-rec-" + Guid.NewGuid().ToString("N") + ".jrec");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void The_bytes_are_the_documented_version_2_layout()
    {
        // recording-seam.md §Worked example: five tags given to the tap as 12-byte seam records.
        TimeTag[] tags = [new(0, 1000), new(3, 2500), new(4, 2501), new(1, 1500), new(9, 1600)];
        byte[] seam = new byte[tags.Length * TimeTagRecords.Bytes];
        TimeTagRecords.Write(tags, seam);
        using (var writer = new RecordingWriter(_path, "{}"))
        {
            writer.Observe("time-tags", TapDirection.Incoming, TimeSpan.FromTicks(0x0102), seam);
        }

        // Header "JREC", version 2, metadata length 2, "{}", CRC-32; record stream 2, direction 1, pass time 0x0102
        // ticks, length 17, the compact tags, CRC-32 (all little-endian). The bytes and CRCs were computed independently
        // (a Python encoder written from the spec, zlib.crc32).
        Assert.Equal(
            Convert.FromHexString("4A524543" + "0200" + "02000000" + "7B7D" + "F7054DF3"
                + "02" + "01" + "0201000000000000" + "11000000"
                + "05000000" + "C03E" + "E35D" + "0C" + "07" + "02" + "D10F" + "07" + "12" + "C801" + "41A4436B"),
            File.ReadAllBytes(_path));

        using RecordingReader reader = RecordingReader.Open(_path);
        RecordedUnit unit = Assert.Single(reader.ReadAll());
        Assert.Equal(UnitLayout.CompactTimeTags, unit.Layout);
        var read = new TimeTag[TimeTagRecords.Count(unit)];
        Assert.Equal(5, TimeTagRecords.Read(unit, read));
        Assert.Equal(tags, read);
    }

    [Fact]
    public void A_version_1_file_from_the_spec_bytes_still_reads()
    {
        // recording-seam.md §File format, version 1 example, plus one 12-byte tag record written from the v1 spec.
        byte[] example = Convert.FromHexString("4A524543" + "0100" + "02000000" + "7B7D" + "1402C27D"
            + "02" + "01" + "0201000000000000" + "02000000" + "AABB" + "9A378BAB");
        byte[] tagRecord = Convert.FromHexString("02" + "01" + "0300000000000000" + "0C000000" + "03000000" + "E803000000000000");
        File.WriteAllBytes(_path, [.. example, .. tagRecord, .. BitConverter.GetBytes(System.IO.Hashing.Crc32.HashToUInt32(tagRecord))]);

        using RecordingReader reader = RecordingReader.Open(_path);
        Assert.Equal(1, reader.Version);
        RecordedUnit[] units = [.. reader.ReadAll()];
        Assert.Equal(2, units.Length);
        Assert.All(units, u => Assert.Equal(UnitLayout.Seam, u.Layout));
        Assert.Equal([0xAA, 0xBB], units[0].Data);
        var tags = new TimeTag[TimeTagRecords.Count(units[1])];
        Assert.Equal(1, TimeTagRecords.Read(units[1], tags));
        Assert.Equal(new TimeTag(3, 1000), tags[0]);
        Assert.Empty(reader.Damage);
        Assert.Equal(0, reader.TornTailBytes);
    }

    [Fact]
    public void A_version_this_build_does_not_read_is_refused_naming_the_offset()
    {
        File.WriteAllBytes(_path, Convert.FromHexString("4A524543" + "0300" + "02000000" + "7B7D" + "00000000"));
        InvalidDataException error = Assert.Throws<InvalidDataException>(() => RecordingReader.Open(_path));
        Assert.Contains("offset 4: a version 3 recording; this build reads versions 1 and 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Units_round_trip_in_call_order_and_unknown_streams_are_counted_not_written()
    {
        using (var writer = new RecordingWriter(_path, """{"role":"ground"}"""))
        {
            writer.Observe("link", TapDirection.Outgoing, TimeSpan.FromSeconds(1), [1, 2, 3]);
            writer.Observe("telemetry", TapDirection.Outgoing, TimeSpan.FromSeconds(1), [9]);
            writer.Observe("time-tags", TapDirection.Incoming, TimeSpan.FromSeconds(2), new byte[100_008]);
            writer.Observe("link", TapDirection.Incoming, TimeSpan.FromSeconds(3), []);
            Assert.Equal(3, writer.Records);
            Assert.Equal(1, writer.UnknownStreamCalls);
        }

        using var reader = RecordingReader.Open(_path);
        Assert.Equal("""{"role":"ground"}""", reader.MetadataJson);
        RecordedUnit[] units = [.. reader.ReadAll()];
        Assert.Equal(["link", "time-tags", "link"], units.Select(u => u.Stream));
        Assert.Equal([TapDirection.Outgoing, TapDirection.Incoming, TapDirection.Incoming], units.Select(u => u.Direction));
        Assert.Equal([1.0, 2.0, 3.0], units.Select(u => u.PassTime.TotalSeconds));
        Assert.Equal([1, 2, 3], units[0].Data);
        Assert.Equal(8334, TimeTagRecords.Count(units[1])); // all at time 0, channel 0: one byte per tag after the count
        Assert.Equal(4 + 8334, units[1].Data.Length);
        Assert.Empty(units[2].Data);
        Assert.Equal(0, reader.TornTailBytes);
    }

    [Fact]
    public void A_torn_or_damaged_last_record_ends_the_recording_at_the_last_whole_one()
    {
        using (var writer = new RecordingWriter(_path, "{}"))
        {
            writer.Observe("link", TapDirection.Outgoing, TimeSpan.Zero, [1, 2, 3]);
            writer.Observe("link", TapDirection.Outgoing, TimeSpan.Zero, [4, 5, 6, 7]);
        }

        byte[] full = File.ReadAllBytes(_path);
        int lastRecord = RecordingFormat.RecordHeaderBytes + 4 + 4;
        for (int cut = 1; cut <= lastRecord; cut++)
        {
            File.WriteAllBytes(_path, full[..^cut]);
            using var reader = RecordingReader.Open(_path);
            Assert.Single(reader.ReadAll());
            Assert.Equal(lastRecord - cut, reader.TornTailBytes);
        }

        byte[] flipped = (byte[])full.Clone();
        flipped[^6] ^= 0x10; // a data byte of the last record
        File.WriteAllBytes(_path, flipped);
        using (var reader = RecordingReader.Open(_path))
        {
            Assert.Single(reader.ReadAll());
            Assert.Equal(lastRecord, reader.TornTailBytes);
        }
    }

    [Fact]
    public void Lengths_past_the_end_of_the_file_are_refused_without_allocating_them()
    {
        // Regression (jrec fuzz mode, slow executions): 10 bytes claiming 64 MiB of metadata, or a record claiming
        // 64 MiB of data, made the reader allocate the whole buffer before it found the file too short.
        File.WriteAllBytes(_path, Convert.FromHexString("4A524543" + "0100" + "00000004"));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var header = Assert.Throws<InvalidDataException>(() => RecordingReader.Open(_path));
        Assert.Contains("truncated", header.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < (4 << 20), "the header's metadata length was allocated");

        using (var writer = new RecordingWriter(_path, "{}"))
        {
            writer.Observe("link", TapDirection.Outgoing, TimeSpan.Zero, [1, 2, 3]);
        }

        byte[] file = File.ReadAllBytes(_path);
        byte[] torn = [.. file, 0x01, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x00, 0x00, 0x04, 0xAA, 0xBB];
        File.WriteAllBytes(_path, torn);
        before = GC.GetAllocatedBytesForCurrentThread();
        using RecordingReader reader = RecordingReader.Open(_path);
        Assert.Single(reader.ReadAll());
        Assert.Equal(torn.Length - file.Length, reader.TornTailBytes);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < (4 << 20), "the torn record's data length was allocated");
    }

    [Fact]
    public void A_file_that_is_not_a_recording_is_refused_with_a_message()
    {
        File.WriteAllText(_path, "{\"report\": 1}");
        InvalidDataException error = Assert.Throws<InvalidDataException>(() => RecordingReader.Open(_path));
        Assert.Contains("not a JinanOnboard recording", error.Message, StringComparison.Ordinal);

        using (var writer = new RecordingWriter(_path, "{\"a\":1}"))
        {
        }

        byte[] bytes = File.ReadAllBytes(_path);
        bytes[11] ^= 0x01; // inside the metadata
        File.WriteAllBytes(_path, bytes);
        error = Assert.Throws<InvalidDataException>(() => RecordingReader.Open(_path));
        Assert.Contains("CRC", error.Message, StringComparison.Ordinal);
    }
}
