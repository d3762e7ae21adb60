using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace JinanOnboard.Ldpc.Comparison;

/// <summary>
/// φ(x) = −ln tanh(x/2) (Gallager 1963; RSU 2001 eq. 4) as a lookup table indexed by the float's own bits:
/// the exponent and the top <see cref="MantissaBits"/> mantissa bits of x ≥ 0 select a bucket whose width is
/// 2^−6 of its octave (relative step 1.6 %), so the table is fine where φ is steep (small x, φ ≈ −ln(x/2)) and
/// where it is tiny (large x, φ ≈ 2e^−x) alike, in 1 729 floats (6.9 KB, L1-resident). A look-up is one shift,
/// one subtract, a clamp and a gather, against an exp, a ln and two divisions for the polynomial kernels.
/// Table look-up of φ is the classic finite-precision sum-product check node (Zhang, Wang &amp; Parhi, "On finite
/// precision implementation of low density parity check codes decoder", ISCAS 2001); the non-uniform (log-spaced)
/// quantisation keeps the relative error constant, as non-uniform reconstruction does in Wang, Wesel, Stark &amp; Bauch,
/// "A reconstruction-computation-quantization approach to node operations in LDPC decoding" (arXiv:2005.07259).
/// Measured: the same failures and mean iterations as the exact tanh kernel at 1, 2, 3 % (spec §7) even with 5 bits.
/// </summary>
internal static class PhiTable
{
    /// <summary>Mantissa bits kept in the index (buckets per octave = 2^MantissaBits).</summary>
    public const int MantissaBits = 6;

    /// <summary>Arguments below 2^−22 share the first bucket: φ(2^−22) ≈ 15.9, the message cap.</summary>
    public const float SmallestArgument = 2.3841858e-7f; // 2^−22

    /// <summary>Arguments from 32 up map to the last entry, which is exactly 0 (φ(32) ≈ 2.5e−14); padding lanes use it.</summary>
    public const float NeutralArgument = 64f;

    /// <summary>Largest table value: messages are capped here, like <see cref="BoxPlusKernel.MaxMessage"/>.</summary>
    public const float MaxMessage = 16f;

    private const int Shift = 23 - MantissaBits;

    private static readonly int BaseIndex = BitConverter.SingleToInt32Bits(SmallestArgument) >> Shift;

    /// <summary>Index of the last (zero) entry.</summary>
    private static readonly int LastIndex = (BitConverter.SingleToInt32Bits(32f) >> Shift) - BaseIndex;

    /// <summary>φ at the centre of each bucket (double precision), the last entry 0.</summary>
    internal static readonly float[] Values = Build();

    /// <summary>Number of entries (tests).</summary>
    public static int Length => Values.Length;

    /// <summary>
    /// φ(x) for 8 lanes through the table. x must be finite; a negative x (a rounding artefact of Σφ − φ_k that
    /// stands for 0) reads the first bucket, i.e. the largest message. <paramref name="table"/> is <see cref="Values"/> pinned.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Vector256<float> Lookup(Vector256<float> x, float* table)
    {
        // Arithmetic shift: the sign bit of a negative x makes the index negative, and the clamp sends it to bucket 0.
        Vector256<int> index = (x.AsInt32() >> Shift) - Vector256.Create(BaseIndex);
        index = Vector256.Min(Vector256.Max(index, Vector256<int>.Zero), Vector256.Create(LastIndex));
        if (Avx2.IsSupported)
        {
            return Avx2.GatherVector256(table, index, sizeof(float));
        }

        return Vector256.Create(
            table[index.GetElement(0)], table[index.GetElement(1)], table[index.GetElement(2)], table[index.GetElement(3)],
            table[index.GetElement(4)], table[index.GetElement(5)], table[index.GetElement(6)], table[index.GetElement(7)]);
    }

    /// <summary>The vector look-up without a caller-pinned table (tests; the decoder pins once per sweep).</summary>
    public static unsafe Vector256<float> Lookup(Vector256<float> x)
    {
        fixed (float* table = Values)
        {
            return Lookup(x, table);
        }
    }

    /// <summary>Scalar look-up with the same indexing (tests and reference).</summary>
    public static float Lookup(float x)
    {
        int index = (BitConverter.SingleToInt32Bits(x) >> Shift) - BaseIndex;
        return Values[Math.Clamp(index, 0, LastIndex)];
    }

    /// <summary>Exact φ in double precision, capped at <see cref="MaxMessage"/> (reference for tests and the table).</summary>
    public static double Exact(double x)
    {
        double e = Math.Exp(-x);
        return Math.Min(Math.Log((1 + e) / (1 - e)), MaxMessage);
    }

    private static float[] Build()
    {
        var values = new float[LastIndex + 1];
        for (int i = 0; i < LastIndex; i++)
        {
            double low = BitConverter.Int32BitsToSingle((i + BaseIndex) << Shift);
            double high = BitConverter.Int32BitsToSingle((i + BaseIndex + 1) << Shift);
            values[i] = (float)Exact(0.5 * (low + high));
        }

        values[LastIndex] = 0f;
        return values;
    }
}
