using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using JinanOnboard.Ldpc.Construction;

namespace JinanOnboard.Ldpc.Decoding;

/// <summary>
/// Layered sum-product (Mansour &amp; Shanbhag 2003) over a quasi-cyclic code with Z = 16 (<see cref="LiftedStructure"/>):
/// the 16 rows of a base row share no column, so they are updated together, lane i being row r·16 + i. A base edge's 16
/// posteriors are one contiguous block, brought into row order by one lane rotation (vpermps), so a row update is
/// whole-vector loads, rotations and stores with no gather or scatter, and φ is <see cref="InterpolatedPhi"/> held in
/// registers. Check update in the φ form (Gallager 1963): |r_k| = φ(Σ_j φ(|t_j|) − φ(|t_k|)), sign = parity ⊕ sign(t_k).
/// The forward pass keeps t and φ̃(|t|) per edge in scratch (|t| itself is not needed again: the output pass uses the sign
/// of t and φ̃); the output pass writes each block back rotated the other way, in any order, as the blocks of a base row
/// are distinct. The scalar path does per lane exactly the vector path's operations in the same order (no FMA), so both
/// give bit-identical posteriors and messages.
/// </summary>
internal static class LiftedLayeredSweep
{
    private const int Z = LiftedStructure.Z;
    private const uint SignMask = 0x8000_0000u;

    /// <summary>Row s (16 ints) rotates lanes by s: lane i reads lane (i + s) mod 16.</summary>
    private static readonly int[] Rotations = BuildRotations(1);

    /// <summary>Row s rotates lanes back by s: lane i reads lane (i − s) mod 16.</summary>
    private static readonly int[] BackRotations = BuildRotations(-1);

    /// <summary><see cref="Rotations"/> split for <see cref="Rotate"/>: per shift, for each result half, 8 indices mod 8 and 8 masks (−1 = high half).</summary>
    private static readonly int[] HalfRotations = SplitForHalves(Rotations);

    /// <summary><see cref="BackRotations"/> split the same way.</summary>
    private static readonly int[] HalfBackRotations = SplitForHalves(BackRotations);

    /// <summary>The implementation <paramref name="requested"/> resolves to on this machine.</summary>
    public static LiftedPath Resolve(LiftedPath requested) => requested switch
    {
        LiftedPath.Widest when Avx512F.IsSupported => LiftedPath.Widest,
        LiftedPath.Widest or LiftedPath.Avx2 when Avx2.IsSupported => LiftedPath.Avx2,
        _ => LiftedPath.Scalar,
    };

    /// <summary>
    /// One layered sweep. <paramref name="messages"/> holds 16 floats per base edge (base-edge order, lane i = row r·16 + i),
    /// <paramref name="syndromeSigns"/> the syndrome bit of each row in the sign position, and the two scratch arrays
    /// 16 floats per edge of the longest base row. A base row whose 16 rows are all satisfied and whose inputs all have
    /// |t| ≥ <paramref name="confidentRowSkip"/> (0 disables) is left as it is (forced convergence, Zimmermann &amp;
    /// Fettweis 2005), as the comparison kernels (bench/JinanOnboard.Ldpc.Comparison) do per row.
    /// </summary>
    public static void Run(
        LiftedStructure lifting, float[] posterior, float[] messages, uint[] syndromeSigns, float[] inputScratch, float[] phiScratch, float confidentRowSkip, LiftedPath path)
    {
        float skip = confidentRowSkip > 0 ? confidentRowSkip : float.PositiveInfinity;
        switch (Resolve(path))
        {
            case LiftedPath.Widest:
                RunVector(lifting, posterior, messages, syndromeSigns, inputScratch, phiScratch, skip);
                break;
            case LiftedPath.Avx2:
                RunAvx2(lifting, posterior, messages, syndromeSigns, inputScratch, phiScratch, skip);
                break;
            default:
                RunScalar(lifting, posterior, messages, syndromeSigns, inputScratch, phiScratch, skip);
                break;
        }
    }

