using JinanOnboard.Physics.Parameters;
using JinanOnboard.Studies.Scheduling.Cities;
using JinanOnboard.Studies.Scheduling.Keys;
using JinanOnboard.Studies.Scheduling.Strategies;
using JinanOnboard.Studies.Scheduling.Weather;

namespace JinanOnboard.Studies.Scheduling.Sweep;

/// <summary>One (orbit, divergence) case: the lowest link loss per city (null when never usable) and the S-TD and S-GD keys.</summary>
public sealed record SweepCase(
    string Orbit,
    double DivergenceUrad,
    IReadOnlyList<double?> MinLossDbPerCity,
    double TargetDistributionBits,
    double TargetDistributionKl,
    bool TargetReached,
    double GreedyBits,
    double ClearSkyPotentialBits);

/// <summary>
/// Issue 19 part 2: for each orbit and divergence φ, the per-city minimum link loss over the window (models.md §2, clear
/// sky, darkness and mask as in the schedule) and the S-TD key total (Lagrangian programme, with the same seeded clouds).
/// The geometry is computed once per orbit; only the link budget and the key table are redone per divergence.
/// </summary>
public static class OrbitDivergenceSweep
{
    /// <summary>Run every case; <paramref name="setFor"/> gives the downlink set for a divergence in µrad.</summary>
    public static IReadOnlyList<SweepCase> Run(
        IReadOnlyList<SweepOrbit> orbits,
        IReadOnlyList<double> divergencesUrad,
        Func<double, PhysicsParameterSet> setFor,
        DateTime startUtc,
        double days,
        IReadOnlyList<SchedulingCity> cities,
        ulong seed,
        bool clouds,
        double targetKl = 0.01)
    {
        ArgumentNullException.ThrowIfNull(orbits);
        ArgumentNullException.ThrowIfNull(divergencesUrad);
        ArgumentNullException.ThrowIfNull(setFor);
        var cases = new List<SweepCase>();
        double[] weights = [.. cities.Select(c => c.Weight)];
        double[] ones = [.. cities.Select(_ => 1.0)];
        foreach (SweepOrbit orbit in orbits)
        {
            var window = ScheduleWindow.OfDays(startUtc, days, 10, orbit.SamplesPerInterval);
            PhysicsParameterSet first = setFor(divergencesUrad[0]);
            PassGeometry geometry = PassGeometry.Compute(orbit.Ephemeris, window, cities, first.Number("orbit.min_elevation_deg"), first.Number("orbit.max_sun_elevation_deg"));
            CloudCover? cover = clouds ? new CloudCover(window, cities, seed) : null;
            foreach (double divergence in divergencesUrad)
            {
                KeyTableResult result = new KeyTableBuilder(setFor(divergence)).Build(geometry);
                KeyTable table = cover?.Apply(result.Table) ?? result.Table;
                var dp = new DynamicProgramScheduler(table);
                TargetDistributionResult td = new TargetDistributionScheduler(dp).Solve(weights, targetKl);
                double greedy = dp.Solve(ones).DeliveredBits(table).Sum();
                cases.Add(new SweepCase(
                    orbit.Name,
                    divergence,
                    [.. result.MinLossDbPerCity.Select(l => double.IsFinite(l) ? (double?)l : null)],
                    td.TargetReached ? td.TotalBits : 0,
                    td.KlDivergence,
                    td.TargetReached,
                    greedy,
                    Enumerable.Range(0, cities.Count).Sum(result.Table.PotentialBits)));
            }
        }

        return cases;
    }
}
