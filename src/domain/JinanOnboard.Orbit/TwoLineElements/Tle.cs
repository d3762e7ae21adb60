using System.Globalization;

namespace JinanOnboard.Orbit.TwoLineElements;

/// <summary>
/// A NORAD two-line element set, with every field of both lines in the units the format uses.
/// Mean elements are SGP4 (Kozai) mean elements in the TEME frame; only SGP4/SDP4 should use them.
/// </summary>
public sealed record Tle
{
    /// <summary>Satellite name from the title line of a 3-line set, or null.</summary>
    public string? Name { get; init; }

    /// <summary>NORAD catalog number (line 1 columns 3-7, equal on line 2).</summary>
    public required int CatalogNumber { get; init; }

    /// <summary>Classification letter (U unclassified, C, S), line 1 column 8.</summary>
    public required char Classification { get; init; }

    /// <summary>International designator (launch year, number, piece), columns 10-17, trimmed; may be empty.</summary>
    public required string InternationalDesignator { get; init; }

    /// <summary>Four-digit epoch year: the two-digit TLE year, 57-99 meaning 1957-1999 and 00-56 meaning 2000-2056.</summary>
    public required int EpochYear { get; init; }

    /// <summary>Epoch day of year with fraction, 1.0 = January 1 00:00 UTC, exactly as printed (columns 21-32).</summary>
    public required double EpochDayOfYear { get; init; }

    /// <summary>Epoch as a UTC instant (rounded to the 100 ns tick).</summary>
    public required DateTime EpochUtc { get; init; }

    /// <summary>First derivative of mean motion divided by two, rev/day² (columns 34-43). Not used by SGP4.</summary>
    public required double MeanMotionDotRevPerDay2 { get; init; }

    /// <summary>Second derivative of mean motion divided by six, rev/day³ (columns 45-52). Not used by SGP4.</summary>
    public required double MeanMotionDdotRevPerDay3 { get; init; }

    /// <summary>SGP4 drag term B*, 1/earth radii (columns 54-61).</summary>
    public required double BStarPerEarthRadius { get; init; }

    /// <summary>Ephemeris type (column 63; 0 when blank).</summary>
    public required int EphemerisType { get; init; }

    /// <summary>Element set number (columns 65-68; 0 when blank).</summary>
    public required int ElementSetNumber { get; init; }

    /// <summary>Mean inclination, degrees.</summary>
    public required double InclinationDeg { get; init; }

    /// <summary>Mean right ascension of the ascending node, degrees.</summary>
    public required double RightAscensionOfAscendingNodeDeg { get; init; }

    /// <summary>Mean eccentricity (dimensionless, columns 27-33 with implied leading decimal point).</summary>
    public required double Eccentricity { get; init; }

    /// <summary>Mean argument of perigee, degrees.</summary>
    public required double ArgumentOfPerigeeDeg { get; init; }

    /// <summary>Mean anomaly, degrees.</summary>
    public required double MeanAnomalyDeg { get; init; }

    /// <summary>Kozai mean motion, revolutions per day.</summary>
    public required double MeanMotionRevPerDay { get; init; }

    /// <summary>Revolution number at epoch (columns 64-68; 0 when blank).</summary>
    public required int RevolutionNumber { get; init; }

    /// <summary>
    /// Parses one element set. Columns, line numbers, catalog-number agreement and both checksums are
    /// validated; text after column 69 is ignored.
    /// </summary>
    /// <exception cref="TleFormatException">A field is malformed; the message names line, column and expected value.</exception>
    public static Tle Parse(string line1, string line2, string? name = null) =>
        Parse(line1, line2, name, validateChecksums: true);

    /// <summary>
    /// As <see cref="Parse(string, string, string?)"/>, optionally skipping the checksum test
    /// (hand-edited verification sets such as Vallado's SGP4-VER.TLE carry stale checksums).
    /// </summary>
    public static Tle Parse(string line1, string line2, string? name, bool validateChecksums)
    {
        ArgumentNullException.ThrowIfNull(line1);
        ArgumentNullException.ThrowIfNull(line2);
        return TleParser.Parse(new TleLine(line1, "TLE", 1), new TleLine(line2, "TLE", 2), name, validateChecksums);
    }

    /// <summary>Short description for logs: name (or catalog number) and epoch.</summary>
    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "{0} ({1:D5}) epoch {2:yyyy-MM-ddTHH:mm:ss.fffZ}", Name ?? "TLE", CatalogNumber, EpochUtc);
}
