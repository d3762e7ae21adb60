using System.Numerics;

namespace JinanOnboard.Polarization.Jones;

/// <summary>
/// Retarders and rotators as SU(2) Jones matrices. A retarder of retardance δ with its fast axis at angle θ from H is
/// R(θ) · diag(e^(−iδ/2), e^(iδ/2)) · R(−θ) with R the rotation of the field (Hecht, Optics, §8.12; the symmetric phase
/// split keeps the determinant 1). In this form QWP(θ)·QWP(θ) = HWP(θ) exactly, not only up to a phase.
/// </summary>
public static class Waveplate
{
    private const double DegToRad = Math.PI / 180.0;

    /// <summary>A retarder of <paramref name="retardanceRad"/> with fast axis at <paramref name="fastAxisDegrees"/> from H.</summary>
    public static JonesMatrix Retarder(double fastAxisDegrees, double retardanceRad)
    {
        double t = fastAxisDegrees * DegToRad;
        double c = Math.Cos(t);
        double s = Math.Sin(t);
        Complex a = Complex.FromPolarCoordinates(1, -retardanceRad / 2);
        Complex b = Complex.Conjugate(a);
        // R(θ) diag(a, b) R(−θ), expanded.
        return new JonesMatrix(
            (a * c * c) + (b * s * s),
            (a - b) * c * s,
            (a - b) * c * s,
            (a * s * s) + (b * c * c));
    }

    /// <summary>Quarter-wave plate (δ = π/2) with its fast axis at <paramref name="fastAxisDegrees"/>.</summary>
    public static JonesMatrix QuarterWave(double fastAxisDegrees) => Retarder(fastAxisDegrees, Math.PI / 2);

    /// <summary>Half-wave plate (δ = π) with its fast axis at <paramref name="fastAxisDegrees"/>: reflects a linear polarization at ψ to 2θ − ψ.</summary>
    public static JonesMatrix HalfWave(double fastAxisDegrees) => Retarder(fastAxisDegrees, Math.PI);

    /// <summary>
    /// Rotation of the field by <paramref name="angleDegrees"/> (from H towards V): what a change of transverse reference
    /// frame does, e.g. the frame rotation between the satellite and the OGS over a pass.
    /// </summary>
    public static JonesMatrix Rotator(double angleDegrees)
    {
        double t = angleDegrees * DegToRad;
        double c = Math.Cos(t);
        double s = Math.Sin(t);
        return new JonesMatrix(c, -s, s, c);
    }
}
