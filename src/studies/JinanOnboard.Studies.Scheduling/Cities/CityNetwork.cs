using JinanOnboard.Orbit.Sites;

namespace JinanOnboard.Studies.Scheduling.Cities;

/// <summary>
/// The study's city network (models.md §8): the eleven cities of <see cref="GroundSiteCatalog.SchedulingCities"/> with
/// weights proportional to their 2020 census populations, renormalised over the cities selected.
/// </summary>
public static class CityNetwork
{
    /// <summary>All eleven cities, in the order of models.md §8.</summary>
    public static IReadOnlyList<SchedulingCity> All { get; } = Build(Enumerable.Range(0, GroundSiteCatalog.SchedulingCities.Count));

    /// <summary>
    /// "all" or a comma-separated list of names (case and punctuation ignored: "xian" is Xi'an), in the order given.
    /// Throws <see cref="UnknownCityException"/> naming an unknown or repeated city.
    /// </summary>
    public static IReadOnlyList<SchedulingCity> Select(string? spec)
    {
        if (string.IsNullOrWhiteSpace(spec) || spec.Trim().Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return All;
        }

        var indices = new List<int>();
        foreach (string raw in spec.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int index = IndexOf(raw);
            if (index < 0)
            {
                throw new UnknownCityException($"unknown city '{raw}'; the study's cities are {string.Join(", ", All.Select(c => c.Name))}");
            }

            if (indices.Contains(index))
            {
                throw new UnknownCityException($"city '{raw}' is listed twice");
            }

            indices.Add(index);
        }

        if (indices.Count == 0)
        {
            throw new UnknownCityException("no city given: use all or a comma-separated list such as Beijing,Jinan,Hefei");
        }

        return Build(indices);
    }

    private static int IndexOf(string name)
    {
        string key = Normalize(name);
        IReadOnlyList<GroundSite> cities = GroundSiteCatalog.SchedulingCities;
        for (int i = 0; i < cities.Count; i++)
        {
            if (Normalize(cities[i].Name) == key)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Normalize(string name) => new([.. name.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);

    private static SchedulingCity[] Build(IEnumerable<int> indices)
    {
        int[] chosen = [.. indices];
        // Weights ∝ population (models.md §8), normalised over the cities in this network.
        double total = chosen.Sum(i => GroundSiteCatalog.SchedulingCityPopulationMillions[i]);
        return [.. chosen.Select(i => new SchedulingCity(
            GroundSiteCatalog.SchedulingCities[i].Name,
            GroundSiteCatalog.SchedulingCities[i],
            GroundSiteCatalog.SchedulingCityPopulationMillions[i],
            GroundSiteCatalog.SchedulingCityPopulationMillions[i] / total))];
    }
}
