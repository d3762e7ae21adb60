using JinanOnboard.Orbit.TwoLineElements;
using static JinanOnboard.Orbit.Tests.TwoLineElements.TleTestLines;

namespace JinanOnboard.Orbit.Tests.TwoLineElements;

public sealed class TleParseTests
{
    [Fact]
    public void Parses_every_field_of_vanguard_1()
    {
        var tle = Tle.Parse(Vanguard1, Vanguard2, "VANGUARD 1");

        Assert.Equal("VANGUARD 1", tle.Name);
        Assert.Equal(5, tle.CatalogNumber);
        Assert.Equal('U', tle.Classification);
        Assert.Equal("58002B", tle.InternationalDesignator);
        Assert.Equal(2000, tle.EpochYear);
        Assert.Equal(179.78495062, tle.EpochDayOfYear);
        Assert.Equal(0.00000023, tle.MeanMotionDotRevPerDay2);
        Assert.Equal(0.0, tle.MeanMotionDdotRevPerDay3);
        Assert.Equal(0.28098e-4, tle.BStarPerEarthRadius, 15);
        Assert.Equal(0, tle.EphemerisType);
        Assert.Equal(475, tle.ElementSetNumber);
        Assert.Equal(34.2682, tle.InclinationDeg);
        Assert.Equal(348.7242, tle.RightAscensionOfAscendingNodeDeg);
        Assert.Equal(0.1859667, tle.Eccentricity);
        Assert.Equal(331.7664, tle.ArgumentOfPerigeeDeg);
        Assert.Equal(19.3264, tle.MeanAnomalyDeg);
        Assert.Equal(10.82419157, tle.MeanMotionRevPerDay);
        Assert.Equal(41366, tle.RevolutionNumber);
    }

    [Fact]
    public void Epoch_day_179_of_leap_year_2000_is_27_june()
    {
        var tle = Tle.Parse(Vanguard1, Vanguard2);

        // tcppver.out prints 2000-06-28 00:50:19.733571 at 360 min after this epoch.
        var expected = new DateTime(2000, 6, 27, 18, 50, 19, 733, DateTimeKind.Utc).AddTicks(5710);
        Assert.Equal(DateTimeKind.Utc, tle.EpochUtc.Kind);
        Assert.True(Math.Abs((tle.EpochUtc - expected).TotalMilliseconds) < 0.01, $"epoch {tle.EpochUtc:O}");
    }

    [Fact]
    public void Two_digit_years_from_57_are_twentieth_century()
    {
        var tle = Tle.Parse(Str3Line1, Str3Line2);

        Assert.Equal(1980, tle.EpochYear);
        Assert.Equal("", tle.InternationalDesignator);
        Assert.Equal(0, tle.EphemerisType);
        Assert.Equal(1, tle.ElementSetNumber);
        Assert.Equal(0.14311e-1, tle.BStarPerEarthRadius, 15);
    }

    [Fact]
    public void Negative_bstar_and_first_derivative_keep_their_sign()
    {
        var tle = Tle.Parse(Molniya1, Molniya2);

        Assert.Equal(-0.13525e-3, tle.BStarPerEarthRadius, 15);
        Assert.Equal(-0.00001273, tle.MeanMotionDotRevPerDay2);
        Assert.Equal(0.7421690, tle.Eccentricity);
    }

    [Fact]
    public void Text_after_column_69_is_ignored()
    {
        var tle = Tle.Parse(Vanguard1 + "   extra", Vanguard2 + "     0.00      4320.0        360.00");

        Assert.Equal(5, tle.CatalogNumber);
    }

    [Fact]
    public void Bad_checksum_names_line_column_and_expected_digit()
    {
        string bad = Vanguard1[..68] + "4";

        var ex = Assert.Throws<TleFormatException>(() => Tle.Parse(bad, Vanguard2));

        Assert.Equal("TLE line 1, column 69: checksum is 4, expected 3", ex.Message);
        Assert.Equal(1, ex.LineNumber);
        Assert.Equal(69, ex.Column);
    }

