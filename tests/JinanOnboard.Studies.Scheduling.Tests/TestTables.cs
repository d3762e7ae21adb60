using JinanOnboard.Primitives.Randomness;
using JinanOnboard.Studies.Scheduling.Cities;
using JinanOnboard.Studies.Scheduling.Keys;

namespace JinanOnboard.Studies.Scheduling.Tests;

/// <summary>Key tables built by hand or from seeded synthetic passes, for the scheduler tests.</summary>
internal static class TestTables
{
    public static readonly DateTime Start = new(2024, 1, 16, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>A table from rows of keys for the first cities of the network (weights renormalised over them).</summary>
    public static KeyTable FromRows(double[][] rows)
    {
        int n = rows[0].Length;
        IReadOnlyList<SchedulingCity> cities = CityNetwork.Select(string.Join(',', CityNetwork.All.Take(n).Select(c => c.Name)));
        return new KeyTable(new ScheduleWindow(Start, rows.Length), cities, [.. rows.SelectMany(r => r)]);
    }

    /// <summary>Uniform random keys in [0, 10) with about a third zeros, for brute-force comparisons.</summary>
    public static KeyTable Random(int intervals, int cities, ulong seed)
    {
        var random = new SplitMix64(seed);
        var rows = new double[intervals][];
        for (int m = 0; m < intervals; m++)
        {
            rows[m] = new double[cities];
            for (int c = 0; c < cities; c++)
            {
                rows[m][c] = random.NextDouble() < 0.33 ? 0 : Math.Round(random.NextDouble() * 10, 3);
            }
        }

        return FromRows(rows);
    }

    /// <summary>
    /// Passes like a satellite's: each city gets <paramref name="passesPerCity"/> bumps of 20-60 intervals at random times,
    /// peaking at random heights, so passes of different cities overlap and the scheduler must choose and switch.
    /// </summary>
    public static KeyTable Passes(int intervals, int cities, int passesPerCity, ulong seed)
    {
        var random = new SplitMix64(seed);
        var rows = new double[intervals][];
        for (int m = 0; m < intervals; m++)
        {
            rows[m] = new double[cities];
        }

        for (int c = 0; c < cities; c++)
        {
            for (int p = 0; p < passesPerCity; p++)
            {
                int length = 20 + random.NextBelow(41);
                int start = random.NextBelow(intervals - length);
                double peak = 1000 + (9000 * random.NextDouble());
                for (int k = 0; k < length; k++)
                {
                    double x = (k + 0.5) / length;
                    rows[start + k][c] += Math.Round(peak * Math.Sin(Math.PI * x), 1);
                }
            }
        }

        return FromRows(rows);
    }
}
