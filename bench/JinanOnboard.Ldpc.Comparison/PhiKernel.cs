using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace JinanOnboard.Ldpc.Comparison;

/// <summary>
/// Sum-product check update in the φ form (Gallager 1963; RSU 2001 eq. 4):
/// φ(x) = −ln tanh(x/2) = ln((1+e^−x)/(1−e^−x)), |r_k| = φ(Σ_j φ(|t_j|) − φ(|t_k|)),
/// sign r_k = (−1)^s · Π_{j≠k} sign t_j. φ is its own inverse, so one kernel does both halves.
/// exp and ln are inlined polynomial approximations (relative error ≈ 3e−6): the library
/// Vector256.Exp measured 20 ns/element here, the polynomial about 1 ns.
/// </summary>
internal static class PhiKernel
{
    /// <summary>Smallest magnitude fed to φ: caps a message at φ(1e−5) ≈ 12.2 and keeps 1−e^−x representable.</summary>
    public const float MinArgument = 1e-5f;

    /// <summary>Largest magnitude fed to φ: φ(30) ≈ 2e−13, beyond which the contribution is nil.</summary>
    public const float MaxArgument = 30f;

    private const float Log2E = 1.44269504f;
    private const float Ln2 = 0.693147181f;
    private const float RoundingMagic = 12582912f;
    private const int RoundingMagicBits = 0x4B400000;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Phi(Vector256<float> x)
    {
        x = Vector256.Min(Vector256.Max(x, Vector256.Create(MinArgument)), Vector256.Create(MaxArgument));
        Vector256<float> e = ExpNegative(-x);
        Vector256<float> one = Vector256<float>.One;
        Vector256<float> viaLog = LogAboveOne((one + e) / (one - e));

        // For e < 0.17, φ = 2·atanh(e) by its series keeps full relative precision where (1+e)/(1−e) would round to ~1.
        Vector256<float> e2 = e * e;
        Vector256<float> series = Vector256.Create(1f / 9f);
        series = (series * e2) + Vector256.Create(1f / 7f);
        series = (series * e2) + Vector256.Create(1f / 5f);
        series = (series * e2) + Vector256.Create(1f / 3f);
        series = (series * e2) + one;
        Vector256<float> viaSeries = Vector256.Create(2f) * e * series;
        return Vector256.ConditionalSelect(Vector256.LessThan(e, Vector256.Create(0.17f)), viaSeries, viaLog);
    }

    /// <summary>Scalar φ with the same clamping (reference for tests).</summary>
    public static float Phi(float x)
    {
        x = Math.Clamp(x, MinArgument, MaxArgument);
        double e = Math.Exp(-x);
        return (float)Math.Log((1 + e) / (1 - e));
    }

    /// <summary>e^x for x in [−30, 0]: 2^k·2^f with k = round(x·log2 e), |f| ≤ ½, 2^f by its degree-6 Taylor polynomial.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> ExpNegative(Vector256<float> x)
    {
        Vector256<float> t = x * Vector256.Create(Log2E);
        // Adding 1.5·2^23 rounds t to an integer held in the low mantissa bits (exact for |t| < 2^22).
        Vector256<float> shifted = t + Vector256.Create(RoundingMagic);
        Vector256<float> k = shifted - Vector256.Create(RoundingMagic);
        Vector256<float> f = t - k;
        Vector256<float> p = Vector256.Create(1.5403530e-4f);
        p = (p * f) + Vector256.Create(1.3333558e-3f);
        p = (p * f) + Vector256.Create(9.6181291e-3f);
        p = (p * f) + Vector256.Create(5.5504109e-2f);
        p = (p * f) + Vector256.Create(2.4022651e-1f);
        p = (p * f) + Vector256.Create(6.9314718e-1f);
        p = (p * f) + Vector256<float>.One;
        Vector256<int> scale = (shifted.AsInt32() - Vector256.Create(RoundingMagicBits)) << 23;
        return (p.AsInt32() + scale).AsSingle();
    }

    /// <summary>ln y for y ≥ 1 (finite, normal): exponent plus 2·atanh-series of the mantissa folded into [√½, √2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> LogAboveOne(Vector256<float> y)
    {
        Vector256<int> bits = y.AsInt32();
        Vector256<int> exponent = (bits >>> 23) - Vector256.Create(127);
        Vector256<float> mantissa = ((bits & Vector256.Create(0x007FFFFF)) | Vector256.Create(0x3F800000)).AsSingle();
        Vector256<int> fold = Vector256.GreaterThan(mantissa, Vector256.Create(1.41421356f)).AsInt32();
        mantissa = Vector256.ConditionalSelect(fold.AsSingle(), mantissa * Vector256.Create(0.5f), mantissa);
        exponent -= fold; // fold is −1 where true
        Vector256<float> one = Vector256<float>.One;
        Vector256<float> s = (mantissa - one) / (mantissa + one);
        Vector256<float> s2 = s * s;
        Vector256<float> series = Vector256.Create(1f / 9f);
        series = (series * s2) + Vector256.Create(1f / 7f);
        series = (series * s2) + Vector256.Create(1f / 5f);
        series = (series * s2) + Vector256.Create(1f / 3f);
        series = (series * s2) + one;
        return (Vector256.ConvertToSingle(exponent) * Vector256.Create(Ln2)) + (Vector256.Create(2f) * s * series);
    }
}
