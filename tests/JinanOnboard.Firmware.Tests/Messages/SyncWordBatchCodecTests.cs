using JinanOnboard.Primitives.Wire;
using JinanOnboard.Runtime.Messages;

namespace JinanOnboard.Firmware.Tests.Messages;

/// <summary>protocol-spec/messages.md, "Time synchronisation, APID 0x010".</summary>
public sealed class SyncWordBatchCodecTests
{
    [Fact]
    public void Encodes_first_index_count_first_time_step_and_zigzag_residuals_as_in_the_spec()
    {
        // Step = (last − first) / (count − 1) = 105 262 401; residuals −1 and +1 → zigzag 1 and 2.
        var batch = new SyncWordBatch(0x0102030405060708, [0, 105_262_400, 210_524_802]);

        // u64 first_index | u16 count | i64 first_time_ps | i64 step_ps | (count − 1) × zigzag varint residual
        Assert.Equal(
            Convert.FromHexString("0102030405060708" + "0003" + "0000000000000000" + "0000000006462D41" + "01" + "02"),
            batch.Encode());
    }

    [Fact]
    public void A_periodic_batch_costs_one_byte_per_word_after_the_first()
    {
        long[] times = [.. Enumerable.Range(0, 950).Select(i => 7_000 + (i * 105_262_400L))];
        Assert.Equal(8 + 2 + 8 + 8 + 949, new SyncWordBatch(0, times).Encode().Length);
    }

    [Fact]
    public void Times_that_do_not_increase_are_refused_at_encoding()
    {
        Assert.Throws<ArgumentException>(() => new SyncWordBatch(0, [5, 5]).Encode());
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
    [InlineData("0000000000000000" + "0002" + "0000000000000005" + "0000000000000001" + "01")] // equal times (step 1, residual −1)
    [InlineData("0000000000000000" + "0002" + "0000000000000005" + "0000000000000001" + "03")] // decreasing times (residual −2)
    [InlineData("0000000000000000" + "0001" + "0000000000000005" + "0000000000000000")] // step 0
    [InlineData("0000000000000000" + "0001" + "0000000000000005" + "8000000000000000")] // negative step
    [InlineData("0000000000000000" + "0002" + "7FFFFFFFFFFFFFFF" + "0000000000000001" + "00")] // time overflows
    [InlineData("0000000000000000" + "0002" + "0000000000000000" + "0000000000000001" + "80")] // truncated varint
    [InlineData("0000000000000000" + "0002" + "0000000000000000" + "0000000000000001" + "FFFFFFFFFFFFFFFFFF02")] // varint over 64 bits
    [InlineData("0000000000000000" + "0001" + "00000000000000")] // truncated time
    [InlineData("0000000000000000" + "0001" + "0000000000000000" + "0000000000000001" + "00")] // trailing byte
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