    /// <summary>
    /// True iff the hard decision (sign bits) of the posteriors satisfies every check. Base rows are checked cyclically from
    /// <paramref name="firstBaseRow"/>, which receives the first failing base row: unsatisfied rows tend to stay unsatisfied
    /// from one iteration to the next, so the next check usually stops at once instead of after scanning the satisfied rows.
    /// </summary>
    public static bool SyndromeMatches(LiftedStructure lifting, float[] posterior, uint[] syndromeSigns, LiftedPath path, ref int firstBaseRow)
    {
        LiftedPath resolved = Resolve(path);
        int start = (uint)firstBaseRow < (uint)lifting.BaseRows ? firstBaseRow : 0;
        int failing = FirstFailing(resolved, lifting, posterior, syndromeSigns, start, lifting.BaseRows);
        if (failing < 0)
        {
            failing = FirstFailing(resolved, lifting, posterior, syndromeSigns, 0, start);
        }

        if (failing < 0)
        {
            return true;
        }

        firstBaseRow = failing;
        return false;
    }

    private static int FirstFailing(LiftedPath path, LiftedStructure lifting, float[] posterior, uint[] syndromeSigns, int from, int to) => path switch
    {
        LiftedPath.Widest => FirstFailingVector(lifting, posterior, syndromeSigns, from, to),
        LiftedPath.Avx2 => FirstFailingAvx2(lifting, posterior, syndromeSigns, from, to),
        _ => FirstFailingScalar(lifting, posterior, syndromeSigns, from, to),
    };

    private static void RunVector(LiftedStructure lifting, float[] posterior, float[] messages, uint[] syndromeSigns, float[] inputScratch, float[] phiScratch, float skip)
    {
        ref int rowStart = ref MemoryMarshal.GetArrayDataReference(lifting.RowStart);
        ref int blocks = ref MemoryMarshal.GetArrayDataReference(lifting.Block);
        ref byte shifts = ref MemoryMarshal.GetArrayDataReference(lifting.Shift);
        ref int rotations = ref MemoryMarshal.GetArrayDataReference(Rotations);
        ref int backRotations = ref MemoryMarshal.GetArrayDataReference(BackRotations);
        ref float posteriors = ref MemoryMarshal.GetArrayDataReference(posterior);
        ref float message = ref MemoryMarshal.GetArrayDataReference(messages);
        ref uint syndrome = ref MemoryMarshal.GetArrayDataReference(syndromeSigns);
        ref float input = ref MemoryMarshal.GetArrayDataReference(inputScratch);
        ref float phi = ref MemoryMarshal.GetArrayDataReference(phiScratch);
        var tables = new InterpolatedPhi.Registers();
        Vector512<float> a0 = tables.Offsets0, a16 = tables.Offsets16, a32 = tables.Offsets32, a48 = tables.Offsets48;
        Vector512<float> b0 = tables.Slopes0, b16 = tables.Slopes16, b32 = tables.Slopes32, b48 = tables.Slopes48;
        Vector512<float> skipLlr = Vector512.Create(skip);
        Vector512<uint> signMask = Vector512.Create(SignMask);
        int baseRows = lifting.BaseRows;

        for (int r = 0; r < baseRows; r++)
        {
            int from = Unsafe.Add(ref rowStart, r);
            int degree = Unsafe.Add(ref rowStart, r + 1) - from;
            ref int rowBlocks = ref Unsafe.Add(ref blocks, from);
            ref byte rowShifts = ref Unsafe.Add(ref shifts, from);
            ref float rowMessages = ref Unsafe.Add(ref message, (nint)from * Z);
            Vector512<float> sum = Vector512<float>.Zero;
            Vector512<uint> parity = Vector512.LoadUnsafe(ref syndrome, (nuint)r * Z);
            Vector512<float> smallest = Vector512.Create(float.PositiveInfinity);
            for (int k = 0; k < degree; k++)
            {
                nuint slot = (nuint)k * Z;
                Vector512<int> rotation = Vector512.LoadUnsafe(ref rotations, (nuint)Unsafe.Add(ref rowShifts, k) * Z);
                Vector512<float> p = Avx512F.PermuteVar16x32(Vector512.LoadUnsafe(ref posteriors, (nuint)(uint)Unsafe.Add(ref rowBlocks, k) * Z), rotation);
                Vector512<float> t = p - Vector512.LoadUnsafe(ref rowMessages, slot);
                Vector512<float> magnitude = Vector512.Abs(t);
                Vector512<float> phiT = InterpolatedPhi.Evaluate(magnitude, a0, a16, a32, a48, b0, b16, b32, b48);
                t.StoreUnsafe(ref input, slot);
                phiT.StoreUnsafe(ref phi, slot);
                sum += phiT;
                parity ^= t.AsUInt32();
                smallest = Avx512F.Min(smallest, magnitude);
            }

            parity &= signMask;
            if (parity == Vector512<uint>.Zero && Vector512.GreaterThanOrEqualAll(smallest, skipLlr))
            {
                continue;
            }

            for (int k = 0; k < degree; k++)
            {
                nuint slot = (nuint)k * Z;
                Vector512<float> t = Vector512.LoadUnsafe(ref input, slot);
                Vector512<float> magnitude = InterpolatedPhi.Evaluate(sum - Vector512.LoadUnsafe(ref phi, slot), a0, a16, a32, a48, b0, b16, b32, b48);
                Vector512<float> update = (magnitude.AsUInt32() | ((t.AsUInt32() ^ parity) & signMask)).AsSingle();
                update.StoreUnsafe(ref rowMessages, slot);
                Vector512<int> back = Vector512.LoadUnsafe(ref backRotations, (nuint)Unsafe.Add(ref rowShifts, k) * Z);
                Avx512F.PermuteVar16x32(t + update, back).StoreUnsafe(ref posteriors, (nuint)(uint)Unsafe.Add(ref rowBlocks, k) * Z);
            }
        }
    }

