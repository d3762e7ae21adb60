using System.Globalization;
using System.Text;
using JinanOnboard.Devices.Simulated.PiE727;
using JinanOnboard.Primitives.Randomness;

namespace JinanOnboard.Devices.Tests.PiE727;

/// <summary>
/// The simulated E-727 reads MOV targets to exactly the double <c>double.TryParse</c> (NumberStyles.Float, invariant)
/// gave before its fast path (issue 16): the bench's mirror must move to the same bits.
/// </summary>
public sealed class GcsDecimalParserTests
{
    public static TheoryData<string> Texts => new(
        "0", "-0", "+0", "1", "-1", "0.5", "-.5", ".5", "5.", "+1.25", "0.000000001", "-0.123456789", "0.1", "0.3",
        "9007199254740992", "9007199254740993", "900719925474099.3", "0.9007199254740993", "1234567890123456789",
        "12345678901234567890", "0.0000000000000000000001", "0.00000000000000000000001", "00000000000000000001.5",
        "1e3", "1E-3", "-2.5e+2", "Infinity", "-Infinity", "NaN", "1..2", "1.2.3", "--1", "-", ".", "", "1 ", " 1",
        "1\t", "0x10", "1,5", "1_0", "+-1");

    [Theory]
    [MemberData(nameof(Texts))]
    public void Awkward_texts_read_as_the_BCL_reads_them(string text)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(text);
        bool expectedOk = double.TryParse(bytes, NumberStyles.Float, CultureInfo.InvariantCulture, out double expected);

        bool ok = GcsDecimalParser.TryParse(bytes, out double value);

        Assert.Equal(expectedOk, ok);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(value));
    }

    [Fact]
    public void Driver_formatted_targets_take_the_fast_path_and_give_the_BCL_bits()
    {
        // What the fine loop sends: "0.#########" of targets across the mirror's ±range in mrad, and raw digit strings.
        var random = new SplitMix64(0x51_E727);
        int mismatches = 0;
        string firstMismatch = "";
        for (int i = 0; i < 200_000; i++)
        {
            double target = ((random.NextDouble() * 2) - 1) * Math.Pow(10, (i % 7) - 4);
            string text = i % 2 == 0
                ? target.ToString("0.#########", CultureInfo.InvariantCulture)
                : target.ToString("0.#################", CultureInfo.InvariantCulture);
            byte[] bytes = Encoding.ASCII.GetBytes(text);
            double.TryParse(bytes, NumberStyles.Float, CultureInfo.InvariantCulture, out double expected);
            bool fast = GcsDecimalParser.TryParseFast(bytes, out double value);
            bool plainShort = text.Replace("-", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal).Length <= 15;
            if ((plainShort && !fast) || (fast && BitConverter.DoubleToInt64Bits(value) != BitConverter.DoubleToInt64Bits(expected)))
            {
                if (mismatches++ == 0)
                {
                    firstMismatch = $"{text}: fast={fast} {value:R} vs {expected:R}";
                }
            }
        }

        Assert.True(mismatches == 0, $"{mismatches} mismatches, first {firstMismatch}");
    }
}
