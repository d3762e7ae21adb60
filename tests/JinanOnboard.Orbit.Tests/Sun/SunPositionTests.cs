using JinanOnboard.Orbit.Ephemeris;
using JinanOnboard.Orbit.Frames;
using JinanOnboard.Orbit.Sites;
using JinanOnboard.Orbit.Sun;

namespace JinanOnboard.Orbit.Tests.Sun;

public sealed class SunPositionTests
{
    [Fact]
    public void Matches_vallado_example_5_1()
    {
        // Vallado Example 5-1: 2006 April 2 00:00 UTC -> r_sun = (0.9771945, 0.1924424, 0.0834308) AU (mean of date).
        Vec3 r = SunPosition.GeocentricKm(new DateTime(2006, 4, 2, 0, 0, 0, DateTimeKind.Utc));
        const double au = SunPosition.AstronomicalUnitKm;
        Assert.Equal(0.9771945, r.X / au, 4);
        Assert.Equal(0.1924424, r.Y / au, 4);
        Assert.Equal(0.0834308, r.Z / au, 4);
    }

    [Fact]
    public void Declination_is_zero_at_the_march_2024_equinox_and_maximal_at_the_june_solstice()
    {
        // Equinox 2024-03-20 03:06 UTC, solstice 2024-06-20 20:51 UTC (US Naval Observatory).
        Assert.InRange(SunPosition.DeclinationDeg(new DateTime(2024, 3, 20, 3, 6, 0, DateTimeKind.Utc)), -0.02, 0.02);
        Assert.InRange(SunPosition.DeclinationDeg(new DateTime(2024, 6, 20, 20, 51, 0, DateTimeKind.Utc)), 23.42, 23.46);
    }

    [Fact]
    public void Winter_solstice_noon_at_jinan_is_90_minus_latitude_minus_obliquity()
    {
        var jinan = new TopocentricFrame(GroundSiteCatalog.Find("Jinan")!.Position);
        // Local apparent noon at 117.12 E on 2024-12-21: 12:00 - 7.8 h (longitude) + 1.7 min (equation of time) ≈ 04:10 UTC.
        // Elevation = 90 - 36.677 - 23.436 = 29.887 deg (flat near noon).
        double noon = SunPosition.ElevationDeg(jinan, new DateTime(2024, 12, 21, 4, 10, 0, DateTimeKind.Utc));
        Assert.Equal(29.887, noon, 1);
        double midnight = SunPosition.ElevationDeg(jinan, new DateTime(2024, 12, 21, 16, 10, 0, DateTimeKind.Utc));
        // Lower culmination twelve hours later: lat + dec - 90 = 36.677 - 23.436 - 90 = -76.759 deg.
        Assert.Equal(-(90 - 36.677) - 23.436, midnight, 1);
    }
}
