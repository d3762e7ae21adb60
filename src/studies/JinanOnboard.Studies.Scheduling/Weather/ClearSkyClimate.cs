namespace JinanOnboard.Studies.Scheduling.Weather;

/// <summary>
/// Probability that a night is clear enough for a QKD pass, per city and calendar month (January first).
/// ASSUMED values: the study publishes no weather statistics, so these are rough climatological guesses by the author
/// (dry, clear winters in the north and on the Tibetan plateau; the summer monsoon and the Sichuan basin's year-round
/// overcast), not measurements. Every output that uses them says so.
/// </summary>
public static class ClearSkyClimate
{
    /// <summary>Said in every report that applies the table.</summary>
    public const string Provenance = "assumed: author's rough climatological guesses, not measured data";

    private static readonly Dictionary<string, double[]> ByCity = new(StringComparer.Ordinal)
    {
        ["Urumqi"] = [0.45, 0.45, 0.50, 0.55, 0.60, 0.65, 0.65, 0.65, 0.65, 0.60, 0.50, 0.45],
        ["Lhasa"] = [0.80, 0.75, 0.65, 0.55, 0.50, 0.35, 0.30, 0.30, 0.45, 0.70, 0.80, 0.85],
        ["Xi'an"] = [0.45, 0.40, 0.35, 0.40, 0.40, 0.40, 0.40, 0.40, 0.30, 0.35, 0.40, 0.45],
        ["Chengdu"] = [0.15, 0.15, 0.20, 0.20, 0.25, 0.20, 0.25, 0.30, 0.20, 0.15, 0.15, 0.15],
        ["Shenyang"] = [0.60, 0.60, 0.55, 0.50, 0.50, 0.40, 0.30, 0.40, 0.55, 0.55, 0.50, 0.55],
        ["Beijing"] = [0.65, 0.60, 0.55, 0.50, 0.50, 0.40, 0.30, 0.35, 0.55, 0.60, 0.60, 0.65],
        ["Jinan"] = [0.55, 0.50, 0.50, 0.50, 0.50, 0.40, 0.30, 0.35, 0.50, 0.55, 0.50, 0.50],
        ["Hefei"] = [0.35, 0.30, 0.30, 0.35, 0.40, 0.30, 0.40, 0.45, 0.45, 0.50, 0.45, 0.40],
        ["Wuhan"] = [0.30, 0.30, 0.30, 0.35, 0.35, 0.30, 0.45, 0.50, 0.45, 0.45, 0.40, 0.35],
        ["Shanghai"] = [0.35, 0.30, 0.30, 0.35, 0.35, 0.25, 0.40, 0.45, 0.40, 0.50, 0.45, 0.40],
        ["Guangzhou"] = [0.30, 0.20, 0.15, 0.15, 0.20, 0.20, 0.30, 0.30, 0.40, 0.55, 0.55, 0.45],
    };

    /// <summary>The table, city → 12 monthly probabilities.</summary>
    public static IReadOnlyDictionary<string, double[]> Table => ByCity;

    /// <summary>Probability of a clear night at <paramref name="city"/> in <paramref name="month"/> (1-12).</summary>
    public static double ClearProbability(string city, int month)
    {
        if (!ByCity.TryGetValue(city, out double[]? months))
        {
            throw new ArgumentException($"no clear-sky statistics for '{city}'", nameof(city));
        }

        return months[month - 1];
    }
}
