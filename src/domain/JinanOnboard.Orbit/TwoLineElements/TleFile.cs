using System.Globalization;

namespace JinanOnboard.Orbit.TwoLineElements;

/// <summary>
/// Reads files of element sets in the 2-line format or the 3-line format (a title line, optionally
/// prefixed "0 ", before each pair). Blank lines and lines starting with '#' are skipped.
/// </summary>
public static class TleFile
{
    /// <summary>Reads every element set in the file at <paramref name="path"/>; errors name the file.</summary>
    /// <exception cref="TleFormatException">A set is malformed or incomplete.</exception>
    public static IReadOnlyList<Tle> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path);
        return Parse(reader, Path.GetFileName(path));
    }

    /// <summary>Reads every element set from <paramref name="reader"/>; <paramref name="sourceName"/> labels errors.</summary>
    /// <exception cref="TleFormatException">A set is malformed or incomplete.</exception>
    public static IReadOnlyList<Tle> Parse(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        var sets = new List<Tle>();
        string? pendingName = null;
        int lineNumber = 0;
        while (NextSignificantLine(reader, ref lineNumber) is string line)
        {
            if (StartsAsLine(line, '1'))
            {
                int line1Number = lineNumber;
                string? line2 = NextSignificantLine(reader, ref lineNumber);
                if (line2 is null)
                {
                    throw new TleFormatException(sourceName, lineNumber + 1, 1, "file ends, expected line 2 of the element set");
                }

                sets.Add(TleParser.Parse(
                    new TleLine(line, sourceName, line1Number),
                    new TleLine(line2, sourceName, lineNumber),
                    pendingName,
                    validateChecksums: true));
                pendingName = null;
            }
            else if (StartsAsLine(line, '2'))
            {
                throw new TleFormatException(sourceName, lineNumber, 1, "line number is '2', expected '1' (line 2 without a line 1 before it)");
            }
            else if (pendingName is not null)
            {
                throw new TleFormatException(sourceName, lineNumber, 1, string.Format(CultureInfo.InvariantCulture,
                    "found another title line, expected line 1 of the element set titled '{0}'", pendingName));
            }
            else
            {
                string title = line.Trim();
                pendingName = title.StartsWith("0 ", StringComparison.Ordinal) ? title[2..].Trim() : title;
            }
        }

        if (pendingName is not null)
        {
            throw new TleFormatException(sourceName, lineNumber + 1, 1, string.Format(CultureInfo.InvariantCulture,
                "file ends, expected line 1 of the element set titled '{0}'", pendingName));
        }

        return sets;
    }

    private static bool StartsAsLine(string line, char digit) => line.Length >= 2 && line[0] == digit && line[1] == ' ';

    private static string? NextSignificantLine(TextReader reader, ref int lineNumber)
    {
        while (reader.ReadLine() is string line)
        {
            lineNumber++;
            string trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                continue;
            }

            return line;
        }

        return null;
    }
}
