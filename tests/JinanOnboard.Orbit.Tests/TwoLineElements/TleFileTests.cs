using JinanOnboard.Orbit.TwoLineElements;
using static JinanOnboard.Orbit.Tests.TwoLineElements.TleTestLines;

namespace JinanOnboard.Orbit.Tests.TwoLineElements;

public sealed class TleFileTests
{
    [Fact]
    public void Reads_three_line_sets_with_comments_and_blank_lines()
    {
        string text = $"# a comment\n\nVANGUARD 1\n{Vanguard1}\n{Vanguard2}\n\n0 MOLNIYA 1-83\n{Molniya1}\r\n{Molniya2}\r\n";

        IReadOnlyList<Tle> sets = TleFile.Parse(new StringReader(text), "sats.tle");

        Assert.Equal(2, sets.Count);
        Assert.Equal("VANGUARD 1", sets[0].Name);
        Assert.Equal(5, sets[0].CatalogNumber);
        Assert.Equal("MOLNIYA 1-83", sets[1].Name);
        Assert.Equal(21897, sets[1].CatalogNumber);
    }

    [Fact]
    public void Reads_two_line_sets_without_names()
    {
        string text = $"{Vanguard1}\n{Vanguard2}\n{Molniya1}\n{Molniya2}\n";

        IReadOnlyList<Tle> sets = TleFile.Parse(new StringReader(text), "sats.tle");

        Assert.Equal(new[] { 5, 21897 }, sets.Select(s => s.CatalogNumber));
        Assert.All(sets, s => Assert.Null(s.Name));
    }

    [Fact]
    public void Error_names_the_file_and_its_line_number()
    {
        string bad = Vanguard2[..68] + "3";
        string text = $"VANGUARD 1\n{Vanguard1}\n{bad}\n";

        var ex = Assert.Throws<TleFormatException>(() => TleFile.Parse(new StringReader(text), "sat.tle"));

        Assert.Equal("sat.tle line 3, column 69: checksum is 3, expected 7", ex.Message);
        Assert.Equal("sat.tle", ex.SourceName);
        Assert.Equal(3, ex.LineNumber);
    }

    [Fact]
    public void Missing_line_2_at_end_of_file_is_reported()
    {
        var ex = Assert.Throws<TleFormatException>(() => TleFile.Parse(new StringReader($"X\n{Vanguard1}\n"), "sat.tle"));

        Assert.Equal("sat.tle line 3, column 1: file ends, expected line 2 of the element set", ex.Message);
    }

    [Fact]
    public void Line_2_without_line_1_is_reported()
    {
        var ex = Assert.Throws<TleFormatException>(() => TleFile.Parse(new StringReader($"{Vanguard2}\n"), "sat.tle"));

        Assert.StartsWith("sat.tle line 1, column 1: line number is '2', expected '1'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Title_without_element_lines_is_reported()
    {
        var ex = Assert.Throws<TleFormatException>(() => TleFile.Parse(new StringReader("VANGUARD 1\nVANGUARD 2\n"), "sat.tle"));

        Assert.Equal("sat.tle line 2, column 1: found another title line, expected line 1 of the element set titled 'VANGUARD 1'", ex.Message);
    }

    [Fact]
    public void Empty_file_gives_no_sets()
    {
        Assert.Empty(TleFile.Parse(new StringReader("\n# nothing here\n"), "empty.tle"));
    }

    [Fact]
    public void Load_reads_a_file_and_names_it_by_file_name()
    {
        string path = Path.Combine(Path.GetTempPath(), $"jinan-tle-{Guid.NewGuid():N}.tle");
        try
        {
            File.WriteAllText(path, $"VANGUARD 1\n{Vanguard1}\n{Vanguard2[..68]}0\n");

            var ex = Assert.Throws<TleFormatException>(() => TleFile.Load(path));

            Assert.StartsWith(Path.GetFileName(path) + " line 3, column 69:", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Verification_file_parses_with_checksums_off_and_stale_checksums_are_caught()
    {
        string path = Path.Combine(Sgp4.ReferenceFiles.Sgp4Directory(), "SGP4-VER.TLE");

        // Vallado hand-edited cases 33333-33335 without fixing their checksums: the strict reader must say so.
        var ex = Assert.Throws<TleFormatException>(() => TleFile.Load(path));

        Assert.StartsWith("SGP4-VER.TLE line ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("column 69: checksum is 4, expected 2", ex.Message, StringComparison.Ordinal);
    }
}
