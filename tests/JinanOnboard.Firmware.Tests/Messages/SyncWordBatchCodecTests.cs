using JinanOnboard.Firmware.Messages;

namespace JinanOnboard.Firmware.Tests.Messages;

/// <summary>protocol-spec/messages.md, "Time synchronisation, APID 0x010".</summary>
public sealed class SyncWordBatchCodecTests
{
    [Fact]
    public void Encodes_big_endian_first_index_count_and_times_as_in_the_spec()
    {
        var batch = new SyncWordBatch(0x0102030405060708, [0, 105_262_400]);

        // u64 first_index | u16 count | count × i64 emission_time_ps
        Assert.Equal(
            Convert.FromHexString("0102030405060708" + "0002" + "0000000000000000" + "0000000006462D40"),
            batch.Encode());
    }

    [Fact]
    public void Round_trips()
    {
        var batch = new SyncWordBatch(ulong.MaxValue - 3, [-5, 0, 105_262_400, long.MaxValue]);
        SyncWordBatch decoded = SyncWordBatch.Decode(batch.Encode());

        Assert.Equal(batch.FirstIndex, decoded.FirstIndex);
        Assert.Equal(batch.EmissionTimesPs, decoded.EmissionTimesPs);
    }

    [Fact]
    public void The_largest_batch_of_9500_words_round_trips()
    {
        long[] times = [.. Enumerable.Range(0, SyncWordBatch.MaxWords).Select(i => i * 105_262_400L)];
        SyncWordBatch decoded = SyncWordBatch.Decode(new SyncWordBatch(7, times).Encode());
        Assert.Equal(times, decoded.EmissionTimesPs);
    }

    [Theory]
    [InlineData("0000000000000000" + "0000")] // count 0
    [InlineData("0000000000000000" + "251D")] // count 9501 > 9500 (body would be long enough to matter only if checked late)
    [InlineData("0000000000000000" + "0002" + "0000000000000005" + "0000000000000005")] // equal times
    [InlineData("0000000000000000" + "0002" + "0000000000000005" + "0000000000000004")] // decreasing times
    [InlineData("0000000000000000" + "0001" + "00000000000000")] // truncated time
    [InlineData("0000000000000000" + "0001" + "0000000000000000" + "00")] // trailing byte
    [InlineData("00000000000000")] // truncated first_index
    [InlineData("")]
    public void Rejects_bodies_that_do_not_follow_the_spec(string hex)
    {
        Assert.Throws<MalformedMessageException>(() => SyncWordBatch.Decode(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Every_strict_prefix_of_a_valid_body_is_malformed()
    {
        byte[] body = new SyncWordBatch(3, [10, 20, 30]).Encode();
        for (int length = 0; length < body.Length; length++)
        {
            Assert.Throws<MalformedMessageException>(() => SyncWordBatch.Decode(body.AsSpan(0, length)));
        }
    }
}
