using CsCheck;
using JinanOnboard.Primitives.Wire;
using JinanOnboard.Protocol.Delivery;

namespace JinanOnboard.Protocol.Tests.Delivery;

public sealed class PlanAgreementTests
{
    private static readonly Gen<KeyValuePair<string, string>[]> Lists =
        Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 1, 40], Gen.String[0, 60], (k, v) => new KeyValuePair<string, string>(k, v))
            .Array[0, 30]
            .Select(a => a.DistinctBy(e => e.Key, StringComparer.Ordinal).ToArray());

    [Fact]
    public void The_encoding_is_the_one_in_delivery_md()
    {
        // delivery.md "Plan agreement", example: pass.seed = 7, µ = 0.5.
        byte[] body = PlanAgreement.Encode([new("pass.seed", "7"), new("µ", "0.5")]);
        Assert.Equal("0002" + "09" + "706173732E73656564" + "0001" + "37" + "02" + "C2B5" + "0003" + "302E35", Convert.ToHexString(body));
    }

    [Fact]
    public void Lists_round_trip_in_order()
    {
        Lists.Sample(list =>
        {
            PlanAgreement.Validate(list);
            Assert.True(PlanAgreement.TryDecode(PlanAgreement.Encode(list), out List<KeyValuePair<string, string>> decoded, out string problem), problem);
            Assert.Equal(list, decoded);
        }, iter: 300);
    }

    [Fact]
    public void Every_truncation_and_any_trailing_byte_is_refused()
    {
        byte[] body = PlanAgreement.Encode([new("pass.seed", "7"), new("pa.block_bits", "1000000")]);
        for (int length = 0; length < body.Length; length++)
        {
            Assert.False(PlanAgreement.TryDecode(body.AsSpan(0, length), out _, out _), $"prefix of {length} bytes");
        }

        Assert.False(PlanAgreement.TryDecode([.. body, 0], out _, out string problem));
        Assert.Equal("1 bytes after the last entry", problem);
    }

    [Fact]
    public void Every_truncation_point_is_malformed_at_the_field_it_cuts()
    {
        // 0002 | 09 pass.seed | 0001 "7" | 02 "µ" | 0003 "0.5": the field each prefix length cuts, by the spec's layout.
        byte[] body = PlanAgreement.Encode([new("pass.seed", "7"), new("µ", "0.5")]);
        string[] cut = [.. Enumerable.Repeat("n", 2), .. Enumerable.Repeat("entry 0 key", 10), .. Enumerable.Repeat("entry 0 ('pass.seed') value", 3),
            .. Enumerable.Repeat("entry 1 key", 3), .. Enumerable.Repeat("entry 1 ('µ') value", 5)];
        Assert.Equal(body.Length, cut.Length);
        for (int length = 0; length < body.Length; length++)
        {
            MalformedMessageException e = Assert.Throws<MalformedMessageException>(() => PlanAgreement.Decode(body.AsSpan(0, length)));
            Assert.Equal(cut[length], e.Field);
            Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("0001" + "00" + "0000", "entry 0")] // empty key
    [InlineData("0001" + "01" + "C3" + "0000", "entry 0")] // key not UTF-8
    [InlineData("0001" + "01" + "6B" + "0001" + "FF", "entry 0 ('k')")] // value not UTF-8
    [InlineData("0001" + "01" + "6B" + "1001", "entry 0 ('k')")] // value length 4097
    [InlineData("0002" + "01" + "6B" + "0000" + "01" + "6B" + "0000", "key 'k' appears twice")]
    [InlineData("0401", "1025 entries")]
    public void Malformed_bodies_are_refused_with_the_problem(string hex, string expected)
    {
        Assert.False(PlanAgreement.TryDecode(Convert.FromHexString(hex), out _, out string problem));
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_limits_are_accepted_exactly_and_refused_one_beyond()
    {
        string key255 = new('k', 255);
        string value4096 = new('v', 4096);
        KeyValuePair<string, string>[] full = Enumerable.Range(0, 1024).Select(i => new KeyValuePair<string, string>($"k{i}", "")).ToArray();
        PlanAgreement.Validate([new(key255, value4096)]);
        PlanAgreement.Validate(full);
        Assert.True(PlanAgreement.TryDecode(PlanAgreement.Encode([new(key255, value4096)]), out _, out _));

        Assert.Throws<ArgumentException>(() => PlanAgreement.Validate([new(new string('é', 128), "")])); // 256 UTF-8 bytes
        Assert.Throws<ArgumentException>(() => PlanAgreement.Validate([new("k", new string('v', 4097))]));
        Assert.Throws<ArgumentException>(() => PlanAgreement.Validate([.. full, new("one.more", "")]));
        Assert.Throws<ArgumentException>(() => PlanAgreement.Validate([new("", "x")]));
        Assert.Throws<ArgumentException>(() => PlanAgreement.Validate([new("k", "1"), new("k", "2")]));
        Assert.Throws<ArgumentException>(() => PlanAgreement.Validate([new("k", "\uD800")]));
    }

    [Fact]
    public void Invalid_lists_are_refused_when_the_session_is_created()
    {
        var options = new LinkSessionOptions { SessionId = 1, Agreement = [new("pass.seed", "1"), new("pass.seed", "2")] };
        ArgumentException e = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Equal("Agreement key 'pass.seed' appears twice.", e.Message);
    }

    [Fact]
    public void Comparison_ignores_order_and_names_differing_values_then_keys_missing_on_either_side()
    {
        Assert.Empty(PlanAgreement.Compare([new("a", "1"), new("b", "2")], [new("b", "2"), new("a", "1")]));
        Assert.Equal(
            [new PlanDifference("b", "2", "3"), new PlanDifference("c", "x", null), new PlanDifference("d", null, "y")],
            PlanAgreement.Compare([new("a", "1"), new("b", "2"), new("c", "x")], [new("d", "y"), new("b", "3"), new("a", "1")]));
        Assert.Equal([new PlanDifference("a", "1", "1 ")], PlanAgreement.Compare([new("a", "1")], [new("a", "1 ")]));
    }
}
