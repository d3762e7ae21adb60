using System.Text.RegularExpressions;
using JinanOnboard.Devices.TimeTagger.Ptu;
using JinanOnboard.Primitives.TimeTags;

namespace JinanOnboard.Devices.Tests.TimeTagger.Ptu;

/// <summary>PtuWriter then PtuReader gives back exactly the tags written, and the header says what the PTU format asks for.</summary>
public sealed class PtuRoundTripTests
{
    private const long Period = 1L << 25; // ps per HydraHarp T2 overflow

    [Fact]
    public void Tags_come_back_identical_across_overflows_and_long_gaps()
    {
        var random = new Random(18);
        var tags = new List<TimeTag> { new(TimeTag.SyncChannel, 0), new(0, 0), new(3, Period - 1), new(1, Period) };
        long time = Period;
        for (int i = 0; i < 20_000; i++)
        {
            // Mostly dense tags, now and then a gap of many periods, twice a gap beyond what one overflow record counts
            // (2^25 - 1 periods ≈ 1126 s): it takes two overflow records.
            time += i % 5000 == 4999 ? 3_000_000_000_000_000L : i % 97 == 0 ? random.NextInt64(Period * 50) : random.Next(100_000);
            tags.Add(new TimeTag(random.Next(5), time));
        }

        tags.Add(new TimeTag(2, time - 5)); // earlier than the tag before it, same period: kept as it is
        byte[] file = Write(tags, out long records);

        using var reader = new PtuReader(new MemoryStream(file), "memory.ptu");
        Assert.Equal(records, reader.NumberOfRecords);
        Assert.Equal(1, reader.ResolutionPs);
        var back = new List<TimeTag>();
        var batch = new TimeTag[777];
        for (int n; (n = reader.Read(batch)) > 0;)
        {
            back.AddRange(batch.AsSpan(0, n).ToArray());
        }

        Assert.Equal(tags, back);
        Assert.Equal(time / Period, reader.Overflows);
        Assert.Equal(0, reader.Markers + reader.UnmappedEvents);
        Assert.True(records - tags.Count >= 4, "the long gaps need more than one overflow record each");
    }

    [Fact]
    public void The_header_holds_the_mandatory_tags_with_their_types()
    {
        TimeTag[] tags = [.. Enumerable.Range(0, 951).Select(i => new TimeTag(TimeTag.SyncChannel, i * 105_262_000L))];
        byte[] file = Write(tags, out long records);
        PtuHeader header = PtuHeader.Read(new MemoryStream(file), "memory.ptu");

        Assert.Equal("1.0.00", header.Version);
        Assert.Equal("PQTTTR"u8.ToArray(), file[..6]);
        Assert.Matches(new Regex("^\\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\\}$"), Tag(header, "File_GUID", PtuTagType.AnsiString).Text);
        Assert.Equal(PtuFormat.T2Mode, Tag(header, "Measurement_Mode", PtuTagType.Int8).Integer);
        Assert.Equal(0, Tag(header, "Measurement_SubMode", PtuTagType.Int8).Integer);
        Assert.Equal(1e-12, Tag(header, "MeasDesc_GlobalResolution", PtuTagType.Float8).Float);
        Assert.Equal(1e-12, Tag(header, "MeasDesc_Resolution", PtuTagType.Float8).Float);
        Assert.Equal((long)PtuRecordType.HydraHarpV2T2, Tag(header, "TTResultFormat_TTTRRecType", PtuTagType.Int8).Integer);
        Assert.Equal(32, Tag(header, "TTResultFormat_BitsPerRecord", PtuTagType.Int8).Integer);
        Assert.Equal(records, Tag(header, "TTResult_NumberOfRecords", PtuTagType.Int8).Integer);
        Assert.Equal(9500, Tag(header, "TTResult_SyncRate", PtuTagType.Int8).Integer); // 950 periods of 105.262 µs
        Assert.Equal(100, Tag(header, "MeasDesc_AcquisitionTime", PtuTagType.Int8).Integer); // ms, rounded up
        Assert.Equal("a comment", Tag(header, "File_Comment", PtuTagType.AnsiString).Text);
        Assert.Equal(PtuTagType.Empty8, header.Tags[^1].Type);
        Assert.Equal("Header_End", header.Tags[^1].Ident);
        Assert.Equal(0, header.Length % 8);
        Assert.Equal(file.Length, header.Length + records * PtuFormat.RecordBytes);
    }

    [Fact]
    public void The_same_tags_give_the_same_bytes_and_other_tags_another_guid()
    {
        TimeTag[] tags = [new(0, 5), new(4, 9)];
        Assert.Equal(Write(tags, out _), Write(tags, out _));
        PtuHeader a = PtuHeader.Read(new MemoryStream(Write(tags, out _)), "a");
        PtuHeader b = PtuHeader.Read(new MemoryStream(Write([new(0, 6), new(4, 9)], out _)), "b");
        Assert.NotEqual(a.Find("File_GUID")!.Text, b.Find("File_GUID")!.Text);
    }

    [Fact]
    public void The_guid_is_the_content_hash_export_md_describes()
    {
        byte[] file = Write([new(0, 5), new(4, 9), new(1, 1L << 30)], out _);
        PtuHeader header = PtuHeader.Read(new MemoryStream(file), "g.ptu");

        // The header as first written: the GUID placeholder, and 0 for the figures that need the records.
        byte[] hashed = (byte[])file.Clone();
        int guid = System.Text.Encoding.ASCII.GetString(file).IndexOf(header.Find("File_GUID")!.Text!, StringComparison.Ordinal);
        System.Text.Encoding.ASCII.GetBytes("{00000000-0000-0000-0000-000000000000}").CopyTo(hashed, guid);
        foreach (string figure in (string[])["MeasDesc_AcquisitionTime", "TTResult_SyncRate", "TTResult_NumberOfRecords"])
        {
            int tag = System.Text.Encoding.ASCII.GetString(file).IndexOf(figure + "\0", StringComparison.Ordinal);
            Array.Clear(hashed, tag + PtuFormat.TagBytes - 8, 8);
        }

        string hex = Convert.ToHexString(System.IO.Hashing.XxHash128.Hash(hashed));
        Assert.Equal($"{{{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}}}", header.Find("File_GUID")!.Text);
    }

    [Fact]
    public void The_writer_refuses_what_a_T2_file_cannot_hold()
    {
        using var stream = new MemoryStream();
        using var writer = new PtuWriter(stream, new PtuWriterOptions("x"));
        Assert.Contains("channel 5", Assert.Throws<ArgumentException>(() => writer.Write([new TimeTag(5, 1)])).Message, StringComparison.Ordinal);
        writer.Write([new TimeTag(0, 3 * Period)]);
        Assert.Contains("goes back", Assert.Throws<ArgumentException>(() => writer.Write([new TimeTag(0, Period)])).Message, StringComparison.Ordinal);
    }

    internal static byte[] Write(IEnumerable<TimeTag> tags, out long records, PtuWriterOptions? options = null)
    {
        using var stream = new MemoryStream();
        using (var writer = new PtuWriter(stream, options ?? new PtuWriterOptions("a comment")))
        {
            writer.Write([.. tags]);
            writer.Complete();
            records = writer.Records;
        }

        return stream.ToArray();
    }

    private static PtuTag Tag(PtuHeader header, string ident, PtuTagType type)
    {
        PtuTag tag = header.Find(ident) ?? throw new Xunit.Sdk.XunitException($"no {ident} tag");
        Assert.Equal(type, tag.Type);
        return tag;
    }
}
