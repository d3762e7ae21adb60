using JinanOnboard.Orbit.Ephemeris;
using JinanOnboard.Orbit.Frames;
using JinanOnboard.Orbit.Sites;
using JinanOnboard.Orbit.Synthetic;

namespace JinanOnboard.Studies.MdiFeasibility.Study;

/// <summary>Where the satellite comes from: a TLE over a time window, or a circular orbit of a given height.</summary>
public abstract record MdiOrbitSource
{
    private MdiOrbitSource() { }

    /// <summary>An SGP4 ephemeris (from a TLE) searched over [<paramref name="FromUtc"/>, <paramref name="ToUtc"/>].</summary>
    public sealed record FromEphemeris(IEphemeris Ephemeris, string Name, DateTime FromUtc, DateTime ToUtc) : MdiOrbitSource;

    /// <summary>
    /// A circular Sun-synchronous orbit at <paramref name="AltitudeKm"/> placed (by <see cref="SyntheticPass"/>) to pass
    /// through the zenith of the two sites' midpoint at local mean midnight starting <paramref name="NightOfUtc"/>: the
    /// best pass the pair can have at that height, so sweeps over height compare like with like.
    /// </summary>
    public sealed record Circular(double AltitudeKm, DateTime NightOfUtc) : MdiOrbitSource;
}

/// <summary>One configuration of the study: the two sites, the uplink parameter set, the orbit and the elevation limit.</summary>
public sealed record MdiScenario(GroundSite SiteA, GroundSite SiteB, Physics.Parameters.PhysicsParameterSet UplinkSet, MdiOrbitSource Orbit, double MinElevationDeg)
{
    /// <summary>Peak elevation of the circular orbit's pass over the midpoint, degrees (89: the synthetic-pass builder needs a side of the site to pass on).</summary>
    public const double CulminationElevationDeg = 89;

    /// <summary>Half-length of the time window searched around a circular orbit's culmination, minutes.</summary>
    public const double CircularWindowHalfMinutes = 20;

    /// <summary>The two sites' great-circle midpoint (spherical; height 0), over which a circular orbit culminates.</summary>
    public GroundSite Midpoint
    {
        get
        {
            Vec3 a = Unit(SiteA.Position);
            Vec3 b = Unit(SiteB.Position);
            Vec3 m = a + b;
            double lat = Math.Atan2(m.Z, Math.Sqrt((m.X * m.X) + (m.Y * m.Y))) * 180 / Math.PI;
            double lon = Math.Atan2(m.Y, m.X) * 180 / Math.PI;
            return new GroundSite($"midpoint of {SiteA.Name} and {SiteB.Name}", new GeodeticPosition(lat, lon, 0), false, "computed");
        }
    }

    /// <summary>The ephemeris and the search window this scenario uses.</summary>
    public (IEphemeris Ephemeris, DateTime FromUtc, DateTime ToUtc) Resolve()
    {
        switch (Orbit)
        {
            case MdiOrbitSource.FromEphemeris e:
                return (e.Ephemeris, e.FromUtc, e.ToUtc);
            case MdiOrbitSource.Circular c:
                GroundSite mid = Midpoint;
                DateTime culmination = DateTime.SpecifyKind(c.NightOfUtc.Date, DateTimeKind.Utc).AddHours(-mid.Position.LongitudeDeg / 15.0);
                CircularOrbit orbit = SyntheticPass.Create(mid, CulminationElevationDeg, culmination, c.AltitudeKm);
                TimeSpan half = TimeSpan.FromMinutes(CircularWindowHalfMinutes);
                return (orbit, culmination - half, culmination + half);
            default:
                throw new InvalidOperationException("unknown orbit source");
        }
    }

    private static Vec3 Unit(GeodeticPosition p)
    {
        double lat = p.LatitudeDeg * Math.PI / 180;
        double lon = p.LongitudeDeg * Math.PI / 180;
        return new Vec3(Math.Cos(lat) * Math.Cos(lon), Math.Cos(lat) * Math.Sin(lon), Math.Sin(lat));
    }
}
