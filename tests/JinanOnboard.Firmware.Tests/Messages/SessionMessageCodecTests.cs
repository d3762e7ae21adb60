using System.Text;
using System.Text.Json;
using JinanOnboard.Primitives.Wire;
using JinanOnboard.Runtime.Messages;

namespace JinanOnboard.Firmware.Tests.Messages;

/// <summary>protocol-spec/messages.md, "Session control, APID 0x030".</summary>
public sealed class SessionMessageCodecTests
{
    [Fact]
    public void Message_types_match_the_spec()
    {
        Assert.Equal(1, SessionMessageTypes.PassStart);
        Assert.Equal(2, SessionMessageTypes.PassComplete);
        Assert.Equal(3, SessionMessageTypes.Summary);
        Assert.Equal(1, SyncWordBatch.MessageType);
        Assert.Equal(1, Housekeeping.MessageType);
    }

    [Fact]
    public void PassStart_encodes_pass_id_duration_and_seed_big_endian()
    {
        byte[] body = new PassStart(1, 2.5, 3).Encode();
        Assert.Equal(Convert.FromHexString("0000000000000001" + "4004000000000000" + "0000000000000003"), body);
        Assert.Equal(new PassStart(1, 2.5, 3), PassStart.Decode(body));
    }

    [Fact]
    public void PassStart_round_trips_extremes()
    {
        var start = new PassStart(ulong.MaxValue, double.Epsilon, ulong.MaxValue - 1);
        Assert.Equal(start, PassStart.Decode(start.Encode()));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void PassStart_rejects_a_duration_that_is_not_positive_and_finite(double durationS)
    {
        byte[] body = new PassStart(1, durationS, 2).Encode();
        Assert.Throws<MalformedMessageException>(() => PassStart.Decode(body));
    }

    [Fact]
    public void PassStart_rejects_truncated_and_trailing_bytes()
    {
        byte[] body = new PassStart(1, 2.5, 3).Encode();
        for (int length = 0; length < body.Length; length++)
        {
            Assert.Throws<MalformedMessageException>(() => PassStart.Decode(body.AsSpan(0, length)));
        }

        Assert.Throws<MalformedMessageException>(() => PassStart.Decode([.. body, 0]));
    }

    [Fact]
    public void PassComplete_encodes_words_and_pass_time_big_endian()
    {
        byte[] body = new PassComplete(9501, 1.0).Encode();
        Assert.Equal(Convert.FromHexString("000000000000251D" + "3FF0000000000000"), body);
        Assert.Equal(new PassComplete(9501, 1.0), PassComplete.Decode(body));
    }

    [Fact]
    public void PassComplete_rejects_truncated_and_trailing_bytes()
    {
        byte[] body = new PassComplete(1, 300).Encode();
        for (int length = 0; length < body.Length; length++)
        {
            Assert.Throws<MalformedMessageException>(() => PassComplete.Decode(body.AsSpan(0, length)));
        }

        Assert.Throws<MalformedMessageException>(() => PassComplete.Decode([.. body, 0xFF]));
    }

    [Fact]
    public void Summary_round_trips_the_required_counters_and_nested_details()
    {
        var values = SessionSummary.RequiredCounters.ToDictionary(name => name, object (_) => 7L);
        values["role"] = "ground";
        values["qber"] = 0.0125;
        values["indexer"] = new Dictionary<string, object> { ["tags"] = 9501UL };
        Dictionary<string, JsonElement> decoded = SessionSummary.Decode(SessionSummary.Encode(values));

        Assert.Equal(7, decoded["malformed_messages"].GetInt64());
        Assert.Equal("ground", decoded["role"].GetString());
        Assert.Equal(0.0125, decoded["qber"].GetDouble());
        Assert.Equal(9501UL, decoded["indexer"].GetProperty("tags").GetUInt64());
        Assert.Equal(SessionSummary.RequiredCounters.Count + 3, decoded.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("{\"a\":1")]
    [InlineData("{\"a\":1}x")]
    [InlineData("not json")]
    public void Summary_rejects_anything_but_a_json_object(string text)
    {
        Assert.Throws<MalformedMessageException>(() => SessionSummary.Decode(Encoding.UTF8.GetBytes(text)));
    }

    [Theory]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("{\"a\":{\"b\":[1,{\"c\":null}]}}")]
    [InlineData("{\"\\ud800\":1}")]
    public void Summary_edge_cases_decode_or_are_malformed_never_another_exception(string text)
    {
        try
        {
            SessionSummary.Decode(Encoding.UTF8.GetBytes(text));
        }
        catch (MalformedMessageException)
        {
        }
    }

    [Fact]
    public void Summary_rejects_invalid_utf8()
    {
        byte[] body = [(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}'];
        Assert.Throws<MalformedMessageException>(() => SessionSummary.Decode(body));
    }
}
