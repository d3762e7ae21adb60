using System.Buffers.Binary;
using JinanOnboard.Devices.TimeTagger.Ptu;
using JinanOnboard.Primitives.TimeTags;

namespace JinanOnboard.Devices.Tests.TimeTagger.Ptu;

/// <summary>PtuReader on files of other PicoQuant devices and modes: what it takes, what it skips, what it refuses.</summary>
public sealed class PtuReaderTests
{
    [Theory]
    [InlineData(PtuRecordType.HydraHarpV2T3, 3, "T3-mode PTU file (HydraHarp V2 T3)")]
    [InlineData(PtuRecordType.PicoHarp300T3, 3, "T3-mode PTU file (PicoHarp 300 T3)")]
    [InlineData(PtuRecordType.PicoHarp300T2, 2, "record type PicoHarp 300 T2 is not supported")]
    [InlineData((PtuRecordType)0x00010299, 2, "record type unknown record type 0x00010299 is not supported")]
    public void An_unsupported_mode_is_refused_with_the_mode_named(PtuRecordType type, long mode, string expected)
    {
        byte[] file = PtuFile(type, mode, resolution: 1e-12, []);
        var error = Assert.Throws<InvalidDataException>(() => new PtuReader(new MemoryStream(file), "x.ptu"));
        Assert.StartsWith("x.ptu", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HydraHarp_V1_overflows_count_one_period_of_33552000_units_and_markers_and_other_inputs_are_skipped()
    {
        uint[] records =
        [
            0x8000_0000u | (0x3Fu << 25) | 7, // overflow: V1 counts one whatever the field says
            (2u << 25) | 10, // input 3 = D at 33552000 + 10 units
            0x8000_0000u | (4u << 25) | 11, // marker 4
            (9u << 25) | 12, // input 10: no OGS meaning
            0x8000_0000u | 13, // sync
        ];
        using var reader = new PtuReader(new MemoryStream(PtuFile(PtuRecordType.HydraHarpV1T2, 2, resolution: 4e-12, records)), "v1.ptu");
        var tags = new TimeTag[8];
        Assert.Equal(2, reader.Read(tags));
        Assert.Equal(new TimeTag(2, (33_552_000 + 10) * 4L), tags[0]);
        Assert.Equal(new TimeTag(TimeTag.SyncChannel, (33_552_000 + 13) * 4L), tags[1]);
        Assert.Equal(0, reader.Read(tags));
        Assert.Equal((1, 1, 1), (reader.Overflows, reader.Markers, reader.UnmappedEvents));
        Assert.Equal(4, reader.ResolutionPs);
    }

    [Fact]
    public void A_truncated_file_or_a_fractional_resolution_or_a_foreign_file_is_refused_when_opened()
    {
        byte[] whole = PtuFile(PtuRecordType.HydraHarpV2T2, 2, 1e-12, [1, 2, 3]);
        var truncated = Assert.Throws<InvalidDataException>(() => new PtuReader(new MemoryStream(whole[..^2]), "t.ptu"));
        Assert.Contains("announces 3 records", truncated.Message, StringComparison.Ordinal);

        var fractional = Assert.Throws<InvalidDataException>(() => new PtuReader(new MemoryStream(PtuFile(PtuRecordType.GenericT2, 2, 2.5e-12, [])), "f.ptu"));
        Assert.Contains("not a whole number of picoseconds", fractional.Message, StringComparison.Ordinal);

        var foreign = Assert.Throws<InvalidDataException>(() => new PtuReader(new MemoryStream("PQHISTO\0........"u8.ToArray()), "h.phu"));
        Assert.Contains("not a PicoQuant PTU file", foreign.Message, StringComparison.Ordinal);

        var headerless = Assert.Throws<InvalidDataException>(() => new PtuReader(new MemoryStream(whole[..60]), "h.ptu"));
        Assert.Contains("before its Header_End", headerless.Message, StringComparison.Ordinal);
    }

    /// <summary>A minimal PTU file of another device: the mandatory tags and the given records.</summary>
    private static byte[] PtuFile(PtuRecordType type, long mode, double resolution, uint[] records)
    {
        var header = new PtuHeaderWriter();
        header.AnsiString("File_GUID", "{00000000-0000-0000-0000-000000000000}");
        header.Int("Measurement_Mode", mode);
        header.Int("Measurement_SubMode", 0);
        header.Float("MeasDesc_GlobalResolution", resolution);
        header.Float("MeasDesc_Resolution", resolution);
        header.Int("TTResult_SyncRate", 0);
        header.Int("TTResult_NumberOfRecords", records.Length);
        header.Int("TTResultFormat_TTTRRecType", (long)type);
        header.Int("TTResultFormat_BitsPerRecord", 32);
        header.Empty("Header_End");
        byte[] file = new byte[header.Written.Length + 4 * records.Length];
        header.Written.CopyTo(file);
        for (int i = 0; i < records.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(header.Written.Length + 4 * i), records[i]);
        }

        return file;
    }
}
