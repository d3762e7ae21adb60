namespace JinanOnboard.Ldpc.Construction;

/// <summary>
/// Sparse H (m × n) held both ways: row-major (check → variables) for syndromes and the layered
/// decoder, column-major (variable → checks) for analysis. Arrays are never exposed for writing.
/// </summary>
internal sealed class ParityCheckMatrix
{
    public ParityCheckMatrix(int columns, int rows, int[] rowStart, int[] rowColumns, int[] columnStart, int[] columnRows)
    {
        Columns = columns;
        Rows = rows;
        RowStart = rowStart;
        RowColumns = rowColumns;
        ColumnStart = columnStart;
        ColumnRows = columnRows;
    }

    public int Columns { get; }

    /// <summary>The quasi-cyclic description this H was expanded from, or null for an unstructured H.</summary>
    public LiftedStructure? Lifting { get; init; }

    public int Rows { get; }

    public int EdgeCount => RowColumns.Length;

    /// <summary>Row c holds columns RowColumns[RowStart[c] .. RowStart[c+1]), ascending.</summary>
    public int[] RowStart { get; }

    public int[] RowColumns { get; }

    /// <summary>Column v holds rows ColumnRows[ColumnStart[v] .. ColumnStart[v+1]), in construction order.</summary>
    public int[] ColumnStart { get; }

    public int[] ColumnRows { get; }

    public int MaxRowDegree
    {
        get
        {
            int max = 0;
            for (int c = 0; c < Rows; c++)
            {
                max = Math.Max(max, RowStart[c + 1] - RowStart[c]);
            }

            return max;
        }
    }

    /// <summary>
    /// FNV-1a 64 over n, m, RowStart[0..m] and RowColumns[0..E), each as 4 little-endian bytes.
    /// Specified in protocol-spec/ldpc-codes.md so another implementation can prove it built the same H.
    /// </summary>
    public ulong StructureHash()
    {
        ulong hash = 0xCBF29CE484222325UL;
        hash = Mix(hash, Columns);
        hash = Mix(hash, Rows);
        foreach (int value in RowStart)
        {
            hash = Mix(hash, value);
        }

        foreach (int value in RowColumns)
        {
            hash = Mix(hash, value);
        }

        return hash;
    }

    private static ulong Mix(ulong hash, int value)
    {
        uint bits = (uint)value;
        for (int i = 0; i < 4; i++)
        {
            hash ^= (bits >> (8 * i)) & 0xFF;
            hash *= 0x100000001B3UL;
        }

        return hash;
    }
}
