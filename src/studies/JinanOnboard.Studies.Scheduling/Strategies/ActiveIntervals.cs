using JinanOnboard.Studies.Scheduling.Keys;

namespace JinanOnboard.Studies.Scheduling.Strategies;

/// <summary>
/// The intervals where some city can get key, in time order, with whether each directly follows the previous one. An
/// interval where no city gets key is idle in every optimal schedule, and one idle interval frees the switching rule, so
/// the schedulers work on this short list (a week of Micius: a few thousand of the 60,480 intervals).
/// </summary>
internal sealed class ActiveIntervals
{
    private ActiveIntervals(int[] interval, bool[] followsPrevious, double[] keys, int cities)
    {
        Interval = interval;
        FollowsPrevious = followsPrevious;
        Keys = keys;
        CityCount = cities;
    }

    /// <summary>Interval index m of each active interval.</summary>
    public int[] Interval { get; }

    /// <summary>True when active interval i is m_(i-1) + 1, so the switching rule links it to the previous one.</summary>
    public bool[] FollowsPrevious { get; }

    /// <summary>K of each active interval, row-major L×N.</summary>
    public double[] Keys { get; }

    /// <summary>N.</summary>
    public int CityCount { get; }

    /// <summary>L.</summary>
    public int Count => Interval.Length;

    public static ActiveIntervals From(KeyTable table)
    {
        var interval = new List<int>();
        var keys = new List<double>();
        for (int m = 0; m < table.Intervals; m++)
        {
            ReadOnlySpan<double> row = table.Row(m);
            if (row.ContainsAnyExcept(0.0))
            {
                interval.Add(m);
                keys.AddRange(row);
            }
        }

        var follows = new bool[interval.Count];
        for (int i = 1; i < interval.Count; i++)
        {
            follows[i] = interval[i] == interval[i - 1] + 1;
        }

        return new ActiveIntervals([.. interval], follows, [.. keys], table.CityCount);
    }

    /// <summary>The full schedule from one city (or idle) per active interval.</summary>
    public Schedule Expand(ReadOnlySpan<int> cityOfActive, int intervals)
    {
        var city = new int[intervals];
        Array.Fill(city, Schedule.Idle);
        for (int i = 0; i < Count; i++)
        {
            // Serving a city that gets nothing is the same as idling, and idling never breaks the switching rule.
            int n = cityOfActive[i];
            city[Interval[i]] = n != Schedule.Idle && Keys[(i * CityCount) + n] > 0 ? n : Schedule.Idle;
        }

        return new Schedule(city);
    }
}
