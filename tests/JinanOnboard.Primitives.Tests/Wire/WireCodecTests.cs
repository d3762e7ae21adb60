using System.Buffers;
using JinanOnboard.Primitives.Wire;

namespace JinanOnboard.Primitives.Tests.Wire;

/// <summary>The one message codec: field layouts in both byte orders, and every kind of bad body as the one exception.</summary>
public sealed class WireCodecTests
{
    // One field of each kind; the offsets are where each starts in the body (varint 300 takes 2 bytes, "é" 1 + 2).
    private static readonly (string Field, int Start)[] Layout =
        [("u8", 0), ("flag", 1), ("u16", 2), ("u32", 4), ("u64", 8), ("i32", 16), ("i64", 20), ("f64", 28), ("var", 36), ("zigzag", 38), ("name", 39), ("raw", 42)];

    private const string BigEndianBody = "01" + "01" + "0203" + "04050607" + "08090A0B0C0D0E0F" + "FFFFFFFE" + "FFFFFFFFFFFFFFFD"
        + "3FF0000000000000" + "AC02" + "01" + "02C3A9" + "AABB";

    private const string LittleEndianBody = "01" + "01" + "0302" + "07060504" + "0F0E0D0C0B0A0908" + "FEFFFFFF" + "FDFFFFFFFFFFFFFF"
        + "000000000000F03F" + "AC02" + "01" + "02C3A9" + "AABB";

    [Theory]
    [InlineData(ByteOrder.BigEndian, BigEndianBody)]
    [InlineData(ByteOrder.LittleEndian, LittleEndianBody)]
    public void Every_field_kind_has_the_documented_bytes_and_reads_back(ByteOrder order, string hex)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new WireWriter(buffer, order);
        WriteSample(ref writer);
        Assert.Equal(hex, Convert.ToHexString(buffer.WrittenSpan));
        Assert.Equal(buffer.WrittenCount, writer.Written);

