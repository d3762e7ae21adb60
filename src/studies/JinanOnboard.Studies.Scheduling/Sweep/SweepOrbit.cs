using JinanOnboard.Orbit.Ephemeris;
using JinanOnboard.Orbit.Frames;
using JinanOnboard.Orbit.Synthetic;
using JinanOnboard.Orbit.Time;

namespace JinanOnboard.Studies.Scheduling.Sweep;

/// <summary>One orbit of the sweep: its ephemeris and what was assumed to place it.</summary>
public sealed record SweepOrbit(string Name, double AltitudeKm, double InclinationDeg, string Placement, IEphemeris Ephemeris, int SamplesPerInterval);

/// <summary>
/// The sweep's circular orbits (issue 19 part 2) on the Orbit module's <see cref="CircularOrbit"/>: LEO/MEO ones
/// Sun-synchronous at their altitude, in the plane of a reference orbit (the Micius TLE at the window start: same
/// ascending node, so the same local time of passes), starting at the ascending node (ASSUMED phase); GEO a
/// geostationary point over an ASSUMED longitude (118°E, near the middle of the eleven cities).
/// </summary>
public static class SweepOrbits
{
    /// <summary>Longitude of the geostationary case, degrees east (assumed).</summary>
    public const double GeoLongitudeDeg = 118.0;

    /// <summary>
    /// Circular Sun-synchronous orbit at <paramref name="altitudeKm"/> with the ascending node of <paramref name="reference"/>
    /// at <paramref name="epochUtc"/>. Geometry is sampled 10 times per interval below 1000 km and once (at the interval
    /// centre) above, where a 10 s interval moves the line of sight by at most about a degree.
    /// </summary>
    public static SweepOrbit SunSynchronous(double altitudeKm, IEphemeris reference, DateTime epochUtc)
    {
        ArgumentNullException.ThrowIfNull(reference);
        TemeState s = reference.StateAt(epochUtc);
        Vec3 h = Vec3.Cross(s.PositionKm, s.VelocityKmPerS);
        double node = Math.Atan2(h.X, -h.Y); // ẑ × h points to the ascending node: (−h_y, h_x, 0).
        double radius = CircularOrbit.EarthRadiusKm + altitudeKm;
        double inclination = CircularOrbit.SunSynchronousInclinationDeg(radius);
        double i = inclination * Math.PI / 180.0;
        var p = new Vec3(Math.Cos(node), Math.Sin(node), 0);
        var q = new Vec3(-Math.Sin(node) * Math.Cos(i), Math.Cos(node) * Math.Cos(i), Math.Sin(i));
        var orbit = new CircularOrbit(epochUtc, radius, p, q, CircularOrbit.SunSynchronousNodeRateRadPerS);
        return new SweepOrbit($"SSO {altitudeKm:F0} km", altitudeKm, inclination,
            $"circular, Sun-synchronous (i = {inclination:F1}°), ascending node of the reference TLE at the window start, satellite at the node then (assumed phase)",
            orbit, altitudeKm < 1000 ? 10 : 1);
    }

    /// <summary>A geostationary point over <see cref="GeoLongitudeDeg"/>: radius (μ/ω⊕²)^(1/3), equatorial, no node drift.</summary>
    public static SweepOrbit Geostationary(DateTime epochUtc, double longitudeDeg = GeoLongitudeDeg)
    {
        double radius = Math.Cbrt(CircularOrbit.EarthMuKm3PerS2 / (AstroTime.EarthRotationRadPerS * AstroTime.EarthRotationRadPerS));
        double lon = longitudeDeg * Math.PI / 180.0;
        double gmst = AstroTime.GmstRad(epochUtc);
        Vec3 p = TemeToEcef.RotateToTeme(new Vec3(Math.Cos(lon), Math.Sin(lon), 0), gmst);
        Vec3 q = Vec3.Cross(new Vec3(0, 0, 1), p);
        var orbit = new CircularOrbit(epochUtc, radius, p, q, 0);
        return new SweepOrbit("GEO", radius - CircularOrbit.EarthRadiusKm, 0,
            $"geostationary over {longitudeDeg:F0}°E (assumed longitude)", orbit, 1);
    }
}