    /// <summary>
    /// The 16-lane path on AVX2: each base row as two 8-lane halves, the lane rotation as two vpermps and a blend per half
    /// (<see cref="Rotate"/>), φ̃ by gathers from the A and B tables. Same operations per lane as the other paths.
    /// </summary>
    private static unsafe void RunAvx2(LiftedStructure lifting, float[] posterior, float[] messages, uint[] syndromeSigns, float[] inputScratch, float[] phiScratch, float skip)
    {
        ref int rowStart = ref MemoryMarshal.GetArrayDataReference(lifting.RowStart);
        ref int blocks = ref MemoryMarshal.GetArrayDataReference(lifting.Block);
        ref byte shifts = ref MemoryMarshal.GetArrayDataReference(lifting.Shift);
        ref int rotations = ref MemoryMarshal.GetArrayDataReference(HalfRotations);
        ref int backRotations = ref MemoryMarshal.GetArrayDataReference(HalfBackRotations);
        ref float posteriors = ref MemoryMarshal.GetArrayDataReference(posterior);
        ref float message = ref MemoryMarshal.GetArrayDataReference(messages);
        ref uint syndrome = ref MemoryMarshal.GetArrayDataReference(syndromeSigns);
        ref float input = ref MemoryMarshal.GetArrayDataReference(inputScratch);
        ref float phi = ref MemoryMarshal.GetArrayDataReference(phiScratch);
        Vector256<float> skipLlr = Vector256.Create(skip);
        Vector256<uint> signMask = Vector256.Create(SignMask);
        const int Half = Z / 2;

        fixed (float* offsets = InterpolatedPhi.Offsets)
        fixed (float* slopes = InterpolatedPhi.Slopes)
        {
            for (int r = 0; r < lifting.BaseRows; r++)
            {
                int from = Unsafe.Add(ref rowStart, r);
                int degree = Unsafe.Add(ref rowStart, r + 1) - from;
                ref int rowBlocks = ref Unsafe.Add(ref blocks, from);
                ref byte rowShifts = ref Unsafe.Add(ref shifts, from);
                ref float rowMessages = ref Unsafe.Add(ref message, (nint)from * Z);
                Vector256<float> sumLow = Vector256<float>.Zero;
                Vector256<float> sumHigh = Vector256<float>.Zero;
                Vector256<uint> parityLow = Vector256.LoadUnsafe(ref syndrome, (nuint)r * Z);
                Vector256<uint> parityHigh = Vector256.LoadUnsafe(ref syndrome, ((nuint)r * Z) + Half);
                Vector256<float> smallestLow = Vector256.Create(float.PositiveInfinity);
                Vector256<float> smallestHigh = smallestLow;
                for (int k = 0; k < degree; k++)
                {
                    nuint slot = (nuint)k * Z;
                    nuint block = (nuint)(uint)Unsafe.Add(ref rowBlocks, k) * Z;
                    (Vector256<float> low, Vector256<float> high) = Rotate(
                        Vector256.LoadUnsafe(ref posteriors, block), Vector256.LoadUnsafe(ref posteriors, block + Half), ref rotations, Unsafe.Add(ref rowShifts, k));
                    Vector256<float> tLow = low - Vector256.LoadUnsafe(ref rowMessages, slot);
                    Vector256<float> tHigh = high - Vector256.LoadUnsafe(ref rowMessages, slot + Half);
                    Vector256<float> magnitudeLow = Vector256.Abs(tLow);
                    Vector256<float> magnitudeHigh = Vector256.Abs(tHigh);
                    Vector256<float> phiLow = InterpolatedPhi.Evaluate(magnitudeLow, offsets, slopes);
                    Vector256<float> phiHigh = InterpolatedPhi.Evaluate(magnitudeHigh, offsets, slopes);
                    tLow.StoreUnsafe(ref input, slot);
                    tHigh.StoreUnsafe(ref input, slot + Half);
                    phiLow.StoreUnsafe(ref phi, slot);
                    phiHigh.StoreUnsafe(ref phi, slot + Half);
                    sumLow += phiLow;
                    sumHigh += phiHigh;
                    parityLow ^= tLow.AsUInt32();
                    parityHigh ^= tHigh.AsUInt32();
                    smallestLow = Avx.Min(smallestLow, magnitudeLow);
                    smallestHigh = Avx.Min(smallestHigh, magnitudeHigh);
                }

                parityLow &= signMask;
                parityHigh &= signMask;
                if ((parityLow | parityHigh) == Vector256<uint>.Zero
                    && Vector256.GreaterThanOrEqualAll(smallestLow, skipLlr) && Vector256.GreaterThanOrEqualAll(smallestHigh, skipLlr))
                {
                    continue;
                }

                for (int k = 0; k < degree; k++)
                {
                    nuint slot = (nuint)k * Z;
                    Vector256<float> tLow = Vector256.LoadUnsafe(ref input, slot);
                    Vector256<float> tHigh = Vector256.LoadUnsafe(ref input, slot + Half);
                    Vector256<float> magnitudeLow = InterpolatedPhi.Evaluate(sumLow - Vector256.LoadUnsafe(ref phi, slot), offsets, slopes);
                    Vector256<float> magnitudeHigh = InterpolatedPhi.Evaluate(sumHigh - Vector256.LoadUnsafe(ref phi, slot + Half), offsets, slopes);
                    Vector256<float> updateLow = (magnitudeLow.AsUInt32() | ((tLow.AsUInt32() ^ parityLow) & signMask)).AsSingle();
                    Vector256<float> updateHigh = (magnitudeHigh.AsUInt32() | ((tHigh.AsUInt32() ^ parityHigh) & signMask)).AsSingle();
                    updateLow.StoreUnsafe(ref rowMessages, slot);
                    updateHigh.StoreUnsafe(ref rowMessages, slot + Half);
                    nuint block = (nuint)(uint)Unsafe.Add(ref rowBlocks, k) * Z;
                    (Vector256<float> low, Vector256<float> high) = Rotate(tLow + updateLow, tHigh + updateHigh, ref backRotations, Unsafe.Add(ref rowShifts, k));
                    low.StoreUnsafe(ref posteriors, block);
                    high.StoreUnsafe(ref posteriors, block + Half);
                }
            }
        }
    }

