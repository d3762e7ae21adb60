using JinanOnboard.Orbit.Ephemeris;
using JinanOnboard.Orbit.Frames;
using JinanOnboard.Orbit.Time;

namespace JinanOnboard.Orbit.Tests.Frames;

public sealed class FrameTests
{
    [Fact]
    public void Equator_and_pole_sit_on_the_wgs84_axes()
    {
        Vec3 equator = Wgs84.ToEcefKm(new GeodeticPosition(0, 0, 0));
        Assert.Equal(6378.137, equator.X, 9);
        Assert.Equal(0, equator.Y, 9);
        Vec3 pole = Wgs84.ToEcefKm(new GeodeticPosition(90, 0, 0));
        // Polar radius b = a (1 - f) = 6356.752314245 km.
        Assert.Equal(6356.752314245, pole.Z, 6);
        Assert.Equal(0, pole.X, 9);
    }

    [Fact]
    public void Site_matches_vallado_example_7_1()
    {
        // Vallado Example 7-1: lat 39.007 deg, lon -104.883 deg, h 2187 m -> r = (-1275.1219, -4797.9890, 3994.2975) km.
        Vec3 r = Wgs84.ToEcefKm(new GeodeticPosition(39.007, -104.883, 2187));
        Assert.Equal(-1275.1219, r.X, 1e-3);
        Assert.Equal(-4797.9890, r.Y, 1e-3);
        Assert.Equal(3994.2975, r.Z, 1e-3);
    }

    [Theory]
    [InlineData(36.677, 117.1225, 60)]
    [InlineData(-45, -70, 4000)]
    [InlineData(89.9, 10, 0)]
    [InlineData(10, 179, 500_000)]
    public void Geodetic_round_trips_to_a_millimetre(double lat, double lon, double h)
    {
        GeodeticPosition back = Wgs84.FromEcefKm(Wgs84.ToEcefKm(new GeodeticPosition(lat, lon, h)));
        Assert.Equal(lat, back.LatitudeDeg, 9);
        Assert.Equal(lon, back.LongitudeDeg, 9);
        Assert.Equal(h, back.HeightM, 3);
    }

    [Fact]
    public void Teme_to_ecef_rotates_by_gmst_and_round_trips()
    {
        var utc = new DateTime(1992, 8, 20, 12, 14, 0, DateTimeKind.Utc);
        double g = AstroTime.GmstRad(utc);
        var teme = new TemeState(new Vec3(7000, 0, 100), new Vec3(0, 7.5, 1));
        EcefState ecef = TemeToEcef.Convert(teme, utc);
        // A vector on the TEME x axis appears at longitude -GMST in the Earth-fixed frame.
        Assert.Equal(0.0, Math.IEEERemainder(Math.Atan2(ecef.PositionKm.Y, ecef.PositionKm.X) + g, 2 * Math.PI), 9);
        TemeState back = TemeToEcef.ToTeme(ecef, g);
        Assert.Equal(teme.PositionKm.X, back.PositionKm.X, 9);
        Assert.Equal(teme.VelocityKmPerS.Y, back.VelocityKmPerS.Y, 12);
        Assert.Equal(teme.VelocityKmPerS.Z, back.VelocityKmPerS.Z, 12);
    }

    [Fact]
    public void Teme_to_pseudo_earth_fixed_matches_vallado_2006_example()
    {
        // Vallado et al. 2006 (AIAA 2006-6753) TEME example, 2004-04-06 07:51:28.386009 UTC, UT1 - UTC = -0.4399619 s:
        // r_TEME = (5094.18016210, 6127.64465950, 6380.34453270) km, v_TEME = (-4.746131487, 0.785818041, 5.531931288) km/s
        // -> r_PEF = (-1033.47503130, 7901.30558560, 6380.34453270) km, v_PEF = (-3.225632747, -2.872442511, 5.531931288) km/s.
        var utc = new DateTime(2004, 4, 6, 7, 51, 28, DateTimeKind.Utc).AddTicks(3860090);
        double jdUt1 = AstroTime.JulianDate(utc) - (0.4399619 / 86400.0);
        var teme = new TemeState(new Vec3(5094.18016210, 6127.64465950, 6380.34453270), new Vec3(-4.746131487, 0.785818041, 5.531931288));
        EcefState pef = TemeToEcef.Convert(teme, AstroTime.GmstRad(jdUt1));
        // The JD of 2004 carries ~40 µs of rounding: ~0.3 m at this radius.
        Assert.Equal(-1033.47503130, pef.PositionKm.X, 1e-3);
        Assert.Equal(7901.30558560, pef.PositionKm.Y, 1e-3);
        Assert.Equal(6380.34453270, pef.PositionKm.Z, 1e-9);
        Assert.Equal(-3.225632747, pef.VelocityKmPerS.X, 1e-6);
        Assert.Equal(-2.872442511, pef.VelocityKmPerS.Y, 1e-6);
        Assert.Equal(5.531931288, pef.VelocityKmPerS.Z, 1e-9);
    }

    [Fact]
    public void Earth_rotation_term_makes_a_geostationary_orbit_stand_still()
    {
        // r = 42164 km co-rotating: v_teme = ω⊕ × r, so the Earth-fixed velocity must vanish.
        var utc = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        const double w = AstroTime.EarthRotationRadPerS;
        var r = new Vec3(30000, 29627.0, 0);
        var teme = new TemeState(r, new Vec3(-w * r.Y, w * r.X, 0));
        EcefState ecef = TemeToEcef.Convert(teme, utc);
        Assert.True(ecef.VelocityKmPerS.Norm < 1e-12, $"residual {ecef.VelocityKmPerS.Norm} km/s");
    }

    [Fact]
    public void Satellite_straight_overhead_is_at_90_deg_and_its_height_away()
    {
        var site = new GeodeticPosition(36.677, 117.1225, 60);
        var frame = new TopocentricFrame(site);
        Vec3 above = Wgs84.ToEcefKm(site with { HeightM = 500_060 });
        // Moving up at 1 km/s: range rate +1 km/s.
        Vec3 up = (1.0 / (above - frame.SiteEcefKm).Norm) * (above - frame.SiteEcefKm);
        LookAngles look = frame.Look(new EcefState(above, up));
        Assert.Equal(90.0, look.ElevationDeg, 6);
        Assert.Equal(500.0, look.RangeKm, 6);
        Assert.Equal(1.0, look.RangeRateKmPerS, 9);
    }

    [Fact]
    public void Target_due_north_on_the_local_horizontal_has_zero_azimuth_and_elevation()
    {
        var site = new GeodeticPosition(0, 0, 0);
        var frame = new TopocentricFrame(site);
        // At (0,0) north is +z and up is +x: a point 100 km north at the same x is on the horizontal plane.
        var target = new EcefState(new Vec3(6378.137, 0, 100), new Vec3(0, 3, 0));
        LookAngles look = frame.Look(target);
        Assert.Equal(0.0, look.AzimuthDeg, 9);
        Assert.Equal(0.0, look.ElevationDeg, 9);
        Assert.Equal(100.0, look.RangeKm, 9);
        // Moving east, perpendicular to the line of sight: no range rate.
        Assert.Equal(0.0, look.RangeRateKmPerS, 12);
        var east = new EcefState(new Vec3(6378.137, 100, 0), default);
        Assert.Equal(90.0, frame.Look(east).AzimuthDeg, 9);
    }
}
