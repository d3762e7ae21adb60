using JinanOnboard.Orbit.Ephemeris;
using JinanOnboard.Orbit.Frames;
using JinanOnboard.Orbit.Synthetic;
using JinanOnboard.Orbit.Time;

namespace JinanOnboard.Studies.RingTwinField.Geometry;

/// <summary>Which ring satellite a ground station attaches to at one instant, and its look angles.</summary>
public readonly record struct Attachment(int Satellite, double ElevationDeg, double RangeKm);

/// <summary>
/// The ring's satellites as two-body circular orbits in one polar plane (the study's "Type-I" polar ring; a polar orbit
/// has no J2 node drift), satellite k at argument of latitude u_0 + n t + 2πk/N. The plane's node is put over
/// <paramref name="nodeLongitudeDeg"/> (Earth-fixed) at <paramref name="epochUtc"/> (assumed: over the first ground
/// station). Because every satellite shares the plane, the best one for a site is the one nearest in argument of
/// latitude to the site's projection on the plane: found in O(1), then checked with real look angles (models.md §1).
/// </summary>
public sealed class RingConstellation
{
    private readonly Vec3 _p;
    private readonly Vec3 _q;
    private readonly Vec3 _normal;

    /// <summary>A ring of <paramref name="satellites"/> on an orbit of <paramref name="radiusKm"/>.</summary>
    public RingConstellation(int satellites, double radiusKm, DateTime epochUtc, double nodeLongitudeDeg)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(satellites, 3);
        Satellites = satellites;
        RadiusKm = radiusKm;
        EpochUtc = epochUtc;
        MeanMotionRadPerS = Math.Sqrt(CircularOrbit.EarthMuKm3PerS2 / (radiusKm * radiusKm * radiusKm));
        double node = AstroTime.GmstRad(epochUtc) + (nodeLongitudeDeg * Math.PI / 180);
        _p = new Vec3(Math.Cos(node), Math.Sin(node), 0);
        _q = new Vec3(0, 0, 1); // polar: the in-plane direction 90° from the node is the pole
        _normal = Vec3.Cross(_p, _q);
    }

    /// <summary>N.</summary>
    public int Satellites { get; }

    /// <summary>Orbit radius, km.</summary>
    public double RadiusKm { get; }

    /// <summary>Reference instant.</summary>
    public DateTime EpochUtc { get; }

    /// <summary>Angular rate along the orbit, rad/s.</summary>
    public double MeanMotionRadPerS { get; }

    /// <summary>TEME position of satellite <paramref name="k"/> at <paramref name="secondsFromEpoch"/>.</summary>
    public Vec3 PositionTemeKm(int k, double secondsFromEpoch)
    {
        double u = ArgumentOfLatitude(k, secondsFromEpoch);
        return RadiusKm * ((Math.Cos(u) * _p) + (Math.Sin(u) * _q));
    }

    /// <summary>
    /// The satellites a site sees best and second best above <paramref name="minElevationDeg"/> (nulls when none), so
    /// that a second station can take the runner-up when both would attach to the same satellite.
    /// </summary>
    public (Attachment? Best, Attachment? Second) Attach(TopocentricFrame site, double secondsFromEpoch, double minElevationDeg)
    {
        ArgumentNullException.ThrowIfNull(site);
        DateTime utc = EpochUtc.AddTicks((long)Math.Round(secondsFromEpoch * TimeSpan.TicksPerSecond));
        double gmst = AstroTime.GmstRad(utc);
        Vec3 siteTeme = TemeToEcef.RotateToTeme(site.SiteEcefKm, gmst);
        double phi = Math.Atan2(Vec3.Dot(siteTeme, _q), Vec3.Dot(siteTeme, _p));
        double spacing = 2 * Math.PI / Satellites;
        double u0 = ArgumentOfLatitude(0, secondsFromEpoch);
        double offset = (phi - u0) / spacing;
        int nearest = Mod((int)Math.Round(offset), Satellites);
        int other = Mod(offset - Math.Round(offset) >= 0 ? nearest + 1 : nearest - 1, Satellites);
        Attachment? a = Look(site, nearest, secondsFromEpoch, gmst, minElevationDeg);
        Attachment? b = Look(site, other, secondsFromEpoch, gmst, minElevationDeg);
        if (a is null || (b is not null && b.Value.ElevationDeg > a.Value.ElevationDeg))
        {
            (a, b) = (b, a);
        }

        return (a, b);
    }

    /// <summary>Angle of a site above or below the ring plane, degrees (for tests and the picture).</summary>
    public double SiteOutOfPlaneDeg(TopocentricFrame site, double secondsFromEpoch)
    {
        ArgumentNullException.ThrowIfNull(site);
        DateTime utc = EpochUtc.AddTicks((long)Math.Round(secondsFromEpoch * TimeSpan.TicksPerSecond));
        Vec3 s = TemeToEcef.RotateToTeme(site.SiteEcefKm, AstroTime.GmstRad(utc));
        return Math.Asin(Vec3.Dot(s, _normal) / s.Norm) * 180 / Math.PI;
    }

    private Attachment? Look(TopocentricFrame site, int k, double t, double gmst, double minElevationDeg)
    {
        Vec3 ecef = TemeToEcef.RotateToEcef(PositionTemeKm(k, t), gmst);
        double elevation = site.ElevationDeg(ecef);
        return elevation >= minElevationDeg ? new Attachment(k, elevation, (ecef - site.SiteEcefKm).Norm) : null;
    }

    private double ArgumentOfLatitude(int k, double t) => (MeanMotionRadPerS * t) + (2 * Math.PI * k / Satellites);

    private static int Mod(int a, int n) => ((a % n) + n) % n;
}
