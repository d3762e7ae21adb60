using JinanOnboard.Primitives.Recording;

namespace JinanOnboard.Primitives.Tests.Recording;

/// <summary>The recording file of protocol-spec/recording-seam.md §File format: layout, round trip, torn tails.</summary>
public sealed class RecordingFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "jinan-rec-" + Guid.NewGuid().ToString("N") + ".jrec");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void The_bytes_are_the_documented_layout()
    {
        using (var writer = new RecordingWriter(_path, "{}"))
        {
            writer.Observe("time-tags", TapDirection.Incoming, TimeSpan.FromTicks(0x0102), [0xAA, 0xBB]);
        }

        // Spec example: header "JREC", version 1, metadata length 2, "{}", CRC-32; record stream 2, direction 1,
        // pass time 0x0102 ticks, length 2, data, CRC-32 (all little-endian). The CRCs were computed independently
        // (Python zlib.crc32, the same IEEE CRC-32).
        Assert.Equal(
            Convert.FromHexString("4A524543" + "0100" + "02000000" + "7B7D" + "1402C27D"
                + "02" + "01" + "0201000000000000" + "02000000" + "AABB" + "9A378BAB"),
            File.ReadAllBytes(_path));
    }

    [Fact]
    public void Units_round_trip_in_call_order_and_unknown_streams_are_counted_not_written()
    {
        using (var writer = new RecordingWriter(_path, """{"role":"ground"}"""))
        {
            writer.Observe("link", TapDirection.Outgoing, TimeSpan.FromSeconds(1), [1, 2, 3]);
            writer.Observe("telemetry", TapDirection.Outgoing, TimeSpan.FromSeconds(1), [9]);
            writer.Observe("time-tags", TapDirection.Incoming, TimeSpan.FromSeconds(2), new byte[100_000]);
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
        Assert.Equal(100_000, units[1].Data.Length);
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
