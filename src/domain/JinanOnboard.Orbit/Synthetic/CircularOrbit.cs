using JinanOnboard.Orbit.Ephemeris;

namespace JinanOnboard.Orbit.Synthetic;

/// <summary>
/// A circular orbit in TEME: two-body motion in a plane whose node drifts at a constant rate
/// (the J2 secular RAAN drift, which is what makes it Sun-synchronous). J2's small change of the
/// in-plane rate is left out: the orbit is placed by <see cref="SyntheticPass"/> for one pass, and over
/// hours the error is a slow along-track drift, not a change of pass geometry.
/// </summary>
public sealed class CircularOrbit : IEphemeris
{
    /// <summary>WGS-84 gravitational parameter, km^3/s^2.</summary>
    public const double EarthMuKm3PerS2 = 398600.4418;

    /// <summary>Earth's J2 (WGS-84/EGM96).</summary>
    public const double EarthJ2 = 1.08262668e-3;

    /// <summary>Equatorial radius, km.</summary>
    public const double EarthRadiusKm = 6378.137;

    /// <summary>Sun-synchronous node rate, rad/s: 360 deg per tropical year.</summary>
    public const double SunSynchronousNodeRateRadPerS = 2.0 * Math.PI / (365.2422 * 86400.0);

    private readonly Vec3 _p;
    private readonly Vec3 _q;

    /// <summary>
    /// An orbit of radius <paramref name="radiusKm"/> that is at unit direction <paramref name="positionDirectionAtEpoch"/>
    /// moving along unit direction <paramref name="velocityDirectionAtEpoch"/> (orthogonal to it) at <paramref name="epochUtc"/>.
    /// </summary>
    public CircularOrbit(DateTime epochUtc, double radiusKm, Vec3 positionDirectionAtEpoch, Vec3 velocityDirectionAtEpoch, double nodeRateRadPerS)
    {
        if (radiusKm <= EarthRadiusKm)
        {
            throw new ArgumentOutOfRangeException(nameof(radiusKm), radiusKm, "orbit radius must exceed the Earth radius");
        }

        EpochUtc = epochUtc;
        RadiusKm = radiusKm;
        _p = (1.0 / positionDirectionAtEpoch.Norm) * positionDirectionAtEpoch;
        _q = (1.0 / velocityDirectionAtEpoch.Norm) * velocityDirectionAtEpoch;
        NodeRateRadPerS = nodeRateRadPerS;
        MeanMotionRadPerS = Math.Sqrt(EarthMuKm3PerS2 / (radiusKm * radiusKm * radiusKm));
    }

    /// <summary>Reference instant.</summary>
    public DateTime EpochUtc { get; }

    /// <summary>Orbit radius, km.</summary>
    public double RadiusKm { get; }

    /// <summary>In-plane angular rate, rad/s.</summary>
    public double MeanMotionRadPerS { get; }

    /// <summary>Rate at which the orbit plane turns about the Earth's axis, rad/s.</summary>
    public double NodeRateRadPerS { get; }

    /// <summary>Orbital period, s.</summary>
    public double PeriodS => 2.0 * Math.PI / MeanMotionRadPerS;

    /// <summary>Inclination, degrees.</summary>
    public double InclinationDeg
    {
        get
        {
            Vec3 h = Vec3.Cross(_p, _q);
            return Math.Acos(Math.Clamp(h.Z / h.Norm, -1.0, 1.0)) * 180.0 / Math.PI;
        }
    }

    /// <summary>
    /// Inclination of a circular Sun-synchronous orbit of radius <paramref name="radiusKm"/>, degrees:
    /// cos i = -dΩ/dt · 2 a^(7/2) / (3 J2 R² √μ) (Vallado Eq. 11-17 with e = 0).
    /// </summary>
    public static double SunSynchronousInclinationDeg(double radiusKm)
    {
        double cosI = -SunSynchronousNodeRateRadPerS * 2.0 * Math.Pow(radiusKm, 3.5)
            / (3.0 * EarthJ2 * EarthRadiusKm * EarthRadiusKm * Math.Sqrt(EarthMuKm3PerS2));
        return Math.Acos(cosI) * 180.0 / Math.PI;
    }

    /// <inheritdoc/>
    public TemeState StateAt(DateTime utc)
    {
        double dt = (utc - EpochUtc).TotalSeconds;
        double u = MeanMotionRadPerS * dt;
        double cu = Math.Cos(u);
        double su = Math.Sin(u);
        Vec3 rPlane = RadiusKm * ((cu * _p) + (su * _q));
        Vec3 vPlane = (RadiusKm * MeanMotionRadPerS) * ((-su * _p) + (cu * _q));
        double node = NodeRateRadPerS * dt;
        double cn = Math.Cos(node);
        double sn = Math.Sin(node);
        Vec3 r = RotateZ(rPlane, cn, sn);
        // The node turns at NodeRate about z, adding ω_node × r to the velocity.
        Vec3 v = RotateZ(vPlane, cn, sn) + new Vec3(-NodeRateRadPerS * r.Y, NodeRateRadPerS * r.X, 0);
        return new TemeState(r, v);
    }

    private static Vec3 RotateZ(Vec3 a, double c, double s) => new((c * a.X) - (s * a.Y), (s * a.X) + (c * a.Y), a.Z);
}
