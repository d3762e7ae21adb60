using System.Diagnostics;
using JinanOnboard.Orbit.Frames;
using JinanOnboard.Orbit.Sgp4;
using JinanOnboard.Orbit.Sun;
using JinanOnboard.Orbit.TwoLineElements;
using JinanOnboard.Physics.Parameters;
using JinanOnboard.Studies.Scheduling.Cities;
using JinanOnboard.Studies.Scheduling.Keys;

namespace JinanOnboard.Studies.Scheduling.Tests;

/// <summary>The week's table from the shipped Micius TLE: built once for the class (about a couple of seconds).</summary>
public sealed class WeekTableFixture
{
    public WeekTableFixture()
    {
        string root = PhysicsParameterSet.FindRepositoryRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("repository root not found");
        Tle tle = TleFile.Load(Path.Combine(root, "configs", "orbits", "micius.tle"))[0];
        Propagator = new Sgp4Propagator(tle);
        Set = PhysicsParameterSet.Named("micius-downlink");
        Window = ScheduleWindow.OfDays(new DateTime(2024, 1, 16, 0, 0, 0, DateTimeKind.Utc), 7);
        var clock = Stopwatch.StartNew();
        Geometry = PassGeometry.Compute(Propagator, Window, CityNetwork.All, Set.Number("orbit.min_elevation_deg"), Set.Number("orbit.max_sun_elevation_deg"));
        Result = new KeyTableBuilder(Set).Build(Geometry);
        Elapsed = clock.Elapsed;
    }

    public Sgp4Propagator Propagator { get; }

    public PhysicsParameterSet Set { get; }

    public ScheduleWindow Window { get; }

    public PassGeometry Geometry { get; }

    public KeyTableResult Result { get; }

    public TimeSpan Elapsed { get; }
}

public sealed class KeyTableTests(WeekTableFixture week) : IClassFixture<WeekTableFixture>
{
    [Fact]
    public void The_week_has_60480_intervals_for_11_cities_and_is_built_within_the_budget()
    {
        KeyTable table = week.Result.Table;

        Assert.Equal(60_480, table.Intervals);
        Assert.Equal(11, table.CityCount);
        // Requirement: orbit, masks and table in under 10 s (a generous bound on a shared 2-core machine).
        Assert.True(week.Elapsed.TotalSeconds < 10, $"took {week.Elapsed.TotalSeconds:F1} s");
        Assert.True(Enumerable.Range(0, 11).Count(n => table.PotentialBits(n) > 0) >= 9, "most cities see Micius at night within a week");
    }

    [Fact]
    public void Key_is_zero_in_daylight_and_below_the_mask_and_positive_only_in_dark_visible_intervals()
    {
        KeyTable table = week.Result.Table;
        int checkedPositive = 0;
        for (int n = 0; n < table.CityCount; n++)
        {
            var frame = new TopocentricFrame(table.Cities[n].Site.Position);
            for (int m = 0; m < table.Intervals; m += 7)
            {
                double sunEl = SunPosition.ElevationDeg(frame, week.Window.IntervalCentreUtc(m));
                double maxEl = Enumerable.Range(0, week.Window.SamplesPerInterval).Max(j =>
                {
                    DateTime t = week.Window.SampleUtc(m, j);
                    return frame.ElevationDeg(TemeToEcef.Convert(week.Propagator.StateAt(t), t).PositionKm);
                });

                if (sunEl >= -12 || maxEl < 10)
                {
                    Assert.Equal(0, table[m, n]);
                }
                else if (table[m, n] > 0)
                {
                    checkedPositive++;
                }
            }
        }

        Assert.True(checkedPositive > 50, $"only {checkedPositive} positive intervals checked");
    }

    [Fact]
    public void The_lowest_loss_is_that_of_the_closest_dark_pass()
    {
        // Micius at ~450 km: the best pass of the week is tens of degrees high, a loss in the high 20s dB with φ = 10 µrad, D_r = 1.2 m.
        foreach (double loss in week.Result.MinLossDbPerCity.Where(double.IsFinite))
        {
            Assert.InRange(loss, 20, 40);
        }
    }
}
