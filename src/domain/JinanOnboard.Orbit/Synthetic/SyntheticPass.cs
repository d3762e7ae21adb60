using JinanOnboard.Orbit.Ephemeris;
using JinanOnboard.Orbit.Frames;
using JinanOnboard.Orbit.Sites;
using JinanOnboard.Orbit.Time;

namespace JinanOnboard.Orbit.Synthetic;

/// <summary>Which way a synthetic pass crosses the site's latitude.</summary>
public enum PassDirection
{
    /// <summary>Northbound (ascending) arc over the site.</summary>
    Ascending,

    /// <summary>Southbound (descending) arc over the site.</summary>
    Descending,
}

/// <summary>
/// Places a circular ~500 km Sun-synchronous orbit so that it culminates over a site at a chosen
/// elevation and time (issue 4 item 4). Deterministic: the same inputs give the same orbit.
/// </summary>
public static class SyntheticPass
{
    /// <summary>Default altitude above the equatorial radius, km (Jinan-1's ~500 km, parameters.md).</summary>
    public const double DefaultAltitudeKm = 500.0;

    private const double DegToRad = Math.PI / 180.0;

    /// <summary>
    /// An orbit whose pass over <paramref name="site"/> peaks at <paramref name="maxElevationDeg"/> (± 0.01 deg)
    /// at <paramref name="culminationUtc"/> (± 0.1 s), as seen with the WGS-84 site and rotating Earth.
    /// The satellite passes east of the site when <paramref name="eastOfSite"/> is true.
    /// </summary>
    public static CircularOrbit Create(
        GroundSite site,
        double maxElevationDeg,
        DateTime culminationUtc,
        double altitudeKm = DefaultAltitudeKm,
        PassDirection direction = PassDirection.Descending,
        bool eastOfSite = false)
    {
        ArgumentNullException.ThrowIfNull(site);
        if (maxElevationDeg is < 1 or > 90 || double.IsNaN(maxElevationDeg))
        {
            throw new ArgumentOutOfRangeException(nameof(maxElevationDeg), maxElevationDeg, "maximum elevation must be in [1, 90] deg");
        }

        if (altitudeKm is < 150 or > 2000 || double.IsNaN(altitudeKm))
        {
            throw new ArgumentOutOfRangeException(nameof(altitudeKm), altitudeKm, "synthetic orbits are LEO: altitude must be in [150, 2000] km");
        }

        culminationUtc = AstroTime.ToUtc(culminationUtc);
        double radiusKm = CircularOrbit.EarthRadiusKm + altitudeKm;
        var frame = new TopocentricFrame(site.Position);
        double gmst = AstroTime.GmstRad(culminationUtc);
        Vec3 siteTeme = TemeToEcef.RotateToTeme(frame.SiteEcefKm, gmst);
        double siteRadiusKm = siteTeme.Norm;

        // Spherical first guess: central angle from the site to the sub-satellite point at culmination
        // (law of sines in the Earth-centre/site/satellite triangle).
        double guessPsi = Math.Acos(siteRadiusKm * Math.Cos(maxElevationDeg * DegToRad) / radiusKm) - (maxElevationDeg * DegToRad);
        double psi = guessPsi;
        double phase = 0;
        CircularOrbit orbit = Build(culminationUtc, radiusKm, siteTeme, psi, phase, direction, eastOfSite);

        // Earth rotation and the ellipsoid shift the true culmination slightly: correct the cross-track
        // offset by a secant step on elevation and the along-track phase by the time error.
        for (int iter = 0; iter < 8; iter++)
        {
            (double tPeakS, double elPeakDeg) = Culmination(orbit, frame, culminationUtc);
            phase += orbit.MeanMotionRadPerS * tPeakS;
            double elError = elPeakDeg - maxElevationDeg;
            if (Math.Abs(elError) < 1e-4 && Math.Abs(tPeakS) < 0.02)
            {
                break;
            }

            // d(elevation)/d(psi) from a small probe.
            const double probe = 1e-4;
            CircularOrbit probed = Build(culminationUtc, radiusKm, siteTeme, psi + probe, phase, direction, eastOfSite);
            double elProbe = Culmination(probed, frame, culminationUtc).ElevationDeg;
            double elHere = Culmination(Build(culminationUtc, radiusKm, siteTeme, psi, phase, direction, eastOfSite), frame, culminationUtc).ElevationDeg;
            double slope = (elProbe - elHere) / probe;
            elError = elHere - maxElevationDeg;
            if (Math.Abs(slope) > 1e-9)
            {
                psi = Math.Max(0, psi - (elError / slope));
            }

            orbit = Build(culminationUtc, radiusKm, siteTeme, psi, phase, direction, eastOfSite);
        }

        return orbit;
    }

