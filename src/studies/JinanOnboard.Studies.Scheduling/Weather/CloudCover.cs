using JinanOnboard.Primitives.Randomness;
using JinanOnboard.Studies.Scheduling.Cities;
using JinanOnboard.Studies.Scheduling.Keys;

namespace JinanOnboard.Studies.Scheduling.Weather;

/// <summary>One city's night and whether it was clear.</summary>
public sealed record CloudNight(string City, DateOnly LocalEvening, double ClearProbability, bool Clear);

/// <summary>
/// Seeded cloud cover with a granularity of one night per city: a night is the city's local mean-solar day from noon to
/// noon (longitude/15 h from UTC), so each holds exactly one dark period. Each night is clear with the
/// <see cref="ClearSkyClimate"/> probability of the month of its evening, or overcast: cloud index 150, which blocks the
/// link for the whole night (models.md §2). Draws: one double() per night in date order from SplitMix64 at
/// derive(derive(seed, "schedule.clouds"), city name) (protocol-spec/seed-derivation.md), so a city's weather does not
/// depend on which other cities are scheduled.
/// </summary>
public sealed class CloudCover
{
    /// <summary>The stream label.</summary>
    public const string StreamLabel = "schedule.clouds";

    private readonly Dictionary<(int City, long Night), bool> _clear = [];
    private readonly ScheduleWindow _window;
    private readonly IReadOnlyList<SchedulingCity> _cities;

    /// <summary>Draw the weather of every night touching <paramref name="window"/> for <paramref name="cities"/>.</summary>
    public CloudCover(ScheduleWindow window, IReadOnlyList<SchedulingCity> cities, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(cities);
        _window = window;
        _cities = cities;
        var nights = new List<CloudNight>();
        ulong cloudSeed = SeedSequence.Derive(seed, StreamLabel);
        for (int n = 0; n < cities.Count; n++)
        {
            SplitMix64 stream = SeedSequence.CreateGenerator(cloudSeed, cities[n].Name);
            long first = NightOf(n, window.StartUtc);
            long last = NightOf(n, window.EndUtc);
            for (long night = first; night <= last; night++)
            {
                DateOnly evening = DateOnly.FromDayNumber((int)night);
                double p = ClearSkyClimate.ClearProbability(cities[n].Name, evening.Month);
                bool clear = stream.NextDouble() < p;
                _clear[(n, night)] = clear;
                nights.Add(new CloudNight(cities[n].Name, evening, p, clear));
            }
        }

        Nights = nights;
    }

    /// <summary>Every night drawn, city by city in date order.</summary>
    public IReadOnlyList<CloudNight> Nights { get; }

    /// <summary>Whether city <paramref name="n"/> is overcast during interval <paramref name="m"/>.</summary>
    public bool IsOvercast(int m, int n) => !_clear[(n, NightOf(n, _window.IntervalCentreUtc(m)))];

    /// <summary>The table with every overcast (interval, city) set to 0.</summary>
    public KeyTable Apply(KeyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Masked(IsOvercast);
    }

    // Day number (days since 0001-01-01) of the local evening: local mean solar time minus 12 h, floored to the day.
    private long NightOf(int n, DateTime utc)
    {
        double localHours = (utc.Ticks / (double)TimeSpan.TicksPerHour) + (_cities[n].Site.Position.LongitudeDeg / 15.0) - 12.0;
        return (long)Math.Floor(localHours / 24.0);
    }
}