    /// <summary>
    /// A 16-lane rotation of (low, high) with the half tables of shift <paramref name="shift"/>: result lane i = source lane
    /// j (from <see cref="HalfRotations"/> or <see cref="HalfBackRotations"/>), i.e. vpermps of both halves by j mod 8 and a
    /// blend that takes the high half where j ≥ 8.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float> Low, Vector256<float> High) Rotate(Vector256<float> low, Vector256<float> high, ref int table, int shift)
    {
        // Per shift: 8 indices and 8 masks for the low result half, then the same for the high half.
        nuint at = (nuint)shift * 2 * Z;
        Vector256<int> indexLow = Vector256.LoadUnsafe(ref table, at);
        Vector256<float> fromHighLow = Vector256.LoadUnsafe(ref table, at + 8).AsSingle();
        Vector256<int> indexHigh = Vector256.LoadUnsafe(ref table, at + 16);
        Vector256<float> fromHighHigh = Vector256.LoadUnsafe(ref table, at + 24).AsSingle();
        return (
            Avx.BlendVariable(Avx2.PermuteVar8x32(low, indexLow), Avx2.PermuteVar8x32(high, indexLow), fromHighLow),
            Avx.BlendVariable(Avx2.PermuteVar8x32(low, indexHigh), Avx2.PermuteVar8x32(high, indexHigh), fromHighHigh));
    }

