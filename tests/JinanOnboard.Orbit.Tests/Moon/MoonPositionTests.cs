using JinanOnboard.Orbit.Ephemeris;
using JinanOnboard.Orbit.Moon;

namespace JinanOnboard.Orbit.Tests.Moon;

public sealed class MoonPositionTests
{
    [Fact]
    public void Matches_vallado_example_5_3()
    {
        // Vallado Example 5-3: 1994 April 28 00:00 UTC -> r_moon = (-134240.626, -311571.590, -126693.785) km.
        // The example evaluates the same series in TDB (61 s later); the Moon moves ~60 km in that time.
        Vec3 r = MoonPosition.GeocentricKm(new DateTime(1994, 4, 28, 0, 0, 0, DateTimeKind.Utc));
        Assert.InRange(r.X, -134240.626 - 200, -134240.626 + 200);
        Assert.InRange(r.Y, -311571.590 - 200, -311571.590 + 200);
        Assert.InRange(r.Z, -126693.785 - 200, -126693.785 + 200);
    }

    [Fact]
    public void Illuminated_fraction_is_full_at_full_moon_and_dark_at_new_moon()
    {
        // Full moon 2024-04-23 23:49 UTC, new moon 2024-04-08 18:21 UTC (US Naval Observatory).
        Assert.True(MoonPosition.IlluminatedFraction(new DateTime(2024, 4, 23, 23, 49, 0, DateTimeKind.Utc)) > 0.99);
        Assert.True(MoonPosition.IlluminatedFraction(new DateTime(2024, 4, 8, 18, 21, 0, DateTimeKind.Utc)) < 0.01);
    }

    [Fact]
    public void Distance_stays_between_perigee_and_apogee()
    {
        for (int day = 0; day < 60; day++)
        {
            double km = MoonPosition.GeocentricKm(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(day)).Norm;
            Assert.InRange(km, 355_000, 408_000);
        }
    }
}
