using JinanOnboard.Orbit.Ephemeris;
using JinanOnboard.Orbit.Frames;
using JinanOnboard.Orbit.Time;

namespace JinanOnboard.Orbit.Sun;

/// <summary>
/// Low-precision Sun position from the Astronomical Almanac (~0.01 deg, 1950-2050), as given in
/// Vallado, "Fundamentals of Astrodynamics and Applications", Alg. 29. The result is in the mean
/// equator and equinox of date; the difference from TEME (equation of the equinoxes, &lt; 0.005 deg)
/// is below the algorithm's own accuracy, so it is used directly with the GMST rotation.
/// </summary>
public static class SunPosition
{
    /// <summary>Astronomical unit, km.</summary>
    public const double AstronomicalUnitKm = 149597870.7;

    private const double DegToRad = Math.PI / 180.0;

    /// <summary>Geocentric Sun position at a UTC instant, km, equator-of-date axes.</summary>
    public static Vec3 GeocentricKm(DateTime utc)
    {
        double t = AstroTime.CenturiesSinceJ2000(utc);
        double meanLongitudeDeg = 280.460 + (36000.771 * t);
        double meanAnomaly = (357.5291092 + (35999.05034 * t)) * DegToRad;
        double eclipticLongitude = (meanLongitudeDeg + (1.914666471 * Math.Sin(meanAnomaly)) + (0.019994643 * Math.Sin(2 * meanAnomaly))) * DegToRad;
        double distanceAu = 1.000140612 - (0.016708617 * Math.Cos(meanAnomaly)) - (0.000139589 * Math.Cos(2 * meanAnomaly));
        double obliquity = (23.439291 - (0.0130042 * t)) * DegToRad;
        double r = distanceAu * AstronomicalUnitKm;
        return new Vec3(
            r * Math.Cos(eclipticLongitude),
            r * Math.Cos(obliquity) * Math.Sin(eclipticLongitude),
            r * Math.Sin(obliquity) * Math.Sin(eclipticLongitude));
    }

    /// <summary>Sun position in Earth-fixed axes, km.</summary>
    public static Vec3 EcefKm(DateTime utc) => TemeToEcef.RotateToEcef(GeocentricKm(utc), AstroTime.GmstRad(utc));

    /// <summary>Geometric elevation of the Sun's centre at a site, degrees (no refraction).</summary>
    public static double ElevationDeg(TopocentricFrame site, DateTime utc) => site.ElevationDeg(EcefKm(utc));

    /// <summary>Declination of the Sun, degrees.</summary>
    public static double DeclinationDeg(DateTime utc)
    {
        Vec3 r = GeocentricKm(utc);
        return Math.Asin(r.Z / r.Norm) / DegToRad;
    }
}
