using System.Runtime.CompilerServices;
using JinanOnboard.Ldpc.Construction;

namespace JinanOnboard.Ldpc.Comparison;

/// <summary>
/// The rows of H laid out for 8-lane processing: row c's columns start at <see cref="RowStart"/>[c] (a multiple
/// of <see cref="Lanes"/>) and are padded up to the next multiple with the dummy column n, whose posterior the
/// decoder holds at <see cref="PhiTable.NeutralArgument"/> so that a padding lane adds φ = 0 and a positive
/// sign. Every load and store of a row is then a whole vector, and the check-to-variable messages can be
/// stored straight from registers. Built once per matrix and shared by every decoder of that code (read-only).
/// </summary>
internal sealed class PaddedRows
{
    /// <summary>Vector lanes a row is padded to (Vector256&lt;float&gt;.Count).</summary>
    public const int Lanes = 8;

    private static readonly ConditionalWeakTable<ParityCheckMatrix, PaddedRows> Cache = [];

    private PaddedRows(ParityCheckMatrix matrix)
    {
        int m = matrix.Rows;
        int[] rowStart = matrix.RowStart;
        RowStart = new int[m + 1];
        Degree = new int[m];
        int maxDegree = 0;
        for (int c = 0; c < m; c++)
        {
            int degree = rowStart[c + 1] - rowStart[c];
            Degree[c] = degree;
            maxDegree = Math.Max(maxDegree, degree);
            RowStart[c + 1] = RowStart[c] + ((degree + Lanes - 1) & ~(Lanes - 1));
        }

        Columns = new int[RowStart[m]];
        Array.Fill(Columns, matrix.Columns);
        for (int c = 0; c < m; c++)
        {
            Array.Copy(matrix.RowColumns, rowStart[c], Columns, RowStart[c], Degree[c]);
        }

        // Greedy groups of up to MaxGroup pairwise-disjoint consecutive rows; a column stamp (not a merge) so that
        // nothing depends on the order of the columns within a row.
        GroupLength = new byte[m];
        var stamp = new int[matrix.Columns];
        Array.Fill(stamp, -1);
        for (int c = 0; c < m; c++)
        {
            int length = 0;
            while (length < MaxGroup && c + length < m && TryStamp(matrix.RowColumns, rowStart[c + length], rowStart[c + length + 1], stamp, c))
            {
                length++;
            }

            GroupLength[c] = (byte)Math.Max(length, 1);
        }

        DummyColumn = matrix.Columns;
        PaddedMaxDegree = (maxDegree + Lanes - 1) & ~(Lanes - 1);
    }

    /// <summary>Row c occupies [RowStart[c], RowStart[c+1]) of <see cref="Columns"/>; every RowStart is a multiple of <see cref="Lanes"/>.</summary>
    public int[] RowStart { get; }

    /// <summary>Column indices, ascending within a row, then <see cref="DummyColumn"/> up to the padded length.</summary>
    public int[] Columns { get; }

    /// <summary>True degree of each row (the lanes beyond it are padding).</summary>
    public int[] Degree { get; }

    /// <summary>
    /// Longest group of consecutive, pairwise column-disjoint rows the decoder updates together. Measured at QBER 2 %,
    /// code 32 (interleaved per frame, thread CPU time, loaded machine): pairs processed in fused loops take 0.76–0.79 of
    /// the row-by-row time (separate loops per row: 0.87–0.92); fused groups of 4 were no faster and, the method grown,
    /// made the pair path itself ≈ 30 % slower (register pressure in the JIT), so 2.
    /// </summary>
    public const int MaxGroup = 2;

    /// <summary>
    /// GroupLength[c] = the number (1..<see cref="MaxGroup"/>) of rows from c on that pairwise share no column, so
    /// updating them together gives exactly the result of updating them in turn. Any prefix of a group is a group.
    /// </summary>
    public byte[] GroupLength { get; }

    /// <summary>n: the index of the decoder's extra, neutral posterior slot.</summary>
    public int DummyColumn { get; }

    /// <summary>Longest row, rounded up to whole vectors (scratch buffer size).</summary>
    public int PaddedMaxDegree { get; }

    /// <summary>Total padded length (size of the padded message array).</summary>
    public int PaddedEdgeCount => Columns.Length;

    /// <summary>
    /// Marks the columns [from, to) of the CSR array with <paramref name="mark"/> unless one already carries it
    /// (the row shares a column with an earlier row of the group); then nothing is marked and false is returned.
    /// </summary>
    private static bool TryStamp(int[] rowColumns, int from, int to, int[] stamp, int mark)
    {
        for (int e = from; e < to; e++)
        {
            if (stamp[rowColumns[e]] == mark)
            {
                return false;
            }
        }

        for (int e = from; e < to; e++)
        {
            stamp[rowColumns[e]] = mark;
        }

        return true;
    }

    /// <summary>
    /// <see cref="PaddedEdgeCount"/> and <see cref="PaddedMaxDegree"/> of <paramref name="matrix"/>'s layout without building it
    /// (a decoder sizes its buffers with them and builds the layout only if the table kernel runs).
    /// </summary>
    public static (int PaddedEdgeCount, int PaddedMaxDegree) Sizes(ParityCheckMatrix matrix)
    {
        int edges = 0;
        int maxDegree = 0;
        for (int c = 0; c < matrix.Rows; c++)
        {
            int padded = (matrix.RowStart[c + 1] - matrix.RowStart[c] + Lanes - 1) & ~(Lanes - 1);
            edges += padded;
            maxDegree = Math.Max(maxDegree, padded);
        }

        return (edges, maxDegree);
    }

    /// <summary>The shared layout of <paramref name="matrix"/>, built on first use (thread-safe).</summary>
    public static PaddedRows For(ParityCheckMatrix matrix) => Cache.GetValue(matrix, static m => new PaddedRows(m));
}
