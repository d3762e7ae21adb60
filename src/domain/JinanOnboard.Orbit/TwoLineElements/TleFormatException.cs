using System.Globalization;

namespace JinanOnboard.Orbit.TwoLineElements;

/// <summary>
/// A two-line element set is malformed. The message names the source, the line number, the
/// column (1-based, as in the TLE format description) and what was expected there, for example
/// <c>sat.tle line 2, column 69: checksum is 3, expected 7</c>.
/// </summary>
public sealed class TleFormatException : FormatException
{
    public TleFormatException() { }

    public TleFormatException(string message) : base(message) { }

    public TleFormatException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception with a message built from its location and the problem.</summary>
    public TleFormatException(string sourceName, int lineNumber, int column, string problem)
        : base(string.Format(CultureInfo.InvariantCulture, "{0} line {1}, column {2}: {3}", sourceName, lineNumber, column, problem))
    {
        SourceName = sourceName;
        LineNumber = lineNumber;
        Column = column;
    }

    /// <summary>File name or other label of the text that held the element set.</summary>
    public string SourceName { get; } = "";

    /// <summary>1-based line number within the source.</summary>
    public int LineNumber { get; }

    /// <summary>1-based column where the problem was found.</summary>
    public int Column { get; }
}
