using JinanOnboard.Primitives.Wire;
using JinanOnboard.Protocol.Messages;
using JinanOnboard.Runtime.Messages;

namespace JinanOnboard.Firmware.Tests.Messages;

/// <summary>protocol-spec/polarization-calibration.md.</summary>
public sealed class PolarizationMessageCodecTests
{
    [Fact]
    public void Apid_and_types_match_the_spec()
    {
        Assert.Equal(0x040, Apids.Polarization);
        Assert.Equal(1, PolarizationMessageTypes.MeasureReference);
        Assert.Equal(2, PolarizationMessageTypes.ReferenceCounts);
        Assert.Equal(3, PolarizationMessageTypes.CalibrationResult);
    }

    [Fact]
    public void MeasureReference_matches_the_spec_example()
    {
        byte[] body = new MeasureReference(5, 2, 1.0).Encode();
        Assert.Equal(Convert.FromHexString("0005" + "02" + "3FF0000000000000"), body);
        Assert.Equal(new MeasureReference(5, 2, 1.0), MeasureReference.Decode(body));
    }

    [Theory]
    [InlineData("0005" + "04" + "3FF0000000000000")] // state above A
    [InlineData("0005" + "02" + "0000000000000000")] // zero dwell
    [InlineData("0005" + "02" + "7FF8000000000000")] // NaN dwell
    [InlineData("0005" + "02" + "3FF000000000000000")] // trailing byte
    [InlineData("0005" + "02" + "3FF00000000000")] // short
    public void MeasureReference_rejects_bodies_outside_the_spec(string hex) =>
        Assert.Throws<MalformedMessageException>(() => MeasureReference.Decode(Convert.FromHexString(hex)));

    [Fact]
    public void ReferenceCounts_round_trip_big_endian()
    {
        var counts = new ReferenceCounts(65535, 3, 1, 2, ulong.MaxValue, 0);
        byte[] body = counts.Encode();
        Assert.Equal(35, body.Length);
        Assert.Equal(Convert.FromHexString("FFFF03" + "0000000000000001" + "0000000000000002" + "FFFFFFFFFFFFFFFF" + "0000000000000000"), body);
        Assert.Equal(counts, ReferenceCounts.Decode(body));
        Assert.Throws<MalformedMessageException>(() => ReferenceCounts.Decode(body.AsSpan(0, 34)));
    }

    [Fact]
    public void CalibrationResult_round_trips_with_reason_and_nan_contrast()
    {
        var result = new CalibrationResult(true, 2, 3, 12.5, 95.0, 170.25, double.NaN, 41.5, "at the source contrast: Z 52.2 dB");
        byte[] body = result.Encode();
        Assert.Equal(46 + "at the source contrast: Z 52.2 dB".Length, body.Length);
        CalibrationResult back = CalibrationResult.Decode(body);
        Assert.Equal(result with { ContrastZDb = 0 }, back with { ContrastZDb = 0 });
        Assert.True(double.IsNaN(back.ContrastZDb));
    }

    [Fact]
    public void CalibrationResult_cuts_a_long_reason_to_255_bytes_at_a_character_boundary()
    {
        string reason = new string('é', 200); // 400 bytes of UTF-8
        CalibrationResult back = CalibrationResult.Decode(new CalibrationResult(false, 0, 0, 0, 0, 0, double.NaN, double.NaN, reason).Encode());
        Assert.Equal(new string('é', 127), back.Reason);
    }

    [Fact]
    public void CalibrationResult_rejects_a_succeeded_byte_other_than_0_or_1_and_infinite_angles()
    {
        byte[] body = new CalibrationResult(true, 1, 1, 0, 0, 0, 30, 30, "").Encode();
        body[0] = 2;
        Assert.Throws<MalformedMessageException>(() => CalibrationResult.Decode(body));
        byte[] infinite = new CalibrationResult(true, 1, 1, double.PositiveInfinity, 0, 0, 30, 30, "").Encode();
        Assert.Throws<MalformedMessageException>(() => CalibrationResult.Decode(infinite));
    }
}
