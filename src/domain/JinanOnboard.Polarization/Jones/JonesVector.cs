using System.Numerics;

namespace JinanOnboard.Polarization.Jones;

/// <summary>
/// A Jones vector (E_x, E_y) of a fully polarized field in a transverse basis whose x axis is the frame's H direction and
/// whose y axis is V, with x × y along the propagation direction. Allocation-free.
/// </summary>
public readonly record struct JonesVector(Complex X, Complex Y)
{
    /// <summary>Horizontal, the Z basis' bit 0.</summary>
    public static JonesVector Horizontal => new(Complex.One, Complex.Zero);

    /// <summary>Vertical, the Z basis' bit 1.</summary>
    public static JonesVector Vertical => new(Complex.Zero, Complex.One);

    /// <summary>Diagonal (+45°), the X basis' bit 0.</summary>
    public static JonesVector Diagonal => new(Math.Sqrt(0.5), Math.Sqrt(0.5));

    /// <summary>Anti-diagonal (−45°), the X basis' bit 1.</summary>
    public static JonesVector AntiDiagonal => new(Math.Sqrt(0.5), -Math.Sqrt(0.5));

    /// <summary>Right circular in this library's convention (Stokes S3 = +1).</summary>
    public static JonesVector RightCircular => new(Math.Sqrt(0.5), new Complex(0, Math.Sqrt(0.5)));

    /// <summary>Intensity |E_x|² + |E_y|².</summary>
    public double Intensity => (X.Real * X.Real) + (X.Imaginary * X.Imaginary) + (Y.Real * Y.Real) + (Y.Imaginary * Y.Imaginary);

    /// <summary>⟨this|other⟩ = this† · other.</summary>
    public Complex Inner(JonesVector other) => (Complex.Conjugate(X) * other.X) + (Complex.Conjugate(Y) * other.Y);

    /// <summary>|⟨this|other⟩|²: the probability that a photon in <paramref name="other"/> passes a projector onto this (unit) state.</summary>
    public double Overlap(JonesVector other)
    {
        Complex c = Inner(other);
        return (c.Real * c.Real) + (c.Imaginary * c.Imaginary);
    }

    /// <summary>The state of one of the four BB84 states.</summary>
    public static JonesVector Of(Bb84State state) => state switch
    {
        Bb84State.H => Horizontal,
        Bb84State.V => Vertical,
        Bb84State.D => Diagonal,
        _ => AntiDiagonal,
    };
}

/// <summary>The four states the payload's source prepares (system.md) and the four outputs of the OGS's passive decoder.</summary>
public enum Bb84State
{
    /// <summary>Horizontal: Z basis, bit 0.</summary>
    H = 0,

    /// <summary>Vertical: Z basis, bit 1.</summary>
    V = 1,

    /// <summary>Diagonal: X basis, bit 0.</summary>
    D = 2,

    /// <summary>Anti-diagonal: X basis, bit 1.</summary>
    A = 3,
}

/// <summary>Helpers on <see cref="Bb84State"/>.</summary>
public static class Bb84States
{
    /// <summary>H, V, D, A in the order the calibration sends them.</summary>
    public static IReadOnlyList<Bb84State> All { get; } = [Bb84State.H, Bb84State.V, Bb84State.D, Bb84State.A];

    /// <summary>The orthogonal state of the same basis (H↔V, D↔A).</summary>
    public static Bb84State Orthogonal(this Bb84State state) => (Bb84State)((int)state ^ 1);

    /// <summary>Whether the state is of the Z (H/V) basis.</summary>
    public static bool IsZBasis(this Bb84State state) => state is Bb84State.H or Bb84State.V;
}