    [Fact]
    public void Minus_signs_count_one_in_the_checksum()
    {
        // Line 1 of MOLNIYA 1-83 has two '-' signs in its fields; its published checksum is 4.
        string withoutMinus = Molniya1.Replace("-.00001273", " .00001273", StringComparison.Ordinal);

        var ex = Assert.Throws<TleFormatException>(() => Tle.Parse(withoutMinus, Molniya2));

        Assert.Equal("TLE line 1, column 69: checksum is 4, expected 3", ex.Message);
    }

    [Fact]
    public void Short_line_is_rejected_at_the_first_missing_column()
    {
        var ex = Assert.Throws<TleFormatException>(() => Tle.Parse(Vanguard1, Vanguard2[..60]));

        Assert.Equal("TLE line 2, column 61: line ends after 60 characters, expected 69", ex.Message);
    }

    [Fact]
    public void Wrong_line_number_is_rejected()
    {
        var ex = Assert.Throws<TleFormatException>(() => Tle.Parse(Vanguard2, Vanguard2));

        Assert.Equal("TLE line 1, column 1: line number is '2', expected '1'", ex.Message);
    }

    [Fact]
    public void Swapped_lines_are_rejected_on_line_1()
    {
        var ex = Assert.Throws<TleFormatException>(() => Tle.Parse(Vanguard2, Vanguard1));

        Assert.StartsWith("TLE line 1, column 1: line number is '2'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mismatched_catalog_numbers_are_rejected()
    {
        string line2 = Edit(Vanguard2, 3, "00006");

        var ex = Assert.Throws<TleFormatException>(() => Tle.Parse(Vanguard1, line2));

        Assert.Equal("TLE line 2, column 3: catalog number is 00006, expected 00005 (from line 1)", ex.Message);
    }

    [Fact]
    public void Shifted_field_names_the_column_and_the_field()
    {
        // The classic hand-editing mistake: a field moved by one column.
        string line2 = Edit(Vanguard2, 9, "34 .2682");

        var ex = Assert.Throws<TleFormatException>(() => Tle.Parse(Vanguard1, line2));

        Assert.Equal("TLE line 2, column 9: inclination '34 .2682' in columns 9-16, expected a decimal number", ex.Message);
    }

    [Fact]
    public void Eccentricity_with_a_decimal_point_is_rejected()
    {
        string line2 = Edit(Vanguard2, 27, ".185966");

        var ex = Assert.Throws<TleFormatException>(() => Tle.Parse(Vanguard1, line2));

        Assert.Equal(27, ex.Column);
        Assert.Contains("eccentricity '.185966'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_separator_is_rejected()
    {
        string line1 = Edit(Vanguard1, 33, "0");

        var ex = Assert.Throws<TleFormatException>(() => Tle.Parse(line1, Vanguard2));

        Assert.Equal("TLE line 1, column 33: found '0', expected ' ' (separator)", ex.Message);
    }

    [Fact]
    public void Inclination_above_180_degrees_is_rejected()
    {
        string line2 = Edit(Vanguard2, 9, "190.0000");

        var ex = Assert.Throws<TleFormatException>(() => Tle.Parse(Vanguard1, line2));

        Assert.Equal("TLE line 2, column 9: inclination (degrees) is 190, expected 0 to 180", ex.Message);
    }

    [Fact]
    public void Epoch_day_zero_is_rejected()
    {
        string line1 = Edit(Vanguard1, 19, "00000.50000000");

        var ex = Assert.Throws<TleFormatException>(() => Tle.Parse(line1, Vanguard2));

        Assert.Equal(21, ex.Column);
        Assert.Contains("epoch day 0.5 is outside", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Checksums_may_be_skipped_for_hand_edited_verification_sets()
    {
        string bad = Vanguard1[..68] + "4";

        var tle = Tle.Parse(bad, Vanguard2, null, validateChecksums: false);

        Assert.Equal(5, tle.CatalogNumber);
    }
}
