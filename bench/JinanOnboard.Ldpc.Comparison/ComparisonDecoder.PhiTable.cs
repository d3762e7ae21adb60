using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace JinanOnboard.Ldpc.Comparison;

/// <summary>The φ-table kernel (<see cref="ComparisonKernel.PhiTable"/>).</summary>
internal sealed partial class ComparisonDecoder
{
    /// <summary>
    /// One layered sweep with the <see cref="PhiTableRow"/> update. Two consecutive rows that share no column
    /// (<see cref="PaddedRows.GroupLength"/>) are updated together: gathered, forwarded and output in one loop each
    /// (<see cref="PhiTableRow.GatherPair"/> etc.), then scattered. The result is exactly that of updating them one after
    /// the other (no input of the second is an output of the first), but the two dependency chains (posterior loads,
    /// φ look-ups, the row sum) interleave instead of each row waiting for the previous one: measured 0.74–0.81 of the
    /// row-by-row time. Other rows (and pairs of unequal padded length) take the step-by-step group loop below.
    /// </summary>
    private unsafe void PhiTableSweep()
    {
        PaddedRows rows = _paddedRows ??= PaddedRows.For(_code.Matrix);
        int m = _code.SyndromeLength;
        int stride = rows.PaddedMaxDegree;
        int groupLimit = GroupLimit;
        ref int rowStart = ref MemoryMarshal.GetArrayDataReference(rows.RowStart);
        ref int columns = ref MemoryMarshal.GetArrayDataReference(rows.Columns);
        ref int degrees = ref MemoryMarshal.GetArrayDataReference(rows.Degree);
        ref byte groupLength = ref MemoryMarshal.GetArrayDataReference(rows.GroupLength);
        ref float posterior = ref MemoryMarshal.GetArrayDataReference(_posterior);
        ref float messages = ref MemoryMarshal.GetArrayDataReference(_checkToVariable);
        ref byte syndrome = ref MemoryMarshal.GetArrayDataReference(_syndromeBits);
        ref float input = ref MemoryMarshal.GetArrayDataReference(_rowInput);
        ref float phi = ref MemoryMarshal.GetArrayDataReference(_rowPhi);
        ref float updated = ref MemoryMarshal.GetArrayDataReference(_rowOutput);
        ref uint parity = ref MemoryMarshal.GetArrayDataReference(_groupParity);
        ref float phiSum = ref MemoryMarshal.GetArrayDataReference(_groupPhiSum);
        Vector256<float> skip = Vector256.Create(ConfidentRowSkip > 0 ? ConfidentRowSkip : float.PositiveInfinity);

        fixed (float* table = PhiTable.Values)
        {
            for (int c = 0; c < m;)
            {
                int group = Math.Min(Unsafe.Add(ref groupLength, c), groupLimit);
                if (group == 2 && Unsafe.Add(ref rowStart, c + 1) - Unsafe.Add(ref rowStart, c) == Unsafe.Add(ref rowStart, c + 2) - Unsafe.Add(ref rowStart, c + 1))
                {
                    int startA = Unsafe.Add(ref rowStart, c);
                    int startB = Unsafe.Add(ref rowStart, c + 1);
                    int padded = startB - startA;
                    ref float inputB = ref Unsafe.Add(ref input, stride);
                    ref float phiB = ref Unsafe.Add(ref phi, stride);
                    ref float updatedB = ref Unsafe.Add(ref updated, stride);
                    PhiTableRow.GatherPair(ref posterior, ref Unsafe.Add(ref columns, startA), ref Unsafe.Add(ref columns, startB), padded, ref input, ref inputB);
                    PhiTableRow.ForwardPair(
                        ref Unsafe.Add(ref messages, startA), ref Unsafe.Add(ref messages, startB), padded, ref input, ref inputB, ref phi, ref phiB, table,
                        out uint parityA, out uint parityB, out float sumA, out float sumB, out Vector256<float> smallestA, out Vector256<float> smallestB);
                    parityA ^= (uint)Unsafe.Add(ref syndrome, c) << 31;
                    parityB ^= (uint)Unsafe.Add(ref syndrome, c + 1) << 31;
                    bool updateA = parityA != 0 || !Vector256.GreaterThanOrEqualAll(smallestA, skip);
                    bool updateB = parityB != 0 || !Vector256.GreaterThanOrEqualAll(smallestB, skip);
                    if (updateA && updateB)
                    {
                        PhiTableRow.OutputPair(
                            ref Unsafe.Add(ref messages, startA), ref Unsafe.Add(ref messages, startB), padded, ref input, ref inputB, ref phi, ref phiB,
                            ref updated, ref updatedB, sumA, sumB, parityA, parityB, table);
                    }
                    else if (updateA)
                    {
                        PhiTableRow.Output(ref Unsafe.Add(ref messages, startA), padded, ref input, ref phi, ref updated, sumA, parityA, table);
                    }
                    else if (updateB)
                    {
                        PhiTableRow.Output(ref Unsafe.Add(ref messages, startB), padded, ref inputB, ref phiB, ref updatedB, sumB, parityB, table);
                    }

                    if (updateA)
                    {
                        PhiTableRow.Scatter(ref posterior, ref Unsafe.Add(ref columns, startA), Unsafe.Add(ref degrees, c), ref updated);
                    }

                    if (updateB)
                    {
                        PhiTableRow.Scatter(ref posterior, ref Unsafe.Add(ref columns, startB), Unsafe.Add(ref degrees, c + 1), ref updatedB);
                    }

                    c += 2;
                    continue;
                }

                for (int j = 0; j < group; j++)
                {
                    int start = Unsafe.Add(ref rowStart, c + j);
                    int padded = Unsafe.Add(ref rowStart, c + j + 1) - start;
                    PhiTableRow.Gather(ref posterior, ref Unsafe.Add(ref columns, start), padded, ref Unsafe.Add(ref input, j * stride));
                }

                for (int j = 0; j < group; j++)
                {
                    int start = Unsafe.Add(ref rowStart, c + j);
                    int padded = Unsafe.Add(ref rowStart, c + j + 1) - start;
                    uint signs = PhiTableRow.Forward(
                        ref Unsafe.Add(ref messages, start), padded, ref Unsafe.Add(ref input, j * stride), ref Unsafe.Add(ref phi, j * stride), table, out float sum, out Vector256<float> smallest);
                    signs ^= (uint)Unsafe.Add(ref syndrome, c + j) << 31;

                    // A satisfied row whose inputs are all confident is skipped (see TanhSweep): marked by a NaN sum.
                    bool confident = signs == 0 && Vector256.GreaterThanOrEqualAll(smallest, skip);
                    Unsafe.Add(ref parity, j) = signs;
                    Unsafe.Add(ref phiSum, j) = confident ? float.NaN : sum;
                }

                for (int j = 0; j < group; j++)
                {
                    float sum = Unsafe.Add(ref phiSum, j);
                    if (!float.IsNaN(sum))
                    {
                        int start = Unsafe.Add(ref rowStart, c + j);
                        int padded = Unsafe.Add(ref rowStart, c + j + 1) - start;
                        PhiTableRow.Output(
                            ref Unsafe.Add(ref messages, start), padded, ref Unsafe.Add(ref input, j * stride), ref Unsafe.Add(ref phi, j * stride),
                            ref Unsafe.Add(ref updated, j * stride), sum, Unsafe.Add(ref parity, j), table);
                    }
                }

                for (int j = 0; j < group; j++)
                {
                    if (!float.IsNaN(Unsafe.Add(ref phiSum, j)))
                    {
                        PhiTableRow.Scatter(ref posterior, ref Unsafe.Add(ref columns, Unsafe.Add(ref rowStart, c + j)), Unsafe.Add(ref degrees, c + j), ref Unsafe.Add(ref updated, j * stride));
                    }
                }

                c += group;
            }
        }
    }
}
