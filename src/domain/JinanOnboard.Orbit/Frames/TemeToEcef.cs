using JinanOnboard.Orbit.Ephemeris;
using JinanOnboard.Orbit.Time;

namespace JinanOnboard.Orbit.Frames;

/// <summary>
/// TEME to Earth-fixed by a rotation of GMST (IAU-82) about z (Vallado et al. 2006, AIAA 2006-6753,
/// Appendix C, without polar motion as models.md §1 allows). Velocity subtracts ω⊕ × r.
/// </summary>
public static class TemeToEcef
{
    /// <summary>Convert a TEME state at <paramref name="utc"/> to Earth-fixed.</summary>
    public static EcefState Convert(TemeState teme, DateTime utc) => Convert(teme, AstroTime.GmstRad(utc));

    /// <summary>Convert a TEME state with a precomputed GMST (radians).</summary>
    public static EcefState Convert(TemeState teme, double gmstRad)
    {
        Vec3 r = RotateToEcef(teme.PositionKm, gmstRad);
        Vec3 v = RotateToEcef(teme.VelocityKmPerS, gmstRad);
        // v_ecef = R v_teme - ω × r_ecef, ω = (0, 0, ω⊕).
        const double w = AstroTime.EarthRotationRadPerS;
        var vEcef = new Vec3(v.X + (w * r.Y), v.Y - (w * r.X), v.Z);
        return new EcefState(r, vEcef);
    }

    /// <summary>Inverse: Earth-fixed state to TEME with a precomputed GMST (radians).</summary>
    public static TemeState ToTeme(EcefState ecef, double gmstRad)
    {
        const double w = AstroTime.EarthRotationRadPerS;
        Vec3 r = ecef.PositionKm;
        var vInertialInEcef = new Vec3(ecef.VelocityKmPerS.X - (w * r.Y), ecef.VelocityKmPerS.Y + (w * r.X), ecef.VelocityKmPerS.Z);
        return new TemeState(RotateToTeme(r, gmstRad), RotateToTeme(vInertialInEcef, gmstRad));
    }

    /// <summary>Rotate a TEME-axes vector into Earth-fixed axes (R3(GMST)).</summary>
    public static Vec3 RotateToEcef(Vec3 a, double gmstRad)
    {
        double c = Math.Cos(gmstRad);
        double s = Math.Sin(gmstRad);
        return new Vec3((c * a.X) + (s * a.Y), (-s * a.X) + (c * a.Y), a.Z);
    }

    /// <summary>Rotate an Earth-fixed-axes vector into TEME axes (R3(-GMST)).</summary>
    public static Vec3 RotateToTeme(Vec3 a, double gmstRad)
    {
        double c = Math.Cos(gmstRad);
        double s = Math.Sin(gmstRad);
        return new Vec3((c * a.X) - (s * a.Y), (s * a.X) + (c * a.Y), a.Z);
    }
}
