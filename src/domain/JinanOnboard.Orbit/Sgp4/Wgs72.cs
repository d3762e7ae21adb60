namespace JinanOnboard.Orbit.Sgp4;

/// <summary>
/// WGS-72 gravity constants as SGP4 uses them (Vallado et al. 2006, AIAA 2006-6753, getgravconst "wgs72").
/// The TLE mean elements are fitted with these, so they must not be replaced by WGS-84 values.
/// </summary>
internal static class Wgs72
{
    /// <summary>Earth gravitational parameter, km³/s².</summary>
    public const double MuKm3PerS2 = 398600.8;

    /// <summary>Equatorial radius, km (one "earth radius", SGP4's distance unit).</summary>
    public const double RadiusKm = 6378.135;

    /// <summary>Un-normalized zonal harmonics.</summary>
    public const double J2 = 0.001082616;
    public const double J3 = -0.00000253881;
    public const double J4 = -0.00000165597;
    public const double J3OverJ2 = J3 / J2;

    /// <summary>sqrt(mu) in earth radii^1.5 per minute: 60 / sqrt(R³/mu).</summary>
    public static readonly double Xke = 60.0 / Math.Sqrt(RadiusKm * RadiusKm * RadiusKm / MuKm3PerS2);

    /// <summary>Earth radii per minute to km/s.</summary>
    public static readonly double VelocityKmPerS = RadiusKm * Xke / 60.0;
}
