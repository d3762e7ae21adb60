using System.Numerics;

namespace JinanOnboard.Polarization.Jones;

/// <summary>
/// A rotation of the Poincaré sphere (an SO(3) matrix acting on <see cref="StokesVector"/>s): what a lossless
/// polarization element does to Stokes vectors. <c>R[j, k] = ½ tr(σ_j U σ_k U†)</c> for the SU(2) matrix U, so
/// S' = R S (e.g. Sakurai, Modern Quantum Mechanics, §3.3, with this library's σ1, σ2, σ3). Row-major, indices 0..2
/// for S1..S3.
/// </summary>
public readonly struct PoincareRotation
{
    private readonly double _r00, _r01, _r02, _r10, _r11, _r12, _r20, _r21, _r22;

    /// <summary>A matrix from its rows (not checked to be a rotation).</summary>
    public PoincareRotation(double r00, double r01, double r02, double r10, double r11, double r12, double r20, double r21, double r22)
    {
        (_r00, _r01, _r02, _r10, _r11, _r12, _r20, _r21, _r22) = (r00, r01, r02, r10, r11, r12, r20, r21, r22);
    }

    /// <summary>The identity.</summary>
    public static PoincareRotation Identity => new(1, 0, 0, 0, 1, 0, 0, 0, 1);

    /// <summary>Entry (row, column), 0-based.</summary>
    public double this[int row, int column] => (uint)row > 2 || (uint)column > 2
        ? throw new ArgumentOutOfRangeException(nameof(row), "indices are 0..2")
        : ((row * 3) + column) switch
    {
        0 => _r00,
        1 => _r01,
        2 => _r02,
        3 => _r10,
        4 => _r11,
        5 => _r12,
        6 => _r20,
        7 => _r21,
        _ => _r22,
    };

    /// <summary>The transpose, which is the inverse of a rotation.</summary>
    public PoincareRotation Transpose => new(_r00, _r10, _r20, _r01, _r11, _r21, _r02, _r12, _r22);

    /// <summary>Rotates a Stokes vector.</summary>
    public StokesVector Apply(StokesVector s) => new(
        (_r00 * s.S1) + (_r01 * s.S2) + (_r02 * s.S3),
        (_r10 * s.S1) + (_r11 * s.S2) + (_r12 * s.S3),
        (_r20 * s.S1) + (_r21 * s.S2) + (_r22 * s.S3));

    /// <summary>Product: <paramref name="a"/> after <paramref name="b"/>.</summary>
    public static PoincareRotation operator *(PoincareRotation a, PoincareRotation b)
    {
        Span<double> m = stackalloc double[9];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                m[(i * 3) + j] = (a[i, 0] * b[0, j]) + (a[i, 1] * b[1, j]) + (a[i, 2] * b[2, j]);
            }
        }

        return new PoincareRotation(m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]);
    }

    /// <summary>Named alternative to the operator.</summary>
    public static PoincareRotation Multiply(PoincareRotation a, PoincareRotation b) => a * b;

    /// <summary>Rotation built from its three columns (images of S1, S2, S3 axes).</summary>
    public static PoincareRotation FromColumns(StokesVector c1, StokesVector c2, StokesVector c3) =>
        new(c1.S1, c2.S1, c3.S1, c1.S2, c2.S2, c3.S2, c1.S3, c2.S3, c3.S3);

    /// <summary>The rotation a lossless element U produces, R[j, k] = ½ tr(σ_j U σ_k U†), computed column by column.</summary>
    public static PoincareRotation FromJones(JonesMatrix u)
    {
        // Columns are the Stokes vectors of U applied to the basis states of each axis: U|H⟩ gives column 1, U|D⟩ column 2,
        // U|R⟩ column 3 (unit Stokes vectors; exact for unitary U).
        StokesVector c1 = StokesVector.FromJones(u * JonesVector.Horizontal);
        StokesVector c2 = StokesVector.FromJones(u * JonesVector.Diagonal);
        StokesVector c3 = StokesVector.FromJones(u * JonesVector.RightCircular);
        return FromColumns(c1, c2, c3);
    }

    /// <summary>
    /// The SU(2) matrix (up to its sign, which no measurement sees) of this rotation: from the unit quaternion
    /// (w, x, y, z) of the rotation (Shepperd's method, the largest-diagonal branch for stability),
    /// U = w I − i (x σ1 + y σ2 + z σ3).
    /// </summary>
    public JonesMatrix ToJones()
    {
        double trace = _r00 + _r11 + _r22;
        double w, x, y, z;
        if (trace > 0)
        {
            double s = 2 * Math.Sqrt(1 + trace);
            w = s / 4;
            x = (_r21 - _r12) / s;
            y = (_r02 - _r20) / s;
            z = (_r10 - _r01) / s;
        }
        else if (_r00 > _r11 && _r00 > _r22)
        {
            double s = 2 * Math.Sqrt(1 + _r00 - _r11 - _r22);
            w = (_r21 - _r12) / s;
            x = s / 4;
            y = (_r01 + _r10) / s;
            z = (_r02 + _r20) / s;
        }
        else if (_r11 > _r22)
        {
            double s = 2 * Math.Sqrt(1 + _r11 - _r00 - _r22);
            w = (_r02 - _r20) / s;
            x = (_r01 + _r10) / s;
            y = s / 4;
            z = (_r12 + _r21) / s;
        }
        else
        {
            double s = 2 * Math.Sqrt(1 + _r22 - _r00 - _r11);
            w = (_r10 - _r01) / s;
            x = (_r02 + _r20) / s;
            y = (_r12 + _r21) / s;
            z = s / 4;
        }

        double n = Math.Sqrt((w * w) + (x * x) + (y * y) + (z * z));
        (w, x, y, z) = (w / n, x / n, y / n, z / n);
        // σ1 = diag(1, −1), σ2 = [[0, 1], [1, 0]], σ3 = [[0, −i], [i, 0]].
        return new JonesMatrix(
            new Complex(w, -x),
            new Complex(-z, -y),
            new Complex(z, -y),
            new Complex(w, x));
    }

    /// <summary>
    /// The nearest rotation to a 3×3 matrix whose first two columns are given (Gram–Schmidt on the first, then the
    /// second, the third their cross product): how a noisy estimate is projected back onto SO(3).
    /// </summary>
    public static PoincareRotation Orthonormalised(StokesVector c1, StokesVector c2)
    {
        StokesVector u1 = Normalised(c1);
        double d = u1.Dot(c2);
        StokesVector u2 = Normalised(new StokesVector(c2.S1 - (d * u1.S1), c2.S2 - (d * u1.S2), c2.S3 - (d * u1.S3)));
        StokesVector u3 = new(
            (u1.S2 * u2.S3) - (u1.S3 * u2.S2),
            (u1.S3 * u2.S1) - (u1.S1 * u2.S3),
            (u1.S1 * u2.S2) - (u1.S2 * u2.S1));
        return FromColumns(u1, u2, u3);
    }

    /// <summary>Rotation angle, radians, in [0, π]: how far this rotation is from the identity.</summary>
    public double AngleRad => Math.Acos(Math.Clamp((_r00 + _r11 + _r22 - 1) / 2, -1, 1));

    private static StokesVector Normalised(StokesVector v)
    {
        double n = v.DegreeOfPolarization;
        return n > 0 ? new StokesVector(v.S1 / n, v.S2 / n, v.S3 / n) : throw new ArgumentException("zero column: no rotation can be built");
    }
}
