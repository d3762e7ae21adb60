using JinanOnboard.Physics.Budgets;
using JinanOnboard.Physics.KeyRates;
using JinanOnboard.Physics.Parameters;

namespace JinanOnboard.Studies.Scheduling.Keys;

/// <summary>What the link gives a city over the window: the key table and the lowest link loss seen.</summary>
public sealed record KeyTableResult(KeyTable Table, IReadOnlyList<double> MinLossDbPerCity);

/// <summary>
/// K[m][n] from the geometry (models.md §8): for each usable sample the downlink budget of models.md §2 (the project's
/// <see cref="LinkBudgetCalculator"/>, clear sky: the cloud model acts on the table afterwards), the decoy-state key rate of
/// §5 (<see cref="DecoyBb84KeyRate"/>) at that transmittance, times the pulses of the sample's seconds, summed per interval.
/// </summary>
public sealed class KeyTableBuilder
{
    private readonly LinkBudgetCalculator _link;
    private readonly DecoyBb84KeyRate _keyRate;
    private readonly double _pulsesPerSecond;

    /// <summary>From a downlink parameter set (e.g. micius-downlink): link, key-rate parameters and source.repetition_rate_hz.</summary>
    public KeyTableBuilder(PhysicsParameterSet set)
        : this(new LinkBudgetCalculator(set), DecoyBb84KeyRate.FromParameterSet(set), (set ?? throw new ArgumentNullException(nameof(set))).Number("source.repetition_rate_hz"))
    {
    }

    /// <summary>From its three parts.</summary>
    public KeyTableBuilder(LinkBudgetCalculator link, DecoyBb84KeyRate keyRate, double pulsesPerSecond)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(keyRate);
        if (link.Parameters.Kind != LinkKind.Downlink)
        {
            throw new ArgumentException($"the key table needs a downlink set, got {link.Parameters.Name} ({link.Parameters.Kind})", nameof(link));
        }

        _link = link;
        _keyRate = keyRate;
        _pulsesPerSecond = pulsesPerSecond;
    }

    /// <summary>The table (cities in parallel; each city's sums run in sample order, so the result is deterministic).</summary>
    public KeyTableResult Build(PassGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        int cities = geometry.Cities.Count;
        var keys = new double[geometry.Window.Intervals * cities];
        var minLoss = new double[cities];
        double pulsesPerSample = _pulsesPerSecond * geometry.Window.SampleS;
        Parallel.For(0, cities, n =>
        {
            CitySamples s = geometry.PerCity[n];
            double lowest = double.PositiveInfinity;
            for (int i = 0; i < s.Interval.Count; i++)
            {
                LinkBudget budget = _link.Compute(s.RangeKm[i], s.ElevationDeg[i], cloudIndex: 0);
                lowest = Math.Min(lowest, budget.TotalLossDb);
                keys[(s.Interval[i] * cities) + n] += _keyRate.RatePerPulse(budget.Transmittance) * pulsesPerSample;
            }

            minLoss[n] = lowest;
        });

        return new KeyTableResult(new KeyTable(geometry.Window, geometry.Cities, keys), minLoss);
    }
}
