using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace JinanOnboard.Ldpc.Comparison;

/// <summary>
/// The steps of one layered row update in the φ form with <see cref="PhiTable"/> (RSU 2001 eq. 4), over a row of
/// <see cref="PaddedRows"/>: <see cref="Gather"/> the posteriors, <see cref="Forward"/> t_k = L_v − r_k with
/// S = Σ φ(|t_k|), <see cref="Output"/> |r_k| = φ(S − φ(|t_k|)) with sign (−1)^{s_c} · Π_{j≠k} sign t_j, and
/// <see cref="Scatter"/> L_v = t_k + r_k; the *Pair variants do two column-disjoint rows of equal padded length in one
/// loop, so that their independent dependency chains interleave. No bounds checks: the layout is in range by
/// construction and each scratch row holds <see cref="PaddedRows.PaddedMaxDegree"/> floats.
/// </summary>
internal static class PhiTableRow
{
    private const uint SignMask = 0x8000_0000u;

    /// <summary>input[k] = L[column k] for the whole padded row (scalar loads: measured faster than vgatherdps here).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Gather(ref float posterior, ref int rowColumns, int padded, ref float input)
    {
        for (int k = 0; k < padded; k += 4)
        {
            Unsafe.Add(ref input, k) = Unsafe.Add(ref posterior, Unsafe.Add(ref rowColumns, k));
            Unsafe.Add(ref input, k + 1) = Unsafe.Add(ref posterior, Unsafe.Add(ref rowColumns, k + 1));
            Unsafe.Add(ref input, k + 2) = Unsafe.Add(ref posterior, Unsafe.Add(ref rowColumns, k + 2));
            Unsafe.Add(ref input, k + 3) = Unsafe.Add(ref posterior, Unsafe.Add(ref rowColumns, k + 3));
        }
    }

    /// <summary>
    /// Turns input into t = L − r in place, stores φ(|t|) in phi, and returns the parity of the input signs in the
    /// sign bit, S = Σ φ(|t|) and the smallest |t| (for the confident-row test).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe uint Forward(ref float rowMessages, int padded, ref float input, ref float phi, float* table, out float phiSum, out Vector256<float> smallest)
    {
        Vector256<uint> signs = Vector256<uint>.Zero;
        Vector256<float> least = Vector256.Create(PhiTable.NeutralArgument);
        Vector256<float> sum = Vector256<float>.Zero;
        for (int k = 0; k < padded; k += PaddedRows.Lanes)
        {
            Vector256<float> t = Vector256.LoadUnsafe(ref input, (nuint)k) - Vector256.LoadUnsafe(ref rowMessages, (nuint)k);
            t.StoreUnsafe(ref input, (nuint)k);
            signs ^= t.AsUInt32();
            Vector256<float> magnitude = Vector256.Abs(t);
            least = Vector256.Min(least, magnitude);
            Vector256<float> f = PhiTable.Lookup(magnitude, table);
            f.StoreUnsafe(ref phi, (nuint)k);
            sum += f;
        }

        Vector128<uint> s4 = signs.GetLower() ^ signs.GetUpper();
        phiSum = Vector256.Sum(sum);
        smallest = least;
        return (s4.GetElement(0) ^ s4.GetElement(1) ^ s4.GetElement(2) ^ s4.GetElement(3)) & SignMask;
    }

    /// <summary>New messages r_k (stored in place of the old ones) and the new posteriors t_k + r_k (into updated).</summary>
    /// <param name="parity">Sign bit set iff (−1)^{s_c} · Π_j sign t_j is negative.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Output(ref float rowMessages, int padded, ref float input, ref float phi, ref float updated, float phiSum, uint parity, float* table)
    {
        Vector256<float> total = Vector256.Create(phiSum);
        Vector256<uint> sign = Vector256.Create(parity);
        Vector256<uint> mask = Vector256.Create(SignMask);
        for (int k = 0; k < padded; k += PaddedRows.Lanes)
        {
            Vector256<float> magnitude = PhiTable.Lookup(total - Vector256.LoadUnsafe(ref phi, (nuint)k), table);
            Vector256<float> t = Vector256.LoadUnsafe(ref input, (nuint)k);
            Vector256<float> r = (magnitude.AsUInt32() | ((t.AsUInt32() ^ sign) & mask)).AsSingle();
            r.StoreUnsafe(ref rowMessages, (nuint)k);
            (t + r).StoreUnsafe(ref updated, (nuint)k);
        }
    }

    /// <summary>L[column k] = updated[k] for the true degree only: the neutral slot n must keep its value for every row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Scatter(ref float posterior, ref int rowColumns, int degree, ref float updated)
    {
        for (int k = 0; k < degree; k++)
        {
            Unsafe.Add(ref posterior, Unsafe.Add(ref rowColumns, k)) = Unsafe.Add(ref updated, k);
        }
    }

