using JinanOnboard.Primitives.Randomness;

namespace JinanOnboard.Ldpc.Construction;

/// <summary>
/// Deterministic quasi-cyclic construction (protocol-spec/ldpc-codes.md §4): the progressive socket placement of the
/// first books, run on the base graph (n/Z variables, m/Z checks), with a circulant shift chosen for every base edge so
/// that the lifted graph closes no 4-cycle where any shift allows it. Base 4-cycles are unavoidable at these densities
/// (a base graph of ~1 000 checks with columns of degree 40); a base 4-cycle lifts to 4-cycles only if its shifts sum to 0
/// mod Z, which is what the shift choice rules out — the QC form of PEG's girth condition (Tanner, Sridhara, Fuja 2001,
/// "A class of group-structured LDPC codes"; Fossorier 2004, "Quasi-cyclic LDPC codes from circulant permutation matrices",
/// Theorem 2: a 4-cycle exists iff s₁ − s₂ + s₃ − s₄ ≡ 0 mod Z).
/// </summary>
internal static class LiftedGraphBuilder
{
    private const int Z = LiftedStructure.Z;
    private const int AllShifts = (1 << Z) - 1;

    /// <summary>
    /// Sockets examined for a 4-cycle-free edge before accepting a cycle. Where cycles are unavoidable (the densest
    /// high-rate codes) an unbounded scan would test every free socket for every edge, quadratic in E (5.6 s for id 1).
    /// Measured: the default book's ids 16, 18, 20, 24, 31, 58, 80 and 120 have no 4-cycle (the window was never exhausted);
    /// ids 1, 9 and 12 (R ≥ 0.937) have some (test <c>Codes_have_no_four_cycles</c>, spec §4).
    /// </summary>
    private const int ScanWindow = 1024;

    /// <param name="columns">n, a multiple of Z.</param>
    /// <param name="rows">m, a multiple of Z.</param>
    public static ParityCheckMatrix Build(int columns, int rows, DegreeDistribution distribution, ulong seed) =>
        BuildStructure(columns, rows, distribution, seed).Expand();

    /// <summary>The base graph with its shifts, before expansion (what <see cref="LdpcCodeCache"/> stores).</summary>
    public static LiftedStructure BuildStructure(int columns, int rows, DegreeDistribution distribution, ulong seed)
    {
        if (columns % Z != 0 || rows % Z != 0)
        {
            throw new ArgumentException($"A lifted code needs n and m divisible by {Z} (n = {columns}, m = {rows}).");
        }

        int baseColumns = columns / Z;
        int baseRows = rows / Z;
        ArgumentOutOfRangeException.ThrowIfLessThan(baseRows, 2, nameof(rows));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(baseRows, baseColumns, nameof(rows));

        // Step 1: base variable degrees, highest first (the densest columns are placed while the graph is empty).
        int[] degree = distribution.ColumnDegrees(baseColumns, baseRows);

        var graph = new BaseGraph(degree, baseRows);
        var rng = new SplitMix64(seed);

        // Step 3: the degree-2 base columns form one chain over a shuffled check order (IRA accumulator) with shift 0: a
        // path lifts to Z disjoint paths, so no degree-2 cycle (a low-weight codeword) can appear.
        var order = new int[baseRows];
        for (int c = 0; c < baseRows; c++)
        {
            order[c] = c;
        }

        rng.Shuffle(order);
        int firstChain = Array.IndexOf(degree, 2);
        int chainLength = firstChain < 0 ? 0 : Math.Min(baseColumns - firstChain, baseRows - 1);
        for (int i = 0; i < chainLength; i++)
        {
            graph.Connect(firstChain + i, order[i], 0);
            graph.Connect(firstChain + i, order[i + 1], 0);
        }

        // Step 4: one socket per free check slot, shuffled.
        int[] sockets = graph.Sockets();
        rng.Shuffle(sockets);

        // Step 5: progressive placement with a shift per edge.
        var adjacentStamp = new int[baseRows];
        var offsetStamp = new int[baseColumns];
        var offsets = new int[baseColumns];
        int p = 0;
        for (int v = 0; v < baseColumns; v++)
        {
            if (v >= firstChain && v < firstChain + chainLength)
            {
                continue;
            }

            int stamp = v + 1;
            for (int k = 0; k < degree[v]; k++)
            {
                int start = rng.NextBelow(Z);
                int q = p;
                int allowed = 0;
                int scanEnd = Math.Min(sockets.Length, p + ScanWindow);
                while (q < scanEnd)
                {
                    int c = sockets[q];
                    if (adjacentStamp[c] != stamp)
                    {
                        allowed = AllShifts & ~graph.ForbiddenShifts(c, offsets, offsetStamp, stamp);
                        if (allowed != 0)
                        {
                            break;
                        }
                    }

                    q++;
                }

                if (q == scanEnd)
                {
                    // Every check in the window closes a lifted 4-cycle with every shift: accept one, never a double edge.
                    q = p;
                    while (q < sockets.Length && adjacentStamp[sockets[q]] == stamp)
                    {
                        q++;
                    }

                    if (q == sockets.Length)
                    {
                        continue; // edge dropped (spec §4 step 5c)
                    }

                    allowed = AllShifts;
                }

                (sockets[p], sockets[q]) = (sockets[q], sockets[p]);
                int check = sockets[p++];
                int shift = FirstAllowed(allowed, start);
                graph.Connect(v, check, shift);
                adjacentStamp[check] = stamp;
                graph.RecordOffsets(v, check, shift, offsets, offsetStamp, stamp);
            }
        }

        return graph.ToStructure();
    }

    /// <summary>The first shift in start, start+1, … (mod Z) whose bit is set in <paramref name="allowed"/> (non-zero).</summary>
    private static int FirstAllowed(int allowed, int start)
    {
        for (int i = 0; i < Z; i++)
        {
            int shift = (start + i) & (Z - 1);
            if ((allowed & (1 << shift)) != 0)
            {
                return shift;
            }
        }

        throw new InvalidOperationException("no shift allowed");
    }
}
