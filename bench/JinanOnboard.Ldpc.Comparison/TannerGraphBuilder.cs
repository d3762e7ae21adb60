using JinanOnboard.Ldpc.Construction;
using JinanOnboard.Primitives.Randomness;

namespace JinanOnboard.Ldpc.Comparison;

/// <summary>
/// The second book revision's unstructured construction, kept because the unstructured decoder kernels (row pairs of
/// unequal padded length, <see cref="PaddedRows"/>) are tested and benchmarked on its codes: a configuration-model
/// socket shuffle with progressive 4-cycle avoidance, a linear-time relative of PEG (Hu, Eleftheriou, Arnold 2005) that looks
/// only at the 2-hop neighbourhood. Its steps are those of protocol-spec/ldpc-codes.md §4 on H itself, without shifts, a
/// check being refused when it shares a variable with a check already adjacent to v (spec §4, note on the second revision).
/// </summary>
internal static class TannerGraphBuilder
{
    public static ParityCheckMatrix Build(int columns, int rows, DegreeDistribution distribution, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 8);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rows, columns);

        // Step 1: variable degrees, highest degree first (so the densest columns are placed
        // while the graph is still empty and cycle avoidance almost never has to give way).
        int[] degree = distribution.ColumnDegrees(columns, rows);

        var varStart = new int[columns + 1];
        for (int v = 0; v < columns; v++)
        {
            varStart[v + 1] = varStart[v] + degree[v];
        }

        int edges = varStart[columns];

        // Step 2: concentrated check degrees; the first E mod m checks get one extra edge.
        var checkStart = new int[rows + 1];
        int baseDegree = edges / rows;
        int extra = edges % rows;
        for (int c = 0; c < rows; c++)
        {
            checkStart[c + 1] = checkStart[c] + baseDegree + (c < extra ? 1 : 0);
        }

        var rng = new SplitMix64(seed);
        var varAdj = new int[edges];
        var varFill = new int[columns];
        var checkAdj = new int[edges];
        var checkFill = new int[rows];

        // Step 3: degree-2 variables form one zig-zag chain over a shuffled check order (the
        // accumulator of IRA codes, Jin–Khandekar–McEliece 2000): degree-2 columns on a cycle give
        // a codeword of that cycle's weight, the error floor measured with a plain random placement.
        var order = new int[rows];
        for (int c = 0; c < rows; c++)
        {
            order[c] = c;
        }

        rng.Shuffle(order);
        int firstChain = 0;
        while (firstChain < columns && degree[firstChain] != 2)
        {
            firstChain++;
        }

        int chainLength = Math.Min(columns - firstChain, rows - 1);
        for (int i = 0; i < chainLength; i++)
        {
            int v = firstChain + i;
            Connect(v, order[i], varStart, varFill, varAdj, checkStart, checkFill, checkAdj);
            Connect(v, order[i + 1], varStart, varFill, varAdj, checkStart, checkFill, checkAdj);
        }

        // Step 4: sockets = remaining capacity of each check (ascending check, repeated), Fisher–Yates shuffled.
        int socketCount = 0;
        for (int c = 0; c < rows; c++)
        {
            socketCount += checkStart[c + 1] - checkStart[c] - checkFill[c];
        }

        var sockets = new int[socketCount];
        int s0 = 0;
        for (int c = 0; c < rows; c++)
        {
            for (int r = checkStart[c] + checkFill[c]; r < checkStart[c + 1]; r++)
            {
                sockets[s0++] = c;
            }
        }

        rng.Shuffle(sockets);

        // Step 5: progressive assignment of every other variable, ascending index, with 4-cycle avoidance.
        var adjacentStamp = new int[rows];
        var nearStamp = new int[rows];
        int p = 0;
        for (int v = 0; v < columns; v++)
        {
            if (v >= firstChain && v < firstChain + chainLength)
            {
                continue; // placed in step 3
            }

            int stamp = v + 1;
            for (int k = 0; k < degree[v]; k++)
            {
                int q = p;
                while (q < socketCount && (adjacentStamp[sockets[q]] == stamp || nearStamp[sockets[q]] == stamp))
                {
                    q++;
                }

                if (q == socketCount)
                {
                    // No socket keeps girth ≥ 6: accept a 4-cycle but never a double edge.
                    q = p;
                    while (q < socketCount && adjacentStamp[sockets[q]] == stamp)
                    {
                        q++;
                    }

                    if (q == socketCount)
                    {
                        continue; // edge dropped: v ends with a lower degree (spec §Construction step 4c)
                    }
                }

                (sockets[p], sockets[q]) = (sockets[q], sockets[p]);
                int c = sockets[p++];
                Connect(v, c, varStart, varFill, varAdj, checkStart, checkFill, checkAdj);
                adjacentStamp[c] = stamp;
                for (int e = checkStart[c]; e < checkStart[c] + checkFill[c]; e++)
                {
                    int u = checkAdj[e];
                    if (u == v)
                    {
                        continue;
                    }

                    for (int f = varStart[u]; f < varStart[u] + varFill[u]; f++)
                    {
                        nearStamp[varAdj[f]] = stamp;
                    }
                }
            }
        }

        return Compact(columns, rows, varStart, varFill, varAdj, checkStart, checkFill, checkAdj);
    }

    private static void Connect(int v, int c, int[] varStart, int[] varFill, int[] varAdj, int[] checkStart, int[] checkFill, int[] checkAdj)
    {
        varAdj[varStart[v] + varFill[v]++] = c;
        checkAdj[checkStart[c] + checkFill[c]++] = v;
    }


    private static ParityCheckMatrix Compact(
        int columns, int rows, int[] varStart, int[] varFill, int[] varAdj, int[] checkStart, int[] checkFill, int[] checkAdj)
    {
        var rowStart = new int[rows + 1];
        for (int c = 0; c < rows; c++)
        {
            rowStart[c + 1] = rowStart[c] + checkFill[c];
        }

        var rowColumns = new int[rowStart[rows]];
        for (int c = 0; c < rows; c++)
        {
            Array.Copy(checkAdj, checkStart[c], rowColumns, rowStart[c], checkFill[c]);
            Array.Sort(rowColumns, rowStart[c], checkFill[c]); // the chain was placed first: restore ascending order
        }

        var columnStart = new int[columns + 1];
        for (int v = 0; v < columns; v++)
        {
            columnStart[v + 1] = columnStart[v] + varFill[v];
        }

        var columnRows = new int[columnStart[columns]];
        for (int v = 0; v < columns; v++)
        {
            Array.Copy(varAdj, varStart[v], columnRows, columnStart[v], varFill[v]);
        }

        return new ParityCheckMatrix(columns, rows, rowStart, rowColumns, columnStart, columnRows);
    }
}
