using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace JinanOnboard.Ldpc.Decoding;

/// <summary>
/// φ(x) = −ln tanh(x/2) (Gallager 1963; Richardson, Shokrollahi &amp; Urbanke 2001 eq. 4) as a 64-entry piecewise-linear
/// table small enough to live in eight 512-bit registers, so the lifted kernel looks φ up with register permutes instead
/// of memory gathers. Definition (normative):
/// clamp x to [2⁻¹¹, 31.999998f] (31.999998f is the largest float below 32; a NaN-free input is assumed; a negative x
/// becomes 2⁻¹¹); bits = the float's bits; i = (bits &gt;&gt; 21) − (bits of 2⁻¹¹ &gt;&gt; 21) (exponent and top two mantissa bits:
/// 4 buckets per octave, octaves 2⁻¹¹…2⁴, so i in 0…63); f = (float)(bits &amp; 0x1FFFFF) · 2⁻²¹;
/// φ̃(x) = A[i] + B[i]·f computed as a float multiply then a float add (NOT fused), with A[i] = (float)φ(left edge of
/// bucket i), B[i] = (float)(φ(right edge) − φ(left edge)) evaluated in double.
/// Linear interpolation in the float's own bits is interpolation in an almost-logarithmic coordinate, where φ is smooth
/// at both ends (φ ≈ −ln(x/2) for small x, 2e^−x for large x), cf. the non-uniform φ quantisation of Zhang, Wang &amp;
/// Parhi (ISCAS 2001). Max |φ̃ − φ| ≈ 0.0071 (near x ≈ 1.12, tested ≤ 0.0075); φ̃(2⁻¹¹) = A[0] ≈ 8.32 is the message cap.
/// </summary>
internal static class InterpolatedPhi
{
    /// <summary>Number of buckets (4 per octave over 16 octaves).</summary>
    public const int Buckets = 64;

    /// <summary>2⁻¹¹: smaller arguments (and negative ones, rounding artefacts of Σφ − φ_k) read bucket 0, the message cap.</summary>
    public const float SmallestArgument = 4.8828125e-4f;

    /// <summary>Largest float below 32 (bits 0x41FFFFFF): larger arguments are clamped here, φ̃ ≈ 1.3e−14.</summary>
    public const float LargestArgument = 31.999998f;

    private const int IndexShift = 21;
    private const int FractionMask = 0x1F_FFFF;

    /// <summary>2⁻²¹: turns the 21 low mantissa bits into f in [0, 1) exactly.</summary>
    private const float FractionScale = 4.76837158203125e-7f;

    /// <summary>(bits of 2⁻¹¹) &gt;&gt; 21 = (127 − 11) · 4.</summary>
    private const int BaseIndex = (127 - 11) << 2;

    /// <summary>A[i]: φ at the left edge of bucket i.</summary>
    internal static readonly float[] Offsets = BuildOffsets();

    /// <summary>B[i]: φ(right edge) − φ(left edge) of bucket i.</summary>
    internal static readonly float[] Slopes = BuildSlopes();

    /// <summary>The message cap φ̃(2⁻¹¹) = A[0] ≈ 8.32.</summary>
    public static float MaxMessage => Offsets[0];

    /// <summary>φ in double precision (reference for the table and the tests).</summary>
    public static double Exact(double x) => -Math.Log(Math.Tanh(x / 2));

    /// <summary>Scalar φ̃; bit-identical to <see cref="Evaluate(Vector512{float}, in Registers)"/> for every non-NaN input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Evaluate(float x)
    {
        // Written as vmaxps/vminps behave (second operand unless the comparison holds), so both paths clamp alike.
        x = x > SmallestArgument ? x : SmallestArgument;
        x = x < LargestArgument ? x : LargestArgument;
        int bits = BitConverter.SingleToInt32Bits(x);
        int i = (bits >> IndexShift) - BaseIndex;
        float f = (bits & FractionMask) * FractionScale;
        float slopeTerm = Slopes[i] * f;
        return Offsets[i] + slopeTerm;
    }

    /// <summary>
    /// φ̃ for 16 lanes: two 32-entry look-ups (vpermt2ps) per table and a select on bit 5 of the index. Needs
    /// <see cref="Avx512F"/>; <paramref name="tables"/> is built once by the caller, outside its loops.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Evaluate(Vector512<float> x, in Registers tables) =>
        Evaluate(
            x, tables.Offsets0, tables.Offsets16, tables.Offsets32, tables.Offsets48, tables.Slopes0, tables.Slopes16, tables.Slopes32, tables.Slopes48);

