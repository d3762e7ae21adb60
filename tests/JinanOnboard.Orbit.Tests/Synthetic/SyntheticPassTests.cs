using JinanOnboard.Orbit.Frames;
using JinanOnboard.Orbit.Passes;
using JinanOnboard.Orbit.Sites;
using JinanOnboard.Orbit.Synthetic;
using JinanOnboard.Orbit.Time;

namespace JinanOnboard.Orbit.Tests.Synthetic;

public sealed class SyntheticPassTests
{
    private static readonly DateTime Culmination = new(2026, 3, 10, 14, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void Sun_synchronous_inclination_at_500_km_is_97_4_deg()
    {
        // parameters.md: ~500 km, ~97.4 deg. Hand check: cos i = -1.991e-7 * 2 * 6878.137^3.5 / (3 * 1.0826e-3 * 6378.137^2 * 631.35) = -0.1288.
        Assert.Equal(97.40, CircularOrbit.SunSynchronousInclinationDeg(6878.137), 1);
    }

    [Theory]
    [InlineData(60, PassDirection.Descending, false)]
    [InlineData(60, PassDirection.Ascending, true)]
    [InlineData(25, PassDirection.Descending, true)]
    [InlineData(89, PassDirection.Ascending, false)]
    public void A_pass_over_jinan_peaks_at_the_requested_elevation_and_time(double maxElevationDeg, PassDirection direction, bool east)
    {
        GroundSite jinan = GroundSiteCatalog.Find("Jinan")!;
        CircularOrbit orbit = SyntheticPass.Create(jinan, maxElevationDeg, Culmination, direction: direction, eastOfSite: east);
        IReadOnlyList<SatellitePass> passes = PassFinder.Find(orbit, jinan, Culmination.AddMinutes(-20), Culmination.AddMinutes(20));

        SatellitePass pass = Assert.Single(passes);
        Assert.Equal(maxElevationDeg, pass.MaxElevationDeg, 0.1);
        Assert.True(Math.Abs((pass.MaxElevationUtc - Culmination).TotalSeconds) < 1.0, $"peak at {pass.MaxElevationUtc:O}");
        Assert.Equal(97.4, orbit.InclinationDeg, 0.1);
    }

    [Fact]
    public void A_60_deg_pass_at_500_km_lasts_five_to_eight_minutes_above_10_deg()
    {
        GroundSite jinan = GroundSiteCatalog.Find("Jinan")!;
        CircularOrbit orbit = SyntheticPass.Create(jinan, 60, Culmination);
        SatellitePass pass = Assert.Single(PassFinder.Find(orbit, jinan, Culmination.AddMinutes(-20), Culmination.AddMinutes(20)));
        Assert.InRange(pass.Duration.TotalMinutes, 5, 8);
    }

    [Fact]
    public void Descending_pass_moves_south_and_ascending_moves_north()
    {
        GroundSite jinan = GroundSiteCatalog.Find("Jinan")!;
        foreach (PassDirection direction in new[] { PassDirection.Ascending, PassDirection.Descending })
        {
            CircularOrbit orbit = SyntheticPass.Create(jinan, 50, Culmination, direction: direction);
            double before = Wgs84.FromEcefKm(TemeToEcef.Convert(orbit.StateAt(Culmination.AddSeconds(-60)), Culmination.AddSeconds(-60)).PositionKm).LatitudeDeg;
            double after = Wgs84.FromEcefKm(TemeToEcef.Convert(orbit.StateAt(Culmination.AddSeconds(60)), Culmination.AddSeconds(60)).PositionKm).LatitudeDeg;
            Assert.Equal(direction == PassDirection.Ascending, after > before);
        }
    }

    [Theory]
    [InlineData(PassDirection.Descending)]
    [InlineData(PassDirection.Ascending)]
    public void East_of_site_culminates_in_the_eastern_sky(PassDirection direction)
    {
        GroundSite jinan = GroundSiteCatalog.Find("Jinan")!;
        var frame = new TopocentricFrame(jinan.Position);
        foreach (bool east in new[] { true, false })
        {
            CircularOrbit orbit = SyntheticPass.Create(jinan, 45, Culmination, direction: direction, eastOfSite: east);
            double az = frame.Look(TemeToEcef.Convert(orbit.StateAt(Culmination), Culmination)).AzimuthDeg;
            Assert.True(east == az is > 0 and < 180, $"east={east} culminates at azimuth {az}");
        }
    }

    [Fact]
    public void Orbit_is_circular_at_500_km_with_a_94_minute_period_and_is_deterministic()
    {
        GroundSite hefei = GroundSiteCatalog.Find("Hefei")!;
        CircularOrbit a = SyntheticPass.Create(hefei, 40, Culmination);
        CircularOrbit b = SyntheticPass.Create(hefei, 40, Culmination);
        Assert.Equal(a.StateAt(Culmination.AddHours(3)), b.StateAt(Culmination.AddHours(3)));
        Assert.Equal(6878.137, a.StateAt(Culmination.AddMinutes(17)).PositionKm.Norm, 1e-6);
        // T = 2π sqrt(a^3/μ) = 2π sqrt(6878.137^3 / 398600.4418) = 5677 s = 94.6 min.
        Assert.Equal(5677, a.PeriodS, 1.0);
    }

    [Fact]
    public void Velocity_is_the_derivative_of_position()
    {
        CircularOrbit orbit = SyntheticPass.Create(GroundSiteCatalog.Find("Nanshan")!, 45, Culmination);
        DateTime t = Culmination.AddSeconds(123);
        var dr = orbit.StateAt(t.AddMilliseconds(1)).PositionKm - orbit.StateAt(t.AddMilliseconds(-1)).PositionKm;
        var v = orbit.StateAt(t).VelocityKmPerS;
        Assert.Equal(v.X, dr.X / 0.002, 1e-5);
        Assert.Equal(v.Y, dr.Y / 0.002, 1e-5);
        Assert.Equal(v.Z, dr.Z / 0.002, 1e-5);
    }

    [Fact]
    public void Rejects_impossible_requests()
    {
        GroundSite jinan = GroundSiteCatalog.Find("Jinan")!;
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticPass.Create(jinan, 95, Culmination));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticPass.Create(jinan, 60, Culmination, altitudeKm: 50));
    }

    [Fact]
    public void Gmst_helper_is_used_consistently()
    {
        // Guard: the synthetic orbit is expressed in TEME, so the site must be rotated with the same GMST as TemeToEcef uses.
        Assert.Equal(AstroTime.GmstRad(AstroTime.JulianDate(Culmination)), AstroTime.GmstRad(Culmination), 1e-8);
    }
}
