using JinanOnboard.Orbit.Ephemeris;

namespace JinanOnboard.Orbit.Frames;

/// <summary>A WGS-84 geodetic position: latitude and longitude in degrees (east positive), height above the ellipsoid in metres.</summary>
public readonly record struct GeodeticPosition(double LatitudeDeg, double LongitudeDeg, double HeightM);

/// <summary>WGS-84 ellipsoid conversions (NIMA TR8350.2 constants).</summary>
public static class Wgs84
{
    /// <summary>Equatorial radius, km.</summary>
    public const double EquatorialRadiusKm = 6378.137;

    /// <summary>Flattening.</summary>
    public const double Flattening = 1.0 / 298.257223563;

    /// <summary>First eccentricity squared.</summary>
    public const double EccentricitySquared = Flattening * (2.0 - Flattening);

    private const double DegToRad = Math.PI / 180.0;

    /// <summary>Geodetic to ECEF position in km (Vallado Eq. 3-14).</summary>
    public static Vec3 ToEcefKm(GeodeticPosition site)
    {
        double lat = site.LatitudeDeg * DegToRad;
        double lon = site.LongitudeDeg * DegToRad;
        double sinLat = Math.Sin(lat);
        double cosLat = Math.Cos(lat);
        double n = EquatorialRadiusKm / Math.Sqrt(1.0 - (EccentricitySquared * sinLat * sinLat));
        double hKm = site.HeightM / 1000.0;
        return new Vec3(
            (n + hKm) * cosLat * Math.Cos(lon),
            (n + hKm) * cosLat * Math.Sin(lon),
            ((n * (1.0 - EccentricitySquared)) + hKm) * sinLat);
    }

    /// <summary>ECEF (km) to geodetic, by fixed-point iteration on latitude (converges to &lt; 1e-12 rad in a few steps below 1000 km altitude and well above).</summary>
    public static GeodeticPosition FromEcefKm(Vec3 r)
    {
        double p = Math.Sqrt((r.X * r.X) + (r.Y * r.Y));
        double lon = Math.Atan2(r.Y, r.X);
        double lat = Math.Atan2(r.Z, p * (1.0 - EccentricitySquared));
        double hKm = 0;
        for (int i = 0; i < 10; i++)
        {
            double sinLat = Math.Sin(lat);
            double n = EquatorialRadiusKm / Math.Sqrt(1.0 - (EccentricitySquared * sinLat * sinLat));
            double cosLat = Math.Cos(lat);
            hKm = Math.Abs(cosLat) > 1e-9 ? (p / cosLat) - n : (Math.Abs(r.Z) / Math.Abs(sinLat)) - (n * (1.0 - EccentricitySquared));
            double next = Math.Atan2(r.Z, p * (1.0 - (EccentricitySquared * n / (n + hKm))));
            if (Math.Abs(next - lat) < 1e-14)
            {
                lat = next;
                break;
            }

            lat = next;
        }

        return new GeodeticPosition(lat / DegToRad, lon / DegToRad, hKm * 1000.0);
    }
}
