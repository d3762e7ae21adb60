using JinanOnboard.Ldpc.Construction;

namespace JinanOnboard.Ldpc.Tests;

/// <summary>
/// Random quasi-cyclic codes (Z = 16) for the lifted-kernel tests and benchmarks (the benchmark project links this file):
/// column degrees in given node fractions, degree-2 columns in a staircase, the others on random distinct rows with every
/// base row ending up within a few edges of the mean degree, uniform random shifts. Deterministic from the seed (SplitMix64). Not the code book's construction.
/// </summary>
internal static class RandomLiftedCodes
{
    /// <summary>
    /// Rate ≈ 0.84 at the real size (n = 100 000: 6 250 base columns, 1 009 base rows, mean row degree ≈ 43): column
    /// degrees 2, 3, 6, 12, 20, 40 with edge fractions roughly those of D85 (protocol-spec/ldpc-codes.md §3, degrees merged
    /// into their neighbours), as node fractions λ_d/d normalised.
    /// </summary>
    public static readonly (int Degree, double NodeFraction)[] D85Like = NodeFractions(
        [(2, 0.043), (3, 0.202), (6, 0.148), (12, 0.176), (20, 0.135), (40, 0.296)]);

    /// <summary>Column degrees 3…8 in equal node fractions (small test codes).</summary>
    public static readonly (int Degree, double NodeFraction)[] ThreeToEight =
        [(3, 1 / 6.0), (4, 1 / 6.0), (5, 1 / 6.0), (6, 1 / 6.0), (7, 1 / 6.0), (8, 1 / 6.0)];

    public static LdpcCode Build(int baseColumns, int baseRows, (int Degree, double NodeFraction)[] degrees, ulong seed) =>
        new(8, Structure(baseColumns, baseRows, degrees, seed).Expand(), "random-lifted", seed, 0.5);

    public static LiftedStructure Structure(int baseColumns, int baseRows, (int Degree, double NodeFraction)[] degrees, ulong seed)
    {
        var random = new SplitMix64(seed);
        int[] columnDegree = ColumnDegrees(baseColumns, baseRows, degrees);
        int edges = columnDegree.Sum();
        var rowEntries = new List<int>[baseRows];
        int cap = (edges + baseRows - 1) / baseRows;

        // Open rows (fewer than cap edges) in a swap-remove list; columns are placed highest degree first, so the
        // last, low-degree columns still find enough distinct open rows.
        var open = new int[baseRows];
        for (int r = 0; r < baseRows; r++)
        {
            rowEntries[r] = [];
            open[r] = r;
        }

        // Degree-2 columns form a staircase (rows j, j + 1), as in the dual-diagonal part of IEEE 802.16e / 5G NR base graphs:
        // placed at random they close short cycles among themselves, whose lifts are low-weight codewords (an error floor).
        int staircase = 0;
        for (int b = 0; b < baseColumns && staircase + 1 < baseRows; b++)
        {
            if (columnDegree[b] == 2)
            {
                rowEntries[staircase].Add(b);
                rowEntries[staircase + 1].Add(b);
                columnDegree[b] = 0; // placed
                staircase++;
            }
        }

        int openCount = baseRows;
        var chosen = new HashSet<int>();
        foreach (int b in Enumerable.Range(0, baseColumns).Where(b => columnDegree[b] > 0).OrderByDescending(b => columnDegree[b]))
        {
            chosen.Clear();
            while (chosen.Count < columnDegree[b])
            {
                if (openCount <= chosen.Count)
                {
                    throw new InvalidOperationException("Random lifted structure: ran out of open rows.");
                }

                int slot = random.NextBelow(openCount);
                int row = open[slot];
                if (!chosen.Add(row))
                {
                    continue;
                }

                rowEntries[row].Add(b);
            }

            for (int slot = 0; slot < openCount;)
            {
                if (rowEntries[open[slot]].Count >= cap)
                {
                    open[slot] = open[--openCount];
                }
                else
                {
                    slot++;
                }
            }
        }

        var rowStart = new int[baseRows + 1];
        var block = new int[edges];
        var shift = new byte[edges];
        int e = 0;
        for (int r = 0; r < baseRows; r++)
        {
            rowEntries[r].Sort();
            foreach (int b in rowEntries[r])
            {
                block[e] = b;
                shift[e] = (byte)random.NextBelow(LiftedStructure.Z);
                e++;
            }

            rowStart[r + 1] = e;
        }

        return new LiftedStructure(baseColumns, baseRows, rowStart, block, shift);
    }

    private static int[] ColumnDegrees(int baseColumns, int baseRows, (int Degree, double NodeFraction)[] degrees)
    {
        var columnDegree = new int[baseColumns];
        int b = 0;
        for (int d = 0; d < degrees.Length; d++)
        {
            int count = d == degrees.Length - 1 ? baseColumns - b : (int)Math.Round(degrees[d].NodeFraction * baseColumns);
            for (int j = 0; j < count && b < baseColumns; j++)
            {
                columnDegree[b++] = Math.Min(degrees[d].Degree, baseRows);
            }
        }

        return columnDegree;
    }

    private static (int Degree, double NodeFraction)[] NodeFractions((int Degree, double EdgeFraction)[] lambda)
    {
        double total = lambda.Sum(t => t.EdgeFraction / t.Degree);
        return [.. lambda.Select(t => (t.Degree, t.EdgeFraction / t.Degree / total))];
    }
}
