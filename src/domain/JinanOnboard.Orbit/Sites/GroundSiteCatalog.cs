using JinanOnboard.Orbit.Frames;

namespace JinanOnboard.Orbit.Sites;

/// <summary>
/// Built-in sites: the four Jinan-1 ground stations (system.md, "Real ground stations used";
/// heights not published, so assumed) and the eleven cities of the scheduling study (models.md §8).
/// </summary>
public static class GroundSiteCatalog
{
    private const string StationSource = "system.md (Jinan-1 ground stations); height assumed";
    private const string CitySource = "models.md §8 (scheduling study, city centre)";

    /// <summary>Jinan-1 ground stations: Jinan, Hefei, Wuhan (urban rooftops), Nanshan (mountain observatory).</summary>
    public static IReadOnlyList<GroundSite> Stations { get; } =
    [
        // 36°40'38"N 117°07'21"E; height: city ~30 m plus a rooftop (assumed).
        Station("Jinan", 36, 40, 38, 117, 7, 21, 60),
        // 31°49'37"N 117°08'27"E; height assumed.
        Station("Hefei", 31, 49, 37, 117, 8, 27, 40),
        // 30°28'35"N 114°31'26"E; height assumed.
        Station("Wuhan", 30, 28, 35, 114, 31, 26, 40),
        // 43°28'31"N 87°10'36"E; Nanshan station of the Xinjiang Astronomical Observatory, ~2080 m (assumed).
        Station("Nanshan", 43, 28, 31, 87, 10, 36, 2080),
    ];

    /// <summary>The eleven cities of the scheduling study, in the order of models.md §8 (name "city:X" selects these when X is also a station).</summary>
    public static IReadOnlyList<GroundSite> SchedulingCities { get; } =
    [
        City("Urumqi", 43.825, 87.617, 800),
        City("Lhasa", 29.652, 91.172, 3650),
        City("Xi'an", 34.341, 108.940, 400),
        City("Chengdu", 30.573, 104.066, 500),
        City("Shenyang", 41.805, 123.431, 50),
        City("Beijing", 39.904, 116.407, 50),
        City("Jinan", 36.651, 117.120, 50),
        City("Hefei", 31.821, 117.227, 30),
        City("Wuhan", 30.593, 114.305, 30),
        City("Shanghai", 31.230, 121.474, 5),
        City("Guangzhou", 23.129, 113.264, 20),
    ];

    /// <summary>2020 census populations of <see cref="SchedulingCities"/>, millions, same order (weights of S-PD / S-TD).</summary>
    public static IReadOnlyList<double> SchedulingCityPopulationMillions { get; } =
        [4.05, 0.87, 12.95, 20.94, 9.07, 21.89, 9.20, 9.37, 12.33, 24.87, 18.68];

    /// <summary>Stations then cities.</summary>
    public static IReadOnlyList<GroundSite> All { get; } = [.. Stations, .. SchedulingCities];

    /// <summary>
    /// Find a site by name, case-insensitive and ignoring punctuation ("xian" finds Xi'an). Stations win
    /// over cities of the same name; prefix "city:" to get the city. Null when unknown.
    /// </summary>
    public static GroundSite? Find(string name)
    {
        bool cityOnly = name.StartsWith("city:", StringComparison.OrdinalIgnoreCase);
        string key = Normalize(cityOnly ? name[5..] : name);
        if (!cityOnly)
        {
            foreach (GroundSite s in Stations)
            {
                if (Normalize(s.Name) == key)
                {
                    return s;
                }
            }
        }

        foreach (GroundSite s in SchedulingCities)
        {
            if (Normalize(s.Name) == key)
            {
                return s;
            }
        }

        return null;
    }

    private static string Normalize(string name) =>
        new([.. name.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);

    private static GroundSite Station(string name, int latD, int latM, int latS, int lonD, int lonM, int lonS, double assumedHeightM) =>
        new(name, new GeodeticPosition(latD + (latM / 60.0) + (latS / 3600.0), lonD + (lonM / 60.0) + (lonS / 3600.0), assumedHeightM), true, StationSource);

    private static GroundSite City(string name, double latDeg, double lonDeg, double heightM) =>
        new(name, new GeodeticPosition(latDeg, lonDeg, heightM), false, CitySource);
}
