using System.Numerics;

namespace JinanOnboard.Polarization.Jones;

/// <summary>
/// A 2×2 complex Jones matrix [[M00, M01], [M10, M11]] acting on <see cref="JonesVector"/>s. Lossless elements are
/// unitary; the ones built here (<see cref="Waveplate"/>, <see cref="Rotator"/>) are in SU(2), so a product of them
/// is too and global phases never need tracking. Allocation-free.
/// </summary>
public readonly record struct JonesMatrix(Complex M00, Complex M01, Complex M10, Complex M11)
{
    /// <summary>The identity.</summary>
    public static JonesMatrix Identity => new(Complex.One, Complex.Zero, Complex.Zero, Complex.One);

    /// <summary>Determinant.</summary>
    public Complex Determinant => (M00 * M11) - (M01 * M10);

    /// <summary>Trace.</summary>
    public Complex Trace => M00 + M11;

    /// <summary>Conjugate transpose (the inverse of a unitary matrix).</summary>
    public JonesMatrix Adjoint => new(Complex.Conjugate(M00), Complex.Conjugate(M10), Complex.Conjugate(M01), Complex.Conjugate(M11));

    /// <summary>Matrix product: <paramref name="a"/> after <paramref name="b"/> (light meets <paramref name="b"/> first).</summary>
    public static JonesMatrix operator *(JonesMatrix a, JonesMatrix b) => new(
        (a.M00 * b.M00) + (a.M01 * b.M10),
        (a.M00 * b.M01) + (a.M01 * b.M11),
        (a.M10 * b.M00) + (a.M11 * b.M10),
        (a.M10 * b.M01) + (a.M11 * b.M11));

    /// <summary>Applies the matrix to a vector.</summary>
    public static JonesVector operator *(JonesMatrix m, JonesVector v) => new((m.M00 * v.X) + (m.M01 * v.Y), (m.M10 * v.X) + (m.M11 * v.Y));

    /// <summary>Scales every entry.</summary>
    public static JonesMatrix operator *(Complex s, JonesMatrix m) => new(s * m.M00, s * m.M01, s * m.M10, s * m.M11);

    /// <summary>Named alternative to the operator.</summary>
    public static JonesMatrix Multiply(JonesMatrix a, JonesMatrix b) => a * b;

    /// <summary>
    /// Fidelity of two unitaries up to a global phase, |tr(A† B)|² / 4: 1 when they act identically on every
    /// polarization, less otherwise (the process fidelity of two-dimensional unitaries).
    /// </summary>
    public static double ProcessFidelity(JonesMatrix a, JonesMatrix b)
    {
        Complex t = (a.Adjoint * b).Trace;
        return ((t.Real * t.Real) + (t.Imaginary * t.Imaginary)) / 4.0;
    }

    /// <summary>Largest entry-wise distance of M†M from the identity (0 for a unitary).</summary>
    public double UnitarityError()
    {
        JonesMatrix p = Adjoint * this;
        return Math.Max(
            Math.Max(Complex.Abs(p.M00 - Complex.One), Complex.Abs(p.M11 - Complex.One)),
            Math.Max(Complex.Abs(p.M01), Complex.Abs(p.M10)));
    }
}
