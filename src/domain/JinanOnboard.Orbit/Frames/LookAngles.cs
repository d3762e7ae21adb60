using JinanOnboard.Orbit.Ephemeris;

namespace JinanOnboard.Orbit.Frames;

/// <summary>Topocentric view of a target from a site: azimuth from north through east, elevation, slant range and range rate (positive receding).</summary>
public readonly record struct LookAngles(double AzimuthDeg, double ElevationDeg, double RangeKm, double RangeRateKmPerS);

/// <summary>A site fixed on the Earth with its east-north-up basis precomputed, so look angles cost a handful of multiplies.</summary>
public sealed class TopocentricFrame
{
    private const double RadToDeg = 180.0 / Math.PI;
    private readonly Vec3 _east;
    private readonly Vec3 _north;
    private readonly Vec3 _up;

    /// <summary>Build the ENU frame of a WGS-84 site (up is the ellipsoid normal, Vallado Eq. 4-4 / 7-1).</summary>
    public TopocentricFrame(GeodeticPosition site)
    {
        Site = site;
        SiteEcefKm = Wgs84.ToEcefKm(site);
        double lat = site.LatitudeDeg / RadToDeg;
        double lon = site.LongitudeDeg / RadToDeg;
        double sLat = Math.Sin(lat);
        double cLat = Math.Cos(lat);
        double sLon = Math.Sin(lon);
        double cLon = Math.Cos(lon);
        _east = new Vec3(-sLon, cLon, 0);
        _north = new Vec3(-sLat * cLon, -sLat * sLon, cLat);
        _up = new Vec3(cLat * cLon, cLat * sLon, sLat);
    }

    /// <summary>The site.</summary>
    public GeodeticPosition Site { get; }

    /// <summary>The site's ECEF position, km.</summary>
    public Vec3 SiteEcefKm { get; }

    /// <summary>The site's local vertical (ellipsoid normal), a unit vector in ECEF.</summary>
    public Vec3 UpUnit => _up;

    /// <summary>Look angles to a target given in ECEF (the site is fixed in ECEF, so the range rate is the target's ECEF velocity along the line of sight).</summary>
    public LookAngles Look(EcefState target)
    {
        Vec3 rho = target.PositionKm - SiteEcefKm;
        double range = rho.Norm;
        double e = Vec3.Dot(rho, _east);
        double n = Vec3.Dot(rho, _north);
        double u = Vec3.Dot(rho, _up);
        double az = Math.Atan2(e, n) * RadToDeg;
        if (az < 0)
        {
            az += 360.0;
        }

        // atan2 keeps full precision near the zenith, where asin loses half the digits.
        double el = Math.Atan2(u, Math.Sqrt((e * e) + (n * n))) * RadToDeg;
        double rangeRate = Vec3.Dot(rho, target.VelocityKmPerS) / range;
        return new LookAngles(az, el, range, rangeRate);
    }

    /// <summary>Elevation only of an ECEF position, degrees (no azimuth, no range rate).</summary>
    public double ElevationDeg(Vec3 targetEcefKm)
    {
        Vec3 rho = targetEcefKm - SiteEcefKm;
        double e = Vec3.Dot(rho, _east);
        double n = Vec3.Dot(rho, _north);
        return Math.Atan2(Vec3.Dot(rho, _up), Math.Sqrt((e * e) + (n * n))) * RadToDeg;
    }
}