    /// <summary>
    /// Orbit plane with the Sun-synchronous inclination at angular distance <paramref name="psi"/> from the site, on the
    /// requested side and moving in the requested direction; the satellite sits at the plane point nearest the site,
    /// advanced by <paramref name="phase"/>.
    /// </summary>
    private static CircularOrbit Build(DateTime epochUtc, double radiusKm, Vec3 siteTeme, double psi, double phase, PassDirection direction, bool eastOfSite)
    {
        double inc = CircularOrbit.SunSynchronousInclinationDeg(radiusKm) * DegToRad;
        Vec3 s = (1.0 / siteTeme.Norm) * siteTeme;
        var z = new Vec3(0, 0, 1);
        Vec3 zs = Vec3.Cross(z, s);
        Vec3 east = (1.0 / zs.Norm) * zs;
        double c = s.Z;
        double denom = 1.0 - (c * c);
        Vec3? chosen = null;
        // Plane normal n = α z + β s + γ (z × s) with n·z = cos i, n·s = ±sin ψ, |n| = 1: four candidates, one per side and direction.
        foreach (double signedPsi in new[] { psi, -psi })
        {
            double alpha = (Math.Cos(inc) - (c * Math.Sin(signedPsi))) / denom;
            double beta = (Math.Sin(signedPsi) - (c * Math.Cos(inc))) / denom;
            double rest = 1.0 - ((alpha * alpha) + (beta * beta) + (2 * alpha * beta * c));
            if (rest < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(psi), "the site latitude is beyond the reach of a Sun-synchronous orbit at this offset");
            }

            double gamma = Math.Sqrt(rest / denom);
            foreach (double g in new[] { gamma, -gamma })
            {
                Vec3 n = (alpha * z) + (beta * s) + (g * zs);
                // The satellite is displaced from the site by -(n·s) n: its east component decides the side.
                bool isEast = -Vec3.Dot(n, s) * Vec3.Dot(n, east) > 0 || psi == 0;
                if (NorthboundAt(n, s) == (direction == PassDirection.Ascending) && isEast == eastOfSite)
                {
                    chosen ??= n;
                }
            }
        }

        Vec3 normal = chosen ?? throw new InvalidOperationException("no orbit plane matches the requested side and direction");
        Vec3 p = s - (Vec3.Dot(s, normal) * normal);
        p = (1.0 / p.Norm) * p;
        Vec3 q = Vec3.Cross(normal, p);
        Vec3 pPhased = (Math.Cos(phase) * p) + (Math.Sin(phase) * q);
        Vec3 qPhased = (Math.Cos(phase) * q) - (Math.Sin(phase) * p);
        return new CircularOrbit(epochUtc, radiusKm, pPhased, qPhased, CircularOrbit.SunSynchronousNodeRateRadPerS);
    }

    private static bool NorthboundAt(Vec3 normal, Vec3 siteDir)
    {
        Vec3 p = siteDir - (Vec3.Dot(siteDir, normal) * normal);
        return Vec3.Cross(normal, p).Z > 0;
    }

    /// <summary>Time of peak elevation relative to <paramref name="nominalUtc"/> (s) and the peak (deg), by golden search over ±240 s.</summary>
    private static (double TimeS, double ElevationDeg) Culmination(CircularOrbit orbit, TopocentricFrame frame, DateTime nominalUtc)
    {
        double Elevation(double t)
        {
            DateTime utc = nominalUtc.AddTicks((long)Math.Round(t * TimeSpan.TicksPerSecond));
            return frame.ElevationDeg(TemeToEcef.RotateToEcef(orbit.StateAt(utc).PositionKm, AstroTime.GmstRad(utc)));
        }

        const double g = 0.6180339887498949;
        double a = -240;
        double b = 240;
        double c = b - (g * (b - a));
        double d = a + (g * (b - a));
        double fc = Elevation(c);
        double fd = Elevation(d);
        while (b - a > 1e-3)
        {
            if (fc > fd)
            {
                b = d;
                d = c;
                fd = fc;
                c = b - (g * (b - a));
                fc = Elevation(c);
            }
            else
            {
                a = c;
                c = d;
                fc = fd;
                d = a + (g * (b - a));
                fd = Elevation(d);
            }
        }

        double tPeak = 0.5 * (a + b);
        return (tPeak, Elevation(tPeak));
    }
}
