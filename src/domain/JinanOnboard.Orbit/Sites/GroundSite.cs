using System.Globalization;
using JinanOnboard.Orbit.Frames;

namespace JinanOnboard.Orbit.Sites;

/// <summary>A named ground location (WGS-84). <see cref="HeightAssumed"/> is true where no published height exists.</summary>
public sealed record GroundSite(string Name, GeodeticPosition Position, bool HeightAssumed, string Source)
{
    /// <summary>Lowest accepted height, m (Dead Sea shore is about -430 m).</summary>
    public const double MinHeightM = -500;

    /// <summary>Highest accepted height, m (above Everest is not a ground site).</summary>
    public const double MaxHeightM = 9000;

    /// <summary>
    /// Parse a site given as a catalogue name ("Jinan", "city:Jinan", "Xi'an"; case-insensitive) or as
    /// "lat,lon,height_m" in degrees and metres. Throws <see cref="FormatException"/> with one clear line.
    /// </summary>
    public static GroundSite Parse(string text)
    {
        if (!TryParse(text, out GroundSite? site, out string error))
        {
            throw new FormatException(error);
        }

        return site;
    }

    /// <summary>Like <see cref="Parse"/> without throwing; <paramref name="error"/> explains a failure in one line.</summary>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out GroundSite? site, out string error)
    {
        site = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "site is empty: give a name (e.g. Jinan) or lat,lon,height_m";
            return false;
        }

        string trimmed = text.Trim();
        if (!trimmed.Contains(',', StringComparison.Ordinal))
        {
            site = GroundSiteCatalog.Find(trimmed);
            error = site is null
                ? $"unknown site '{trimmed}'; known: {string.Join(", ", GroundSiteCatalog.All.Select(s => s.Name).Distinct(StringComparer.Ordinal))}, or give lat,lon,height_m"
                : string.Empty;
            return site is not null;
        }

        string[] parts = trimmed.Split(',');
        if (parts.Length != 3)
        {
            error = $"site '{trimmed}' must be lat,lon,height_m (three numbers), got {parts.Length} fields";
            return false;
        }

        var values = new double[3];
        string[] names = ["latitude", "longitude", "height"];
        for (int i = 0; i < 3; i++)
        {
            if (!double.TryParse(parts[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
            {
                error = $"site '{trimmed}': {names[i]} '{parts[i].Trim()}' is not a number";
                return false;
            }
        }

        if (values[0] is < -90 or > 90)
        {
            error = $"site '{trimmed}': latitude {values[0].ToString(CultureInfo.InvariantCulture)} deg is outside [-90, 90]";
            return false;
        }

        if (values[1] is < -180 or > 360)
        {
            error = $"site '{trimmed}': longitude {values[1].ToString(CultureInfo.InvariantCulture)} deg is outside [-180, 360]";
            return false;
        }

        if (values[2] is < MinHeightM or > MaxHeightM)
        {
            error = $"site '{trimmed}': height {values[2].ToString(CultureInfo.InvariantCulture)} m is outside [{MinHeightM.ToString(CultureInfo.InvariantCulture)}, {MaxHeightM.ToString(CultureInfo.InvariantCulture)}]";
            return false;
        }

        double lon = values[1] > 180 ? values[1] - 360 : values[1];
        site = new GroundSite(trimmed, new GeodeticPosition(values[0], lon, values[2]), false, "given");
        error = string.Empty;
        return true;
    }
}
