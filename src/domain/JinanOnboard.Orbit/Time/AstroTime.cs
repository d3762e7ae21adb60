namespace JinanOnboard.Orbit.Time;

/// <summary>
/// UTC to Julian date and Greenwich mean sidereal time (IAU-82), as in Vallado,
/// "Fundamentals of Astrodynamics and Applications", 4th ed., Alg. 14 and Eq. 3-47.
/// UT1 is taken equal to UTC: |UT1-UTC| &lt; 0.9 s moves GMST by &lt; 0.004 deg, below what a
/// link budget can see (models.md §1 allows dropping polar motion and nutation).
/// </summary>
public static class AstroTime
{
    /// <summary>Julian date of the J2000.0 epoch (2000-01-01 12:00 TT, used here on the UT scale).</summary>
    public const double J2000JulianDate = 2451545.0;

    /// <summary>Earth's rotation rate used to turn TEME velocity into Earth-fixed velocity, rad/s (Vallado, 7.292115146706979e-5).</summary>
    public const double EarthRotationRadPerS = 7.292115146706979e-5;

    private const double TwoPi = 2.0 * Math.PI;

    /// <summary>Julian date of a UTC instant (ticks are exact: 100 ns).</summary>
    public static double JulianDate(DateTime utc)
    {
        // DateTime ticks count from 0001-01-01 00:00 (proleptic Gregorian), which is JD 1721425.5.
        long ticks = ToUtc(utc).Ticks;
        long days = ticks / TimeSpan.TicksPerDay;
        double fraction = (ticks - (days * TimeSpan.TicksPerDay)) / (double)TimeSpan.TicksPerDay;
        return 1721425.5 + days + fraction;
    }

    /// <summary>Julian centuries since J2000 for a Julian date.</summary>
    public static double CenturiesSinceJ2000(double julianDate) => (julianDate - J2000JulianDate) / 36525.0;

    /// <summary>Greenwich mean sidereal time (IAU-82) in radians, in [0, 2π).</summary>
    public static double GmstRad(double julianDateUt1) => GmstFromCenturies(CenturiesSinceJ2000(julianDateUt1));

    /// <summary>
    /// GMST (IAU-82) in radians at a UTC instant (UT1 = UTC). Time is taken from ticks relative to J2000, not from
    /// a Julian date: a JD near 2.46e6 is only resolved to ~40 µs, which would make Earth-fixed positions jump by ~2 cm.
    /// </summary>
    public static double GmstRad(DateTime utc)
    {
        long ticks = ToUtc(utc).Ticks - J2000Ticks;
        long dayTicks = ticks % TimeSpan.TicksPerDay;
        double t = ticks / (double)TimeSpan.TicksPerDay / 36525.0;
        // Vallado Eq. 3-47 with its 876600 h · T term (= 86400 s per day since J2000) reduced modulo a day exactly:
        // only the day fraction survives, so no term exceeds ~2e6 s and the result keeps sub-nanosecond resolution.
        double seconds = 67310.54841 + (dayTicks / (double)TimeSpan.TicksPerSecond) + (8640184.812866 * t)
            + (0.093104 * t * t) - (6.2e-6 * t * t * t);
        double rad = (seconds % 86400.0) / 86400.0 * TwoPi;
        return rad < 0 ? rad + TwoPi : rad;
    }

    /// <summary>Julian centuries since J2000 of a UTC instant, at tick (100 ns) resolution.</summary>
    public static double CenturiesSinceJ2000(DateTime utc) =>
        (ToUtc(utc).Ticks - J2000Ticks) / (double)TimeSpan.TicksPerDay / 36525.0;

    private static readonly long J2000Ticks = new DateTime(2000, 1, 1, 12, 0, 0, DateTimeKind.Utc).Ticks;

    private static double GmstFromCenturies(double t)
    {
        // Vallado Eq. 3-47: GMST in seconds of time.
        double seconds = 67310.54841 + (((876600.0 * 3600.0) + 8640184.812866) * t)
            + (0.093104 * t * t) - (6.2e-6 * t * t * t);
        double rad = (seconds % 86400.0) / 86400.0 * TwoPi;
        return rad < 0 ? rad + TwoPi : rad;
    }

    /// <summary>Treat Unspecified as UTC and convert Local to UTC, so callers never get a silent offset.</summary>
    public static DateTime ToUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };
}
