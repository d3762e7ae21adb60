using JinanOnboard.Orbit.Frames;
using JinanOnboard.Orbit.Passes;
using JinanOnboard.Orbit.Sites;
using JinanOnboard.Orbit.Sun;
using JinanOnboard.Orbit.Synthetic;
using JinanOnboard.Orbit.Time;

namespace JinanOnboard.Orbit.Tests.Passes;

public sealed class PassFinderTests
{
    // 2026-03-10 14:30 UTC is 22:30 at Jinan (UTC+8): night, like Jinan-1's passes.
    private static readonly DateTime NightCulmination = new(2026, 3, 10, 14, 30, 0, DateTimeKind.Utc);
    private static readonly DateTime DayCulmination = new(2026, 3, 10, 4, 0, 0, DateTimeKind.Utc);
    private static readonly GroundSite Jinan = GroundSiteCatalog.Find("Jinan")!;

    [Fact]
    public void Rise_and_set_are_refined_to_a_tenth_of_a_second()
    {
        CircularOrbit orbit = SyntheticPass.Create(Jinan, 60, NightCulmination);
        SatellitePass pass = Assert.Single(PassFinder.Find(orbit, Jinan, NightCulmination.AddMinutes(-20), NightCulmination.AddMinutes(20)));
        var frame = new TopocentricFrame(Jinan.Position);
        double El(DateTime t) => frame.Look(TemeToEcef.Convert(orbit.StateAt(t), t)).ElevationDeg;
        Assert.True(El(pass.RiseUtc.AddSeconds(-0.1)) < 10 && El(pass.RiseUtc.AddSeconds(0.1)) > 10, "rise not within 0.1 s of the 10 deg crossing");
        Assert.True(El(pass.SetUtc.AddSeconds(-0.1)) > 10 && El(pass.SetUtc.AddSeconds(0.1)) < 10, "set not within 0.1 s of the 10 deg crossing");
        Assert.False(pass.StartsAtWindowEdge);
        Assert.False(pass.EndsAtWindowEdge);
    }

    [Fact]
    public void Night_only_keeps_night_passes_and_drops_daytime_ones()
    {
        CircularOrbit night = SyntheticPass.Create(Jinan, 50, NightCulmination);
        CircularOrbit day = SyntheticPass.Create(Jinan, 50, DayCulmination);
        var options = new PassSearchOptions { NightOnly = true };
        Assert.Single(PassFinder.Find(night, Jinan, NightCulmination.AddMinutes(-20), NightCulmination.AddMinutes(20), options));
        Assert.Empty(PassFinder.Find(day, Jinan, DayCulmination.AddMinutes(-20), DayCulmination.AddMinutes(20), options));
        Assert.Single(PassFinder.Find(day, Jinan, DayCulmination.AddMinutes(-20), DayCulmination.AddMinutes(20)));
    }

    [Fact]
    public void Night_only_clips_a_pass_at_the_twilight_limit()
    {
        // Find when the Sun crosses -12 deg on the evening of 2026-03-10 at Jinan, then centre a long low pass on it.
        var frame = new TopocentricFrame(Jinan.Position);
        DateTime t = new(2026, 3, 10, 10, 0, 0, DateTimeKind.Utc);
        while (SunPosition.ElevationDeg(frame, t) > -12)
        {
            t = t.AddSeconds(1);
        }

        CircularOrbit orbit = SyntheticPass.Create(Jinan, 30, t);
        SatellitePass clipped = Assert.Single(PassFinder.Find(orbit, Jinan, t.AddMinutes(-20), t.AddMinutes(20), new PassSearchOptions { NightOnly = true }));
        SatellitePass full = Assert.Single(PassFinder.Find(orbit, Jinan, t.AddMinutes(-20), t.AddMinutes(20)));
        Assert.True(Math.Abs((clipped.RiseUtc - t).TotalSeconds) < 1.5, $"clipped rise {clipped.RiseUtc:O} vs dusk {t:O}");
        Assert.Equal(full.SetUtc, clipped.SetUtc);
        // Both maxima come from golden-section searches to 0.05 s: equal within the elevation change over that time.
        Assert.True(clipped.MaxElevationDeg <= full.MaxElevationDeg + 1e-3);
    }

    [Fact]
    public void Grazing_pass_between_coarse_samples_is_found()
    {
        CircularOrbit orbit = SyntheticPass.Create(Jinan, 10.4, NightCulmination);
        var coarse = new PassSearchOptions { CoarseStepS = 60 };
        SatellitePass pass = Assert.Single(PassFinder.Find(orbit, Jinan, NightCulmination.AddMinutes(-20).AddSeconds(7), NightCulmination.AddMinutes(20), coarse));
        Assert.Equal(10.4, pass.MaxElevationDeg, 0.1);
    }

    [Fact]
    public void Window_without_passes_gives_an_empty_list()
    {
        CircularOrbit orbit = SyntheticPass.Create(Jinan, 60, NightCulmination);
        Assert.Empty(PassFinder.Find(orbit, Jinan, NightCulmination.AddMinutes(20), NightCulmination.AddMinutes(40)));
    }

    [Fact]
    public void Pass_cut_by_the_window_is_flagged()
    {
        CircularOrbit orbit = SyntheticPass.Create(Jinan, 60, NightCulmination);
        SatellitePass pass = Assert.Single(PassFinder.Find(orbit, Jinan, NightCulmination, NightCulmination.AddMinutes(20)));
        Assert.True(pass.StartsAtWindowEdge);
        Assert.Equal(NightCulmination, pass.RiseUtc);
    }

    [Fact]
    public void A_week_for_eleven_cities_gives_consistent_passes()
    {
        CircularOrbit orbit = SyntheticPass.Create(Jinan, 60, NightCulmination);
        IReadOnlyList<IReadOnlyList<SatellitePass>> all = PassFinder.FindAll(orbit, GroundSiteCatalog.SchedulingCities, NightCulmination, NightCulmination.AddDays(7));
        Assert.Equal(11, all.Count);
        foreach (IReadOnlyList<SatellitePass> passes in all)
        {
            // A 500 km SSO sees a mid-latitude site above 10 deg a few times per day.
            Assert.InRange(passes.Count, 7, 40);
            Assert.All(passes, p => Assert.InRange(p.MaxElevationDeg, 10, 90));
            Assert.All(passes, p => Assert.InRange(p.Duration.TotalMinutes, 0, 9));
        }
    }

    [Fact]
    public void Bad_window_and_options_are_rejected()
    {
        CircularOrbit orbit = SyntheticPass.Create(Jinan, 60, NightCulmination);
        Assert.Throws<ArgumentException>(() => PassFinder.Find(orbit, Jinan, NightCulmination, NightCulmination));
        Assert.Throws<ArgumentOutOfRangeException>(() => PassFinder.Find(orbit, Jinan, NightCulmination, NightCulmination.AddHours(1), new PassSearchOptions { MinElevationDeg = 95 }));
    }
}