    /// <summary><see cref="Gather"/> of two rows of equal padded length in one loop (their loads interleave).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void GatherPair(ref float posterior, ref int columnsA, ref int columnsB, int padded, ref float inputA, ref float inputB)
    {
        for (int k = 0; k < padded; k += 2)
        {
            Unsafe.Add(ref inputA, k) = Unsafe.Add(ref posterior, Unsafe.Add(ref columnsA, k));
            Unsafe.Add(ref inputB, k) = Unsafe.Add(ref posterior, Unsafe.Add(ref columnsB, k));
            Unsafe.Add(ref inputA, k + 1) = Unsafe.Add(ref posterior, Unsafe.Add(ref columnsA, k + 1));
            Unsafe.Add(ref inputB, k + 1) = Unsafe.Add(ref posterior, Unsafe.Add(ref columnsB, k + 1));
        }
    }

    /// <summary><see cref="Forward"/> of two rows of equal padded length in one loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void ForwardPair(
        ref float messagesA, ref float messagesB, int padded, ref float inputA, ref float inputB, ref float phiA, ref float phiB, float* table,
        out uint parityA, out uint parityB, out float phiSumA, out float phiSumB, out Vector256<float> smallestA, out Vector256<float> smallestB)
    {
        Vector256<uint> signsA = Vector256<uint>.Zero;
        Vector256<uint> signsB = Vector256<uint>.Zero;
        Vector256<float> leastA = Vector256.Create(PhiTable.NeutralArgument);
        Vector256<float> leastB = leastA;
        Vector256<float> sumA = Vector256<float>.Zero;
        Vector256<float> sumB = Vector256<float>.Zero;
        for (int k = 0; k < padded; k += PaddedRows.Lanes)
        {
            Vector256<float> tA = Vector256.LoadUnsafe(ref inputA, (nuint)k) - Vector256.LoadUnsafe(ref messagesA, (nuint)k);
            Vector256<float> tB = Vector256.LoadUnsafe(ref inputB, (nuint)k) - Vector256.LoadUnsafe(ref messagesB, (nuint)k);
            tA.StoreUnsafe(ref inputA, (nuint)k);
            tB.StoreUnsafe(ref inputB, (nuint)k);
            signsA ^= tA.AsUInt32();
            signsB ^= tB.AsUInt32();
            Vector256<float> magnitudeA = Vector256.Abs(tA);
            Vector256<float> magnitudeB = Vector256.Abs(tB);
            leastA = Vector256.Min(leastA, magnitudeA);
            leastB = Vector256.Min(leastB, magnitudeB);
            Vector256<float> fA = PhiTable.Lookup(magnitudeA, table);
            Vector256<float> fB = PhiTable.Lookup(magnitudeB, table);
            fA.StoreUnsafe(ref phiA, (nuint)k);
            fB.StoreUnsafe(ref phiB, (nuint)k);
            sumA += fA;
            sumB += fB;
        }

        Vector128<uint> a4 = signsA.GetLower() ^ signsA.GetUpper();
        Vector128<uint> b4 = signsB.GetLower() ^ signsB.GetUpper();
        parityA = (a4.GetElement(0) ^ a4.GetElement(1) ^ a4.GetElement(2) ^ a4.GetElement(3)) & SignMask;
        parityB = (b4.GetElement(0) ^ b4.GetElement(1) ^ b4.GetElement(2) ^ b4.GetElement(3)) & SignMask;
        phiSumA = Vector256.Sum(sumA);
        phiSumB = Vector256.Sum(sumB);
        smallestA = leastA;
        smallestB = leastB;
    }

    /// <summary><see cref="Output"/> of two rows of equal padded length in one loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void OutputPair(
        ref float messagesA, ref float messagesB, int padded, ref float inputA, ref float inputB, ref float phiA, ref float phiB,
        ref float updatedA, ref float updatedB, float phiSumA, float phiSumB, uint parityA, uint parityB, float* table)
    {
        Vector256<float> totalA = Vector256.Create(phiSumA);
        Vector256<float> totalB = Vector256.Create(phiSumB);
        Vector256<uint> signA = Vector256.Create(parityA);
        Vector256<uint> signB = Vector256.Create(parityB);
        Vector256<uint> mask = Vector256.Create(SignMask);
        for (int k = 0; k < padded; k += PaddedRows.Lanes)
        {
            Vector256<float> magnitudeA = PhiTable.Lookup(totalA - Vector256.LoadUnsafe(ref phiA, (nuint)k), table);
            Vector256<float> magnitudeB = PhiTable.Lookup(totalB - Vector256.LoadUnsafe(ref phiB, (nuint)k), table);
            Vector256<float> tA = Vector256.LoadUnsafe(ref inputA, (nuint)k);
            Vector256<float> tB = Vector256.LoadUnsafe(ref inputB, (nuint)k);
            Vector256<float> rA = (magnitudeA.AsUInt32() | ((tA.AsUInt32() ^ signA) & mask)).AsSingle();
            Vector256<float> rB = (magnitudeB.AsUInt32() | ((tB.AsUInt32() ^ signB) & mask)).AsSingle();
            rA.StoreUnsafe(ref messagesA, (nuint)k);
            rB.StoreUnsafe(ref messagesB, (nuint)k);
            (tA + rA).StoreUnsafe(ref updatedA, (nuint)k);
            (tB + rB).StoreUnsafe(ref updatedB, (nuint)k);
        }
    }
}
