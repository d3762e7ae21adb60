namespace JinanOnboard.Studies.RingTwinField.Geometry;

/// <summary>
/// A ring of N satellites equally spaced on one circular orbit of radius r = R_E + h (ring set: R_E 6371 km, h 500 km).
/// Neighbours are a chord d = 2 r sin(π/N) apart; the chord's lowest point (its midpoint) is at r cos(π/N) from the
/// Earth's centre. Closure criterion (stated here, the study gives none): every inter-satellite line of sight must pass
/// above the grazing height h_g, r cos(π/N) − R_E ≥ h_g, so that the vacuum link model of models.md §4 holds (no
/// atmosphere, no refraction). h_g = 100 km (the Kármán line) is assumed. The smallest such ring has
/// N_min = ⌈π / acos((R_E + h_g) / r)⌉.
/// </summary>
public sealed record RingGeometry(double EarthRadiusKm, double AltitudeKm, double GrazingHeightKm)
{
    /// <summary>Assumed grazing height of the closure criterion, km (the Kármán line).</summary>
    public const double DefaultGrazingHeightKm = 100;

    /// <summary>Orbit radius, km.</summary>
    public double RadiusKm => EarthRadiusKm + AltitudeKm;

    /// <summary>Neighbour separation (chord) for a ring of <paramref name="n"/>, km.</summary>
    public double NeighbourDistanceKm(int n) => 2 * RadiusKm * Math.Sin(Math.PI / Check(n));

    /// <summary>Height above the surface of the lowest point of a neighbour link, km.</summary>
    public double LinkGrazingHeightKm(int n) => (RadiusKm * Math.Cos(Math.PI / Check(n))) - EarthRadiusKm;

    /// <summary>Whether a ring of <paramref name="n"/> closes: every neighbour link clears the grazing height.</summary>
    public bool Closes(int n) => LinkGrazingHeightKm(n) >= GrazingHeightKm;

    /// <summary>The smallest N that closes the ring.</summary>
    public int MinimumSatellites()
    {
        double ratio = (EarthRadiusKm + GrazingHeightKm) / RadiusKm;
        if (ratio >= 1)
        {
            throw new InvalidOperationException($"the grazing height {GrazingHeightKm} km is not below the orbit altitude {AltitudeKm} km: no ring closes");
        }

        int n = (int)Math.Ceiling(Math.PI / Math.Acos(ratio));
        // Guard the ceiling against rounding at an exact boundary.
        return Closes(n) ? n : n + 1;
    }

    private static int Check(int n) => n >= 3 ? n : throw new ArgumentOutOfRangeException(nameof(n), n, "a ring needs at least 3 satellites");
}
