using JinanOnboard.Studies.Scheduling.Keys;

namespace JinanOnboard.Studies.Scheduling.Strategies;

/// <summary>A maximal run of consecutive intervals serving one city.</summary>
public sealed record ScheduleRun(int StartInterval, int Length, int City);

/// <summary>
/// x[m][n] of models.md §8 in compact form: the city served in each interval, or <see cref="Idle"/>. At most one city per
/// interval holds by construction; the switching rule (another city only after an idle interval) is checked by
/// <see cref="IsFeasible"/>.
/// </summary>
public sealed class Schedule
{
    /// <summary>The value of an idle interval.</summary>
    public const int Idle = -1;

    private readonly int[] _city;

    /// <summary>A schedule from the city of each interval (kept, not copied).</summary>
    public Schedule(int[] cityOfInterval)
    {
        ArgumentNullException.ThrowIfNull(cityOfInterval);
        _city = cityOfInterval;
    }

    /// <summary>M.</summary>
    public int Intervals => _city.Length;

    /// <summary>The city served in interval m, or <see cref="Idle"/>.</summary>
    public int this[int m] => _city[m];

    /// <summary>True when no interval follows one serving a different city (x[m+1][n] ≤ x[m][n] + x0[m]).</summary>
    public bool IsFeasible()
    {
        for (int m = 1; m < _city.Length; m++)
        {
            if (_city[m] != Idle && _city[m - 1] != Idle && _city[m] != _city[m - 1])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>E_n = Σ_m K[m][n] x[m][n], bits, per city.</summary>
    public double[] DeliveredBits(KeyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var e = new double[table.CityCount];
        for (int m = 0; m < _city.Length; m++)
        {
            if (_city[m] != Idle)
            {
                e[_city[m]] += table[m, _city[m]];
            }
        }

        return e;
    }

    /// <summary>The serving runs in time order (idle intervals omitted).</summary>
    public IReadOnlyList<ScheduleRun> Runs()
    {
        var runs = new List<ScheduleRun>();
        int m = 0;
        while (m < _city.Length)
        {
            if (_city[m] == Idle)
            {
                m++;
                continue;
            }

            int start = m;
            while (m < _city.Length && _city[m] == _city[start])
            {
                m++;
            }

            runs.Add(new ScheduleRun(start, m - start, _city[start]));
        }

        return runs;
    }
}