    /// <summary>The vector path lane by lane: same operations in the same order per lane (sum over edges in edge order).</summary>
    private static void RunScalar(LiftedStructure lifting, float[] posterior, float[] messages, uint[] syndromeSigns, float[] inputScratch, float[] phiScratch, float skip)
    {
        int[] rowStart = lifting.RowStart;
        int[] blocks = lifting.Block;
        byte[] shifts = lifting.Shift;
        Span<float> sums = stackalloc float[Z];
        Span<uint> parities = stackalloc uint[Z];
        for (int r = 0; r < lifting.BaseRows; r++)
        {
            int from = rowStart[r];
            int to = rowStart[r + 1];
            bool confident = true;
            for (int i = 0; i < Z; i++)
            {
                float sum = 0f;
                uint parity = syndromeSigns[(r * Z) + i];
                for (int e = from; e < to; e++)
                {
                    int slot = ((e - from) * Z) + i;
                    float t = posterior[(blocks[e] * Z) + ((i + shifts[e]) & (Z - 1))] - messages[(e * Z) + i];
                    float magnitude = MathF.Abs(t);
                    float phiT = InterpolatedPhi.Evaluate(magnitude);
                    inputScratch[slot] = t;
                    phiScratch[slot] = phiT;
                    sum += phiT;
                    parity ^= BitConverter.SingleToUInt32Bits(t);
                    confident &= magnitude >= skip;
                }

                sums[i] = sum;
                parities[i] = parity & SignMask;
                confident &= parities[i] == 0;
            }

            if (confident)
            {
                continue;
            }

            for (int i = 0; i < Z; i++)
            {
                for (int e = from; e < to; e++)
                {
                    int slot = ((e - from) * Z) + i;
                    float t = inputScratch[slot];
                    float magnitude = InterpolatedPhi.Evaluate(sums[i] - phiScratch[slot]);
                    uint sign = (BitConverter.SingleToUInt32Bits(t) ^ parities[i]) & SignMask;
                    float message = BitConverter.UInt32BitsToSingle(BitConverter.SingleToUInt32Bits(magnitude) | sign);
                    messages[(e * Z) + i] = message;
                    posterior[(blocks[e] * Z) + ((i + shifts[e]) & (Z - 1))] = t + message;
                }
            }
        }
    }

    /// <summary>First base row in [from, to) with an unsatisfied row, or −1.</summary>
    private static int FirstFailingVector(LiftedStructure lifting, float[] posterior, uint[] syndromeSigns, int from, int to)
    {
        ref int rowStart = ref MemoryMarshal.GetArrayDataReference(lifting.RowStart);
        ref int blocks = ref MemoryMarshal.GetArrayDataReference(lifting.Block);
        ref byte shifts = ref MemoryMarshal.GetArrayDataReference(lifting.Shift);
        ref int rotations = ref MemoryMarshal.GetArrayDataReference(Rotations);
        ref float posteriors = ref MemoryMarshal.GetArrayDataReference(posterior);
        ref uint syndrome = ref MemoryMarshal.GetArrayDataReference(syndromeSigns);
        Vector512<uint> signMask = Vector512.Create(SignMask);
        for (int r = from; r < to; r++)
        {
            Vector512<uint> parity = Vector512.LoadUnsafe(ref syndrome, (nuint)(r * Z));
            for (int e = Unsafe.Add(ref rowStart, r); e < Unsafe.Add(ref rowStart, r + 1); e++)
            {
                Vector512<int> rotation = Vector512.LoadUnsafe(ref rotations, (nuint)(Unsafe.Add(ref shifts, e) * Z));
                parity ^= Avx512F.PermuteVar16x32(Vector512.LoadUnsafe(ref posteriors, (nuint)(Unsafe.Add(ref blocks, e) * Z)), rotation).AsUInt32();
            }

            if ((parity & signMask) != Vector512<uint>.Zero)
            {
                return r;
            }
        }

        return -1;
    }

