using JinanOnboard.Primitives.Recording;
using JinanOnboard.Primitives.TimeTags;

namespace JinanOnboard.Primitives.Tests.Recording;

/// <summary>The time-tag stream's 12-byte records (protocol-spec/recording-seam.md): layout and round trip.</summary>
public sealed class TimeTagRecordsTests
{
    [Fact]
    public void Records_are_i32_channel_then_i64_time_little_endian_and_read_back()
    {
        TimeTag[] tags = [new(3, 0x0102030405060708), new(-1, -2)];
        byte[] records = new byte[tags.Length * TimeTagRecords.Bytes];
        TimeTagRecords.Write(tags, records);
        Assert.Equal("03000000" + "0807060504030201" + "FFFFFFFF" + "FEFFFFFFFFFFFFFF", Convert.ToHexString(records));

        var read = new TimeTag[2];
        Assert.Equal(2, TimeTagRecords.Read(records, read));
        Assert.Equal(tags, read);
    }

    [Fact]
    public void A_partial_last_record_is_not_read()
    {
        byte[] records = new byte[TimeTagRecords.Bytes + 5];
        Assert.Equal(1, TimeTagRecords.Read(records, new TimeTag[2]));
    }
}
