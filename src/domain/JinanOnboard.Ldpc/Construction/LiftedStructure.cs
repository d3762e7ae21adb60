namespace JinanOnboard.Ldpc.Construction;

/// <summary>
/// A quasi-cyclic (lifted) parity-check matrix: a base graph of <see cref="BaseRows"/> × <see cref="BaseColumns"/>
/// whose every edge is a <see cref="Z"/> × <see cref="Z"/> cyclically shifted identity. Entry e of base row r, with base
/// column b = <see cref="Block"/>[e] and shift s = <see cref="Shift"/>[e], puts a one at H[r·Z + i, b·Z + ((i + s) mod Z)]
/// for i = 0…Z−1 (protocol-spec/ldpc-codes.md §4). Z = 16 is one 512-bit vector of floats: the decoder updates the 16 rows
/// of a base row together, and the 16 posteriors a base edge touches are one contiguous block in a rotated lane order,
/// so a row update is whole-vector loads, a lane rotation and stores instead of a scalar gather and scatter per edge.
/// </summary>
internal sealed class LiftedStructure
{
    /// <summary>Lifting size (circulant order).</summary>
    public const int Z = 16;

    public LiftedStructure(int baseColumns, int baseRows, int[] rowStart, int[] block, byte[] shift)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(rowStart.Length, baseRows + 1);
        ArgumentOutOfRangeException.ThrowIfNotEqual(block.Length, rowStart[baseRows]);
        ArgumentOutOfRangeException.ThrowIfNotEqual(shift.Length, block.Length);
        BaseColumns = baseColumns;
        BaseRows = baseRows;
        RowStart = rowStart;
        Block = block;
        Shift = shift;
    }

    public int BaseColumns { get; }

    public int BaseRows { get; }

    /// <summary>Base row r holds entries [RowStart[r], RowStart[r+1]), base columns ascending.</summary>
    public int[] RowStart { get; }

    /// <summary>Base column of each entry.</summary>
    public int[] Block { get; }

    /// <summary>Circulant shift (0…Z−1) of each entry.</summary>
    public byte[] Shift { get; }

    /// <summary>Number of base edges (each stands for Z edges of H).</summary>
    public int BaseEdgeCount => Block.Length;

    /// <summary>The full H (rows and columns ascending within their lists), with this structure attached.</summary>
    public ParityCheckMatrix Expand()
    {
        int columns = BaseColumns * Z;
        int rows = BaseRows * Z;
        var rowStart = new int[rows + 1];
        var rowColumns = new int[BaseEdgeCount * Z];
        var columnDegree = new int[columns];
        int e = 0;
        for (int r = 0; r < BaseRows; r++)
        {
            int from = RowStart[r];
            int degree = RowStart[r + 1] - from;
            for (int i = 0; i < Z; i++)
            {
                for (int k = 0; k < degree; k++)
                {
                    int column = (Block[from + k] * Z) + ((i + Shift[from + k]) & (Z - 1));
                    rowColumns[e++] = column;
                    columnDegree[column]++;
                }

                int row = (r * Z) + i;
                rowStart[row + 1] = e;

                // Base columns ascend within a base row, and each expanded column stays inside its block: already sorted.
            }
        }

        var columnStart = new int[columns + 1];
        for (int v = 0; v < columns; v++)
        {
            columnStart[v + 1] = columnStart[v] + columnDegree[v];
        }

        var fill = new int[columns];
        var columnRows = new int[e];
        for (int row = 0; row < rows; row++)
        {
            for (int x = rowStart[row]; x < rowStart[row + 1]; x++)
            {
                int v = rowColumns[x];
                columnRows[columnStart[v] + fill[v]++] = row;
            }
        }

        return new ParityCheckMatrix(columns, rows, rowStart, rowColumns, columnStart, columnRows) { Lifting = this };
    }
}
