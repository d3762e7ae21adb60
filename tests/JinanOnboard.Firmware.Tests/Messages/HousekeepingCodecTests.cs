using JinanOnboard.Primitives.Wire;
using JinanOnboard.Runtime.Messages;

namespace JinanOnboard.Firmware.Tests.Messages;

/// <summary>protocol-spec/messages.md, "Telemetry, APID 0x020".</summary>
public sealed class HousekeepingCodecTests
{
    [Fact]
    public void Encodes_role_time_count_and_named_values_big_endian()
    {
        var report = new Housekeeping(1, 1_000_000, [new("pwr", -0.5)]);

        // u8 role | i64 pass_time_us | u16 count | u8 name_length, name, f64 value
        Assert.Equal(
            Convert.FromHexString("01" + "00000000000F4240" + "0001" + "03" + "707772" + "BFE0000000000000"),
            report.Encode());
    }

    [Fact]
    public void Round_trips_with_utf8_names_and_special_values()
    {
        var report = new Housekeeping(0, -12, [
            new("temperature_°C", 21.5),
            new("x", double.NaN),
            new("y", double.NegativeInfinity),
            new(new string('n', 255), double.Epsilon),
        ]);

        Housekeeping decoded = Housekeeping.Decode(report.Encode());

        Assert.Equal(report.Role, decoded.Role);
        Assert.Equal(report.PassTimeUs, decoded.PassTimeUs);
        Assert.Equal(report.Values.Select(v => v.Key), decoded.Values.Select(v => v.Key));
        Assert.Equal(report.Values.Select(v => BitConverter.DoubleToInt64Bits(v.Value)), decoded.Values.Select(v => BitConverter.DoubleToInt64Bits(v.Value)));
    }

    [Fact]
    public void An_empty_report_round_trips()
    {
        Housekeeping decoded = Housekeeping.Decode(new Housekeeping(1, 5, []).Encode());
        Assert.Empty(decoded.Values);
        Assert.Equal(Convert.FromHexString("01" + "0000000000000005" + "0000"), new Housekeeping(1, 5, []).Encode());
    }

    [Theory]
    [InlineData("02" + "0000000000000000" + "0000")] // role 2
    [InlineData("FF" + "0000000000000000" + "0000")] // role 255
    [InlineData("00" + "0000000000000000" + "0001")] // count 1, no entry
    [InlineData("00" + "0000000000000000" + "0001" + "05" + "6162")] // name runs past the end
    [InlineData("00" + "0000000000000000" + "0001" + "01" + "61" + "3FF00000")] // truncated value
    [InlineData("00" + "0000000000000000" + "0000" + "00")] // trailing byte
    [InlineData("00")]
    [InlineData("")]
    public void Rejects_bodies_that_do_not_follow_the_spec(string hex)
    {
        Assert.Throws<MalformedMessageException>(() => Housekeeping.Decode(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Rejects_an_empty_name()
    {
        Assert.Throws<MalformedMessageException>(() =>
            Housekeeping.Decode(Convert.FromHexString("00" + "0000000000000000" + "0001" + "00" + "3FF0000000000000")));
    }

    [Fact]
    public void Encode_refuses_names_the_wire_cannot_carry()
    {
        Assert.Throws<ArgumentException>(() => new Housekeeping(0, 0, [new("", 1)]).Encode());
        Assert.Throws<ArgumentException>(() => new Housekeeping(0, 0, [new(new string('n', 256), 1)]).Encode());
    }

    [Fact]
    public void Every_strict_prefix_of_a_valid_body_is_malformed()
    {
        byte[] body = new Housekeeping(0, 99, [new("a", 1), new("bc", 2)]).Encode();
        for (int length = 0; length < body.Length; length++)
        {
            Assert.Throws<MalformedMessageException>(() => Housekeeping.Decode(body.AsSpan(0, length)));
        }
    }
}
