using JinanOnboard.Studies.Scheduling.Cities;

namespace JinanOnboard.Studies.Scheduling.Keys;

/// <summary>
/// K[m][n] of models.md §8: the final key, bits, interval m can give city n (0 outside darkness or below the mask, and
/// under cloud when the cloud model has been applied). Row-major, immutable.
/// </summary>
public sealed class KeyTable
{
    private readonly double[] _keysBits;

    /// <summary>A table over <paramref name="window"/> for <paramref name="cities"/>; <paramref name="keysBits"/> is row-major M×N (kept, not copied).</summary>
    public KeyTable(ScheduleWindow window, IReadOnlyList<SchedulingCity> cities, double[] keysBits)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(cities);
        ArgumentNullException.ThrowIfNull(keysBits);
        if (keysBits.Length != window.Intervals * cities.Count)
        {
            throw new ArgumentException($"expected {window.Intervals}×{cities.Count} keys, got {keysBits.Length}", nameof(keysBits));
        }

        Window = window;
        Cities = cities;
        _keysBits = keysBits;
    }

    /// <summary>The time grid.</summary>
    public ScheduleWindow Window { get; }

    /// <summary>The cities (columns).</summary>
    public IReadOnlyList<SchedulingCity> Cities { get; }

    /// <summary>M.</summary>
    public int Intervals => Window.Intervals;

    /// <summary>N.</summary>
    public int CityCount => Cities.Count;

    /// <summary>K[m][n], bits.</summary>
    public double this[int m, int n] => _keysBits[(m * Cities.Count) + n];

    /// <summary>Row m: the key each city could get in interval m.</summary>
    public ReadOnlySpan<double> Row(int m) => _keysBits.AsSpan(m * Cities.Count, Cities.Count);

    /// <summary>Σ_m K[m][n]: what city n would get if it had the satellite to itself.</summary>
    public double PotentialBits(int n)
    {
        double sum = 0;
        for (int m = 0; m < Intervals; m++)
        {
            sum += this[m, n];
        }

        return sum;
    }

    /// <summary>A copy with K[m][n] = 0 wherever <paramref name="blocked"/>(m, n) is true.</summary>
    public KeyTable Masked(Func<int, int, bool> blocked)
    {
        ArgumentNullException.ThrowIfNull(blocked);
        double[] copy = (double[])_keysBits.Clone();
        for (int m = 0; m < Intervals; m++)
        {
            for (int n = 0; n < CityCount; n++)
            {
                if (copy[(m * CityCount) + n] != 0 && blocked(m, n))
                {
                    copy[(m * CityCount) + n] = 0;
                }
            }
        }

        return new KeyTable(Window, Cities, copy);
    }
}