        var reader = new WireReader(buffer.WrittenSpan, "sample", order);
        ReadSample(ref reader);
        reader.End();
    }

    [Fact]
    public void A_fixed_destination_gets_the_same_bytes_and_too_small_a_one_is_the_callers_bug()
    {
        Span<byte> destination = stackalloc byte[44];
        var writer = new WireWriter(destination);
        WriteSample(ref writer);
        Assert.Equal(BigEndianBody, Convert.ToHexString(destination));

        byte[] small = new byte[3];
        Assert.Throws<ArgumentException>(() =>
        {
            var tooSmall = new WireWriter(small);
            tooSmall.U16(1);
            tooSmall.U16(2);
        });
    }

    [Fact]
    public void Every_truncation_point_is_malformed_naming_the_field_it_cuts()
    {
        byte[] body = Convert.FromHexString(BigEndianBody);
        for (int length = 0; length < body.Length; length++)
        {
            byte[] truncated = body[..length];
            MalformedMessageException ex = Assert.Throws<MalformedMessageException>(() =>
            {
                var reader = new WireReader(truncated, "sample");
                ReadSample(ref reader);
            });
            (string field, int start) = Layout.Last(f => f.Start <= length);
            Assert.Equal(field, ex.Field);
            Assert.Equal("sample", ex.MessageName);
            Assert.InRange(ex.Offset, start, length);
            Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Trailing_bytes_are_malformed()
    {
        byte[] body = [.. Convert.FromHexString(BigEndianBody), 0];
        MalformedMessageException ex = Assert.Throws<MalformedMessageException>(() =>
        {
            var reader = new WireReader(body, "sample");
            ReadSample(ref reader);
            reader.End();
        });
        Assert.Equal(body.Length - 1, ex.Offset);
        Assert.Contains("1 unexpected trailing bytes", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("02", "flag", 0)] // a flag is 0 or 1
    [InlineData("0103", "kind", 1)] // an enum value above the highest
    [InlineData("01000000", "count", 2)] // a count below its minimum
    [InlineData("01000001" + "FFFFFFFF", "big", 4)] // a u32 above int.MaxValue
    [InlineData("01000001" + "00000000" + "8000000000000000", "huge", 8)] // a u64 above long.MaxValue
    public void Values_outside_their_range_are_malformed_at_their_field(string hex, string field, int offset)
    {
        byte[] body = Convert.FromHexString(hex);
        MalformedMessageException ex = Assert.Throws<MalformedMessageException>(() =>
        {
            var reader = new WireReader(body, "bounds");
            _ = reader.Bool("flag");
            _ = reader.BoundedU8("kind", 0, 2);
            _ = reader.BoundedU16("count", 1, 10);
            _ = reader.BoundedU32("big", 0, int.MaxValue);
            _ = reader.BoundedU64("huge", 0, long.MaxValue);
        });
        Assert.Equal(field, ex.Field);
        Assert.Equal(offset, ex.Offset);
        Assert.Contains("outside", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("80808080808080808080")] // an 11th byte announced
    [InlineData("FFFFFFFFFFFFFFFFFF02")] // bit 64 set
    public void Overlong_varints_are_malformed(string hex)
    {
        byte[] body = Convert.FromHexString(hex);
        MalformedMessageException ex = Assert.Throws<MalformedMessageException>(() => new WireReader(body, "varints").VarUInt("v"));
        Assert.Contains("varint longer than 10 bytes or above 64 bits", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, ex.Offset);
    }

    [Fact]
    public void The_largest_varint_takes_ten_bytes()
    {
        var buffer = new ArrayBufferWriter<byte>();
        new WireWriter(buffer).VarUInt(ulong.MaxValue);
        Assert.Equal("FFFFFFFFFFFFFFFFFF01", Convert.ToHexString(buffer.WrittenSpan));
        Assert.Equal(ulong.MaxValue, new WireReader(buffer.WrittenSpan, "varints").VarUInt("v"));
    }

    [Theory]
    [InlineData("00", "1..3")] // empty
    [InlineData("04616263", "1..3")] // longer than the field allows
    [InlineData("02C328", "not UTF-8")] // a broken two-byte sequence
    public void Names_that_are_empty_too_long_or_not_utf8_are_malformed(string hex, string problem)
    {
        byte[] body = Convert.FromHexString(hex);
        MalformedMessageException ex = Assert.Throws<MalformedMessageException>(() => new WireReader(body, "names").LengthPrefixedUtf8("name", 3));
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_the_format_cannot_carry_is_refused_when_writing()
    {
        Assert.Throws<ArgumentException>(() => new WireWriter(new ArrayBufferWriter<byte>()).LengthPrefixedUtf8("", 3));
        Assert.Throws<ArgumentException>(() => new WireWriter(new ArrayBufferWriter<byte>()).LengthPrefixedUtf8("abcd", 3));
    }

    [Fact]
    public void Text_with_a_u16_length_is_big_endian_length_then_utf8_and_may_be_empty()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new WireWriter(buffer);
        writer.U16LengthPrefixedUtf8("0.5", 300);
        writer.U16LengthPrefixedUtf8("", 300);
        writer.U16LengthPrefixedUtf8(new string('v', 300), 300);
        Assert.Equal("0003302E35" + "0000" + "012C", Convert.ToHexString(buffer.WrittenSpan[..9]));

        var reader = new WireReader(buffer.WrittenSpan, "values");
        Assert.Equal("0.5", reader.U16LengthPrefixedUtf8("value", 300));
        Assert.Equal("", reader.U16LengthPrefixedUtf8("value", 300));
        Assert.Equal(new string('v', 300), reader.U16LengthPrefixedUtf8("value", 300));
        reader.End();
    }

    [Theory]
    [InlineData("012D", 0, "301 outside 0..300")] // longer than the field allows, refused before the text is read
    [InlineData("0002C328", 2, "not UTF-8")] // a broken two-byte sequence, located at the text
    [InlineData("00", 0, "truncated")] // the length itself cut
    [InlineData("000361", 2, "truncated")] // the text cut
    public void Text_with_a_u16_length_that_is_too_long_cut_or_not_utf8_is_malformed(string hex, int offset, string problem)
    {
        byte[] body = Convert.FromHexString(hex);
        MalformedMessageException ex = Assert.Throws<MalformedMessageException>(() => new WireReader(body, "values").U16LengthPrefixedUtf8("value", 300));
        Assert.Equal(("value", offset), (ex.Field, ex.Offset));
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_longer_than_its_u16_limit_is_refused_when_writing()
    {
        Assert.Throws<ArgumentException>(() => new WireWriter(new ArrayBufferWriter<byte>()).U16LengthPrefixedUtf8("abcd", 3));
    }

    [Fact]
    public void A_decoders_own_check_is_located_at_the_field_read_last()
    {
        byte[] body = Convert.FromHexString("07" + "00000009");
        var reader = new WireReader(body, "checks");
        _ = reader.U8("first");
        _ = reader.U32("second");
        MalformedMessageException ex = reader.Fail("second", "disagrees with first");
        Assert.Equal(1, ex.Offset);
        Assert.Equal("checks: second at byte 1: disagrees with first", ex.Message);
    }

    private static void WriteSample(ref WireWriter writer)
    {
        writer.U8(1);
        writer.Bool(true);
        writer.U16(0x0203);
        writer.U32(0x04050607);
        writer.U64(0x08090A0B0C0D0E0F);
        writer.I32(-2);
        writer.I64(-3);
        writer.F64(1.0);
        writer.VarUInt(300);
        writer.VarInt(-1);
        writer.LengthPrefixedUtf8("é", 8);
        writer.Bytes([0xAA, 0xBB]);
    }

    private static void ReadSample(ref WireReader reader)
    {
        Assert.Equal(1, reader.U8("u8"));
        Assert.True(reader.Bool("flag"));
        Assert.Equal(0x0203, reader.U16("u16"));
        Assert.Equal(0x04050607u, reader.U32("u32"));
        Assert.Equal(0x08090A0B0C0D0E0FUL, reader.U64("u64"));
        Assert.Equal(-2, reader.I32("i32"));
        Assert.Equal(-3, reader.I64("i64"));
        Assert.Equal(1.0, reader.F64("f64"));
        Assert.Equal(300UL, reader.VarUInt("var"));
        Assert.Equal(-1, reader.VarInt("zigzag"));
        Assert.Equal("é", reader.LengthPrefixedUtf8("name", 8));
        Assert.Equal([0xAA, 0xBB], reader.Bytes(2, "raw").ToArray());
    }
}
