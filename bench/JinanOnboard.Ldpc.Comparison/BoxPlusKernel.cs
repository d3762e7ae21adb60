using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace JinanOnboard.Ldpc.Comparison;

/// <summary>
/// Sum-product check update in the tanh ("box-plus") domain (Gallager 1963; RSU 2001 eq. 3):
/// T_j = tanh(|t_j|/2), P = Π_j T_j, |r_k| = 2·atanh(P/T_k) = ln((T_k + P)/(T_k − P)).
/// Exactly the same update as the φ form, but one exp, one log and two divisions per edge instead of
/// two of each plus series branches, because the row product is shared by every outgoing message.
/// Inputs are clamped to |t| ≥ <see cref="MinMagnitude"/> so that T_k &gt; 0 and the division by it is safe.
/// </summary>
internal static class BoxPlusKernel
{
    /// <summary>Smallest |t| used: T ≈ 5e−5; an input this weak carries no information anyway.</summary>
    public const float MinMagnitude = 1e-4f;

    /// <summary>Largest |t| used (and the value of padding lanes): tanh(15) rounds to 1 in float.</summary>
    public const float MaxMagnitude = 30f;

    /// <summary>Cap on |r|: ln(2/ε) for float ε; also the bound where T_k − P loses every significant bit.</summary>
    public const float MaxMessage = 16f;

    /// <summary>T = tanh(|t|/2) = (1 − e^−|t|)/(1 + e^−|t|), 8 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> HalfTanh(Vector256<float> magnitude)
    {
        magnitude = Vector256.Min(Vector256.Max(magnitude, Vector256.Create(MinMagnitude)), Vector256.Create(MaxMagnitude));
        Vector256<float> e = PhiKernel.ExpNegative(-magnitude);
        Vector256<float> one = Vector256<float>.One;
        return Divide(one - e, one + e);
    }

    /// <summary>|r| = ln((T + P)/(T − P)) for 0 ≤ P ≤ T ≤ 1, capped at <see cref="MaxMessage"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Magnitude(Vector256<float> halfTanh, Vector256<float> product)
    {
        // T − P ≥ T·e^−16 keeps the ratio finite; rounding can make T − P ≤ 0 when every other input is saturated.
        Vector256<float> denominator = Vector256.Max(halfTanh - product, halfTanh * Vector256.Create(1.1253517e-7f));
        Vector256<float> ratio = Divide(halfTanh + product, denominator);
        return Vector256.Min(LogAboveOne(ratio), Vector256.Create(MaxMessage));
    }

    /// <summary>
    /// a/b via the 12-bit hardware reciprocal and one Newton step (relative error ≈ 1e−7, like a division,
    /// at a quarter of the cost of vdivps); plain division where AVX is absent. b must be positive and normal.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> Divide(Vector256<float> a, Vector256<float> b)
    {
        if (!Avx.IsSupported)
        {
            return a / b;
        }

        Vector256<float> r = Avx.Reciprocal(b);
        r *= Vector256.Create(2f) - (b * r);
        return a * r;
    }

    /// <summary>
    /// ln y for y ≥ 1 (finite, normal) without a division: y = 2^k·m with m folded into [√½, √2), then
    /// ln m = x − x²/2 + x³·P(x), x = m − 1, P the degree-8 minimax polynomial of the Cephes logf
    /// (Moshier 1984; relative error ≈ 1e−7).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> LogAboveOne(Vector256<float> y)
    {
        Vector256<int> bits = y.AsInt32();
        Vector256<int> exponent = (bits >>> 23) - Vector256.Create(127);
        Vector256<float> mantissa = ((bits & Vector256.Create(0x007FFFFF)) | Vector256.Create(0x3F800000)).AsSingle();
        Vector256<int> fold = Vector256.GreaterThan(mantissa, Vector256.Create(1.41421356f)).AsInt32();
        mantissa = Vector256.ConditionalSelect(fold.AsSingle(), mantissa * Vector256.Create(0.5f), mantissa);
        exponent -= fold; // fold is −1 where true
        Vector256<float> x = mantissa - Vector256<float>.One;
        Vector256<float> z = x * x;
        Vector256<float> p = Vector256.Create(7.0376836292e-2f);
        p = (p * x) + Vector256.Create(-1.1514610310e-1f);
        p = (p * x) + Vector256.Create(1.1676998740e-1f);
        p = (p * x) + Vector256.Create(-1.2420140846e-1f);
        p = (p * x) + Vector256.Create(1.4249322787e-1f);
        p = (p * x) + Vector256.Create(-1.6668057665e-1f);
        p = (p * x) + Vector256.Create(2.0000714765e-1f);
        p = (p * x) + Vector256.Create(-2.4999993993e-1f);
        p = (p * x) + Vector256.Create(3.3333331174e-1f);
        Vector256<float> lnMantissa = x + (p * x * z) - (Vector256.Create(0.5f) * z);
        return (Vector256.ConvertToSingle(exponent) * Vector256.Create(0.693147181f)) + lnMantissa;
    }

    /// <summary>Scalar reference of the whole check update magnitude for one edge (tests).</summary>
    public static float Magnitude(ReadOnlySpan<float> otherInputs)
    {
        double product = 1;
        foreach (float t in otherInputs)
        {
            product *= Math.Tanh(Math.Clamp(Math.Abs(t), MinMagnitude, MaxMagnitude) / 2);
        }

        return (float)Math.Min(2 * Math.Atanh(product), MaxMessage);
    }
}