    /// <summary><see cref="FirstFailingVector"/> on AVX2, two halves per base row.</summary>
    private static int FirstFailingAvx2(LiftedStructure lifting, float[] posterior, uint[] syndromeSigns, int from, int to)
    {
        ref int rowStart = ref MemoryMarshal.GetArrayDataReference(lifting.RowStart);
        ref int blocks = ref MemoryMarshal.GetArrayDataReference(lifting.Block);
        ref byte shifts = ref MemoryMarshal.GetArrayDataReference(lifting.Shift);
        ref int rotations = ref MemoryMarshal.GetArrayDataReference(HalfRotations);
        ref float posteriors = ref MemoryMarshal.GetArrayDataReference(posterior);
        ref uint syndrome = ref MemoryMarshal.GetArrayDataReference(syndromeSigns);
        Vector256<uint> signMask = Vector256.Create(SignMask);
        for (int r = from; r < to; r++)
        {
            Vector256<uint> parityLow = Vector256.LoadUnsafe(ref syndrome, (nuint)(r * Z));
            Vector256<uint> parityHigh = Vector256.LoadUnsafe(ref syndrome, (nuint)((r * Z) + 8));
            for (int e = Unsafe.Add(ref rowStart, r); e < Unsafe.Add(ref rowStart, r + 1); e++)
            {
                nuint block = (nuint)(Unsafe.Add(ref blocks, e) * Z);
                (Vector256<float> low, Vector256<float> high) = Rotate(
                    Vector256.LoadUnsafe(ref posteriors, block), Vector256.LoadUnsafe(ref posteriors, block + 8), ref rotations, Unsafe.Add(ref shifts, e));
                parityLow ^= low.AsUInt32();
                parityHigh ^= high.AsUInt32();
            }

            if (((parityLow | parityHigh) & signMask) != Vector256<uint>.Zero)
            {
                return r;
            }
        }

        return -1;
    }

    private static int FirstFailingScalar(LiftedStructure lifting, float[] posterior, uint[] syndromeSigns, int from, int to)
    {
        for (int r = from; r < to; r++)
        {
            for (int i = 0; i < Z; i++)
            {
                uint parity = syndromeSigns[(r * Z) + i];
                for (int e = lifting.RowStart[r]; e < lifting.RowStart[r + 1]; e++)
                {
                    parity ^= BitConverter.SingleToUInt32Bits(posterior[(lifting.Block[e] * Z) + ((i + lifting.Shift[e]) & (Z - 1))]);
                }

                if ((parity & SignMask) != 0)
                {
                    return r;
                }
            }
        }

        return -1;
    }

    private static int[] SplitForHalves(int[] rotations)
    {
        var halves = new int[Z * 2 * Z];
        for (int s = 0; s < Z; s++)
        {
            for (int half = 0; half < 2; half++)
            {
                for (int i = 0; i < 8; i++)
                {
                    int source = rotations[(s * Z) + (half * 8) + i];
                    halves[(s * 2 * Z) + (half * Z) + i] = source & 7;
                    halves[(s * 2 * Z) + (half * Z) + 8 + i] = source >= 8 ? -1 : 0;
                }
            }
        }

        return halves;
    }

    private static int[] BuildRotations(int direction)
    {
        var rotations = new int[Z * Z];
        for (int s = 0; s < Z; s++)
        {
            for (int i = 0; i < Z; i++)
            {
                rotations[(s * Z) + i] = (i + (direction * s)) & (Z - 1);
            }
        }

        return rotations;
    }
}