    /// <summary>
    /// As <see cref="Evaluate(Vector512{float}, in Registers)"/> with the eight table registers passed one by one, so a
    /// caller that copied them into locals before its loop keeps them in registers (the JIT does not promote the struct).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Evaluate(
        Vector512<float> x,
        Vector512<float> offsets0,
        Vector512<float> offsets16,
        Vector512<float> offsets32,
        Vector512<float> offsets48,
        Vector512<float> slopes0,
        Vector512<float> slopes16,
        Vector512<float> slopes32,
        Vector512<float> slopes48)
    {
        x = Avx512F.Min(Avx512F.Max(x, Vector512.Create(SmallestArgument)), Vector512.Create(LargestArgument));
        Vector512<int> bits = x.AsInt32();
        Vector512<int> index = Vector512.ShiftRightLogical(bits, IndexShift) - Vector512.Create(BaseIndex);
        Vector512<float> fraction = Vector512.ConvertToSingle(bits & Vector512.Create(FractionMask)) * Vector512.Create(FractionScale);

        // vpermt2ps reads the low 5 index bits (bit 4 picks the register), so bit 5 selects between the two halves.
        Vector512<float> upperHalf = Vector512.GreaterThan(index, Vector512.Create(31)).AsSingle();
        Vector512<float> offset = Avx512F.BlendVariable(
            Avx512F.PermuteVar16x32x2(offsets0, index, offsets16), Avx512F.PermuteVar16x32x2(offsets32, index, offsets48), upperHalf);
        Vector512<float> slope = Avx512F.BlendVariable(
            Avx512F.PermuteVar16x32x2(slopes0, index, slopes16), Avx512F.PermuteVar16x32x2(slopes32, index, slopes48), upperHalf);
        Vector512<float> slopeTerm = slope * fraction;
        return offset + slopeTerm;
    }

    /// <summary>
    /// φ̃ for 8 lanes on AVX2: the same clamp, index and fraction as the 16-lane version, A and B by gathers from
    /// <paramref name="offsets"/> and <paramref name="slopes"/> (<see cref="Offsets"/> and <see cref="Slopes"/> pinned).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Vector256<float> Evaluate(Vector256<float> x, float* offsets, float* slopes)
    {
        x = Avx.Min(Avx.Max(x, Vector256.Create(SmallestArgument)), Vector256.Create(LargestArgument));
        Vector256<int> bits = x.AsInt32();
        Vector256<int> index = Vector256.ShiftRightLogical(bits, IndexShift) - Vector256.Create(BaseIndex);
        Vector256<float> fraction = Vector256.ConvertToSingle(bits & Vector256.Create(FractionMask)) * Vector256.Create(FractionScale);
        Vector256<float> slopeTerm = Avx2.GatherVector256(slopes, index, sizeof(float)) * fraction;
        return Avx2.GatherVector256(offsets, index, sizeof(float)) + slopeTerm;
    }

    /// <summary>The 8-lane look-up without caller-pinned tables (tests; the sweep pins them once).</summary>
    public static unsafe Vector256<float> Evaluate(Vector256<float> x)
    {
        fixed (float* offsets = Offsets)
        fixed (float* slopes = Slopes)
        {
            return Evaluate(x, offsets, slopes);
        }
    }

    private static float[] BuildOffsets()
    {
        var offsets = new float[Buckets];
        for (int i = 0; i < Buckets; i++)
        {
            offsets[i] = (float)Exact(LeftEdge(i));
        }

        return offsets;
    }

    private static float[] BuildSlopes()
    {
        var slopes = new float[Buckets];
        for (int i = 0; i < Buckets; i++)
        {
            slopes[i] = (float)(Exact(LeftEdge(i + 1)) - Exact(LeftEdge(i)));
        }

        return slopes;
    }

    /// <summary>Left edge of bucket i (bucket 64's left edge is 32, the right edge of bucket 63).</summary>
    private static double LeftEdge(int i) => BitConverter.Int32BitsToSingle((BaseIndex + i) << IndexShift);

    /// <summary>A and B as eight 16-lane registers (entries 0–15, 16–31, 32–47, 48–63 of each).</summary>
    internal readonly struct Registers
    {
        public Registers()
        {
            Offsets0 = Vector512.Create(Offsets.AsSpan(0, 16));
            Offsets16 = Vector512.Create(Offsets.AsSpan(16, 16));
            Offsets32 = Vector512.Create(Offsets.AsSpan(32, 16));
            Offsets48 = Vector512.Create(Offsets.AsSpan(48, 16));
            Slopes0 = Vector512.Create(Slopes.AsSpan(0, 16));
            Slopes16 = Vector512.Create(Slopes.AsSpan(16, 16));
            Slopes32 = Vector512.Create(Slopes.AsSpan(32, 16));
            Slopes48 = Vector512.Create(Slopes.AsSpan(48, 16));
        }

        public Vector512<float> Offsets0 { get; }

        public Vector512<float> Offsets16 { get; }

        public Vector512<float> Offsets32 { get; }

        public Vector512<float> Offsets48 { get; }

        public Vector512<float> Slopes0 { get; }

        public Vector512<float> Slopes16 { get; }

        public Vector512<float> Slopes32 { get; }

        public Vector512<float> Slopes48 { get; }
    }
}
