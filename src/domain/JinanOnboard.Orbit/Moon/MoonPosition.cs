using JinanOnboard.Orbit.Ephemeris;
using JinanOnboard.Orbit.Frames;
using JinanOnboard.Orbit.Sun;
using JinanOnboard.Orbit.Time;

namespace JinanOnboard.Orbit.Moon;

/// <summary>
/// Low-precision Moon position (Astronomical Almanac; Vallado, "Fundamentals of Astrodynamics
/// and Applications", Alg. 31): about 0.3 deg in longitude, 0.2 deg in latitude and 1275 km in
/// distance — ample to tell whether the Moon is up, how full it is and how close it sits to the link.
/// </summary>
public static class MoonPosition
{
    /// <summary>Earth radius used by the algorithm's horizontal-parallax distance, km.</summary>
    public const double EarthRadiusKm = 6378.137;

    private const double DegToRad = Math.PI / 180.0;

    /// <summary>Geocentric Moon position at a UTC instant, km, equator-of-date axes.</summary>
    public static Vec3 GeocentricKm(DateTime utc)
    {
        double t = AstroTime.CenturiesSinceJ2000(utc);
        double lonDeg = 218.32 + (481267.8813 * t)
            + (6.29 * SinDeg(134.9 + (477198.85 * t)))
            - (1.27 * SinDeg(259.2 - (413335.38 * t)))
            + (0.66 * SinDeg(235.7 + (890534.23 * t)))
            + (0.21 * SinDeg(269.9 + (954397.70 * t)))
            - (0.19 * SinDeg(357.5 + (35999.05 * t)))
            - (0.11 * SinDeg(186.6 + (966404.05 * t)));
        double latDeg = (5.13 * SinDeg(93.3 + (483202.03 * t)))
            + (0.28 * SinDeg(228.2 + (960400.87 * t)))
            - (0.28 * SinDeg(318.3 + (6003.18 * t)))
            - (0.17 * SinDeg(217.6 - (407332.20 * t)));
        double parallaxDeg = 0.9508
            + (0.0518 * CosDeg(134.9 + (477198.85 * t)))
            + (0.0095 * CosDeg(259.2 - (413335.38 * t)))
            + (0.0078 * CosDeg(235.7 + (890534.23 * t)))
            + (0.0028 * CosDeg(269.9 + (954397.70 * t)));
        double obliquity = (23.439291 - (0.0130042 * t)) * DegToRad;
        double r = EarthRadiusKm / SinDeg(parallaxDeg);
        double lon = lonDeg * DegToRad;
        double lat = latDeg * DegToRad;
        double cLat = Math.Cos(lat);
        double sLat = Math.Sin(lat);
        return new Vec3(
            r * cLat * Math.Cos(lon),
            r * ((Math.Cos(obliquity) * cLat * Math.Sin(lon)) - (Math.Sin(obliquity) * sLat)),
            r * ((Math.Sin(obliquity) * cLat * Math.Sin(lon)) + (Math.Cos(obliquity) * sLat)));
    }

    /// <summary>Moon position in Earth-fixed axes, km.</summary>
    public static Vec3 EcefKm(DateTime utc) => TemeToEcef.RotateToEcef(GeocentricKm(utc), AstroTime.GmstRad(utc));

    /// <summary>Topocentric elevation of the Moon at a site, degrees (includes the ~1 deg parallax).</summary>
    public static double ElevationDeg(TopocentricFrame site, DateTime utc) => site.ElevationDeg(EcefKm(utc));

    /// <summary>Illuminated fraction of the Moon's disc, 0 (new) to 1 (full), from the Sun-Earth-Moon elongation (phase angle ≈ 180° − elongation).</summary>
    public static double IlluminatedFraction(DateTime utc)
    {
        Vec3 moon = GeocentricKm(utc);
        Vec3 sun = SunPosition.GeocentricKm(utc);
        double cosElongation = Vec3.Dot(moon, sun) / (moon.Norm * sun.Norm);
        // k = (1 + cos i)/2 with phase angle i ≈ π − elongation (Meeus, Astronomical Algorithms, ch. 48).
        return (1.0 - cosElongation) / 2.0;
    }

    /// <summary>Angle between the directions from a site to the Moon and to a target (ECEF km), degrees.</summary>
    public static double SeparationDeg(TopocentricFrame site, Vec3 targetEcefKm, DateTime utc)
    {
        Vec3 toMoon = EcefKm(utc) - site.SiteEcefKm;
        Vec3 toTarget = targetEcefKm - site.SiteEcefKm;
        double c = Vec3.Dot(toMoon, toTarget) / (toMoon.Norm * toTarget.Norm);
        return Math.Acos(Math.Clamp(c, -1.0, 1.0)) / DegToRad;
    }

    private static double SinDeg(double deg) => Math.Sin(deg * DegToRad);

    private static double CosDeg(double deg) => Math.Cos(deg * DegToRad);
}
