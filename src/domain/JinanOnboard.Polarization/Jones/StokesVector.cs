using System.Numerics;

namespace JinanOnboard.Polarization.Jones;

/// <summary>
/// Normalised Stokes vector (S1, S2, S3) = point on the Poincaré sphere: S1 = +1 for H, S2 = +1 for D, S3 = +1 for
/// <see cref="JonesVector.RightCircular"/>. S1 = |Ex|² − |Ey|², S2 = 2 Re(Ex* Ey), S3 = 2 Im(Ex* Ey), over the intensity
/// (Born &amp; Wolf §1.4.2 with this library's handedness): each is E† σ_k E with σ1 = diag(1, −1), σ2 = [[0, 1], [1, 0]],
/// σ3 = [[0, −i], [i, 0]], which obey σ1σ2 = iσ3, so SU(2) maps onto right-handed rotations of this vector.
/// </summary>
public readonly record struct StokesVector(double S1, double S2, double S3)
{
    /// <summary>Length: 1 for a fully polarized state, less for a partly polarized mixture.</summary>
    public double DegreeOfPolarization => Math.Sqrt((S1 * S1) + (S2 * S2) + (S3 * S3));

    /// <summary>Component k (1, 2 or 3).</summary>
    public double this[int k] => k switch
    {
        1 => S1,
        2 => S2,
        3 => S3,
        _ => throw new ArgumentOutOfRangeException(nameof(k), k, "Stokes components are 1, 2, 3"),
    };

    /// <summary>The Stokes vector of a Jones vector (normalised by its intensity).</summary>
    public static StokesVector FromJones(JonesVector e)
    {
        double i = e.Intensity;
        if (!(i > 0))
        {
            throw new ArgumentException("a zero field has no polarization", nameof(e));
        }

        Complex cross = Complex.Conjugate(e.X) * e.Y;
        double x2 = (e.X.Real * e.X.Real) + (e.X.Imaginary * e.X.Imaginary);
        double y2 = (e.Y.Real * e.Y.Real) + (e.Y.Imaginary * e.Y.Imaginary);
        return new StokesVector((x2 - y2) / i, 2 * cross.Real / i, 2 * cross.Imaginary / i);
    }

    /// <summary>
    /// A unit Jones vector with these Stokes parameters (the global phase chosen so E_x is real and non-negative):
    /// E = (cos(χ), sin(χ) e^(iφ)) with cos 2χ = S1 and φ = atan2(S3, S2). Partial polarization is normalised away.
    /// </summary>
    public JonesVector ToJones()
    {
        double p = DegreeOfPolarization;
        if (!(p > 0))
        {
            throw new InvalidOperationException("an unpolarized Stokes vector has no Jones vector");
        }

        double s1 = Math.Clamp(S1 / p, -1, 1);
        double chi = 0.5 * Math.Acos(s1);
        double phi = Math.Atan2(S3, S2);
        return new JonesVector(Math.Cos(chi), Complex.FromPolarCoordinates(Math.Sin(chi), phi));
    }

    /// <summary>Dot product.</summary>
    public double Dot(StokesVector other) => (S1 * other.S1) + (S2 * other.S2) + (S3 * other.S3);

    /// <summary>
    /// Fidelity |⟨a|b⟩|² of the two pure states these points stand for: (1 + a·b) / 2 (the Poincaré-sphere form).
    /// </summary>
    public static double Fidelity(StokesVector a, StokesVector b) => (1 + a.Dot(b)) / 2;
}
