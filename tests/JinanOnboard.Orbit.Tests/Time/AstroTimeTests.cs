using JinanOnboard.Orbit.Time;

namespace JinanOnboard.Orbit.Tests.Time;

public sealed class AstroTimeTests
{
    [Fact]
    public void J2000_epoch_is_julian_date_2451545()
    {
        Assert.Equal(2451545.0, AstroTime.JulianDate(new DateTime(2000, 1, 1, 12, 0, 0, DateTimeKind.Utc)), 9);
    }

    [Fact]
    public void Julian_date_matches_vallado_example_3_4()
    {
        // Vallado, Fundamentals of Astrodynamics, Example 3-4: 1996 Oct 26 14:20:00 UT -> JD 2450383.09722222.
        Assert.Equal(2450383.09722222, AstroTime.JulianDate(new DateTime(1996, 10, 26, 14, 20, 0, DateTimeKind.Utc)), 7);
    }

    [Fact]
    public void Gmst_matches_vallado_example_3_5()
    {
        // Vallado Example 3-5: 1992 Aug 20 12:14 UT1 -> GMST = 152.578787886 deg (IAU-82).
        double deg = AstroTime.GmstRad(new DateTime(1992, 8, 20, 12, 14, 0, DateTimeKind.Utc)) * 180.0 / Math.PI;
        Assert.Equal(152.578787886, deg, 6);
    }

    [Fact]
    public void Gmst_advances_one_sidereal_turn_in_23h56m4s()
    {
        var t0 = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        double g0 = AstroTime.GmstRad(t0);
        double g1 = AstroTime.GmstRad(t0.AddSeconds(86164.0905));
        double diff = Math.IEEERemainder(g1 - g0, 2 * Math.PI);
        Assert.True(Math.Abs(diff) < 1e-6, $"GMST moved {diff} rad over one sidereal day");
    }

    [Fact]
    public void Unspecified_kind_is_read_as_utc()
    {
        var unspecified = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Unspecified);
        Assert.Equal(AstroTime.JulianDate(DateTime.SpecifyKind(unspecified, DateTimeKind.Utc)), AstroTime.JulianDate(unspecified));
    }
}
