using JinanOnboard.Primitives.Recording;
using JinanOnboard.Primitives.TimeTags;

namespace JinanOnboard.Primitives.Tests.Recording;

/// <summary>The version 2 time-tag record (recording-seam.md §Compact time tags): round trip of any tags, strict decoding.</summary>
public sealed class CompactTimeTagsTests
{
    [Fact]
    public void Any_tags_round_trip_and_both_encoders_agree()
    {
        var random = new Random(18);
        var tags = new List<TimeTag>
        {
            new(0, 0), new(6, 5), new(7, 6), new(-1, 4), new(int.MaxValue, long.MaxValue), new(int.MinValue, long.MinValue),
            new(2, long.MaxValue), new(0, (1L << 61) + 10), new(1, 20),
        };
        long time = 1_000_000;
        for (int i = 0; i < 5000; i++)
        {
            time += random.Next(-1000, 40_000_000);
            tags.Add(new TimeTag(random.Next(-2, 10), time));
        }

        TimeTag[] input = [.. tags];
        byte[] compact = new byte[CompactTimeTags.MaxEncodedLength(input.Length)];
        int written = CompactTimeTags.Encode(input, compact);
        byte[] seam = new byte[input.Length * TimeTagRecords.Bytes];
        TimeTagRecords.Write(input, seam);
        byte[] fromSeam = new byte[compact.Length];
        Assert.Equal(written, CompactTimeTags.EncodeSeamRecords(seam, fromSeam));
        Assert.Equal(compact.AsSpan(0, written).ToArray(), fromSeam.AsSpan(0, written).ToArray());

        var unit = new RecordedUnit("time-tags", TapDirection.Incoming, TimeSpan.Zero, compact[..written], UnitLayout.CompactTimeTags);
        var read = new TimeTag[TimeTagRecords.Count(unit)];
        Assert.Equal(input.Length, TimeTagRecords.Read(unit, read));
        Assert.Equal(input, read);
    }

    [Fact]
    public void Tags_21_us_apart_take_four_bytes()
    {
        TimeTag[] tags = [.. Enumerable.Range(1, 100).Select(i => new TimeTag(i % 5, i * 21_000_000L))];
        byte[] compact = new byte[CompactTimeTags.MaxEncodedLength(tags.Length)];
        // The first tag carries its absolute time (4 bytes here too); every key is 21e6 << 3 | channel < 2^28.
        Assert.Equal(4 + (100 * 4), CompactTimeTags.Encode(tags, compact));
    }

    [Theory]
    [InlineData("020000008000", "key")] // two tags, the second key missing (the first is an overlong 0)
    [InlineData("0100000008FF", "trailing")] // one tag, then a stray byte
    [InlineData("010000000F", "escape")] // key 15: escape code with a delta
    [InlineData("FFFFFF7F00", "cannot fit")] // a count the data cannot hold
    [InlineData("0100", "at least 4")]
    [InlineData("0100000007FEFFFFFF1F00", "i32")] // escaped channel 2^32 - 1
    public void Malformed_data_is_refused_with_InvalidDataException(string hex, string expected)
    {
        byte[] data = Convert.FromHexString(hex);
        var unit = new RecordedUnit("time-tags", TapDirection.Incoming, TimeSpan.Zero, data, UnitLayout.CompactTimeTags);
        InvalidDataException error = Assert.Throws<InvalidDataException>(() => TimeTagRecords.Read(unit, new TimeTag[16]));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_seam_unit_that_is_not_whole_records_is_a_caller_error()
        => Assert.Throws<ArgumentException>(() => CompactTimeTags.EncodeSeamRecords(new byte[13], new byte[64]));
}
