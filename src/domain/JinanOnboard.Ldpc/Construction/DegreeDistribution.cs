namespace JinanOnboard.Ldpc.Construction;

/// <summary>
/// Variable-node degree distribution in edge perspective, λ(x) = Σ λ_d x^(d−1)
/// (Richardson, Shokrollahi, Urbanke 2001 notation). Check degrees are always concentrated
/// (every check has ⌊E/m⌋ or ⌈E/m⌉ edges), which is what RSU found optimal for a given mean.
/// </summary>
internal sealed class DegreeDistribution
{
    public DegreeDistribution(string name, IReadOnlyList<(int Degree, double EdgeFraction)> terms)
    {
        Name = name;
        Terms = terms;
    }

    /// <summary>Short name used in the spec table.</summary>
    public string Name { get; }

    /// <summary>(degree, λ_degree), degrees strictly decreasing.</summary>
    public IReadOnlyList<(int Degree, double EdgeFraction)> Terms { get; }

    /// <summary>
    /// Number of variable nodes of each degree for n nodes and m checks: node fraction ν_d = (λ_d/d)/Σ(λ_j/j),
    /// count_d = ⌊n·ν_d⌋ (IEEE double), and the n − Σcount_d left over go to the smallest degree. Then the
    /// degree-2 count is capped at m − 1 and the excess becomes degree 3: degree-2 columns beyond a spanning
    /// chain necessarily close cycles among themselves, i.e. codewords of the cycle's (low) weight — the
    /// error floor (undetected wrong words) seen with uncapped λ2. Returned in the order of <see cref="Terms"/>.
    /// </summary>
    public int[] NodeCounts(int blockLength, int rows)
    {
        double total = 0;
        foreach ((int degree, double fraction) in Terms)
        {
            total += fraction / degree;
        }

        var counts = new int[Terms.Count];
        int assigned = 0;
        for (int i = 0; i < Terms.Count; i++)
        {
            double nodeFraction = Terms[i].EdgeFraction / Terms[i].Degree / total;
            counts[i] = (int)Math.Floor(blockLength * nodeFraction);
            assigned += counts[i];
        }

        counts[^1] += blockLength - assigned;
        int two = IndexOfDegree(2);
        int three = IndexOfDegree(3);
        if (two >= 0 && three >= 0 && counts[two] > rows - 1)
        {
            counts[three] += counts[two] - (rows - 1);
            counts[two] = rows - 1;
        }

        return counts;
    }

    /// <summary>
    /// The degree of each of <paramref name="columns"/> variable nodes, highest degree first in the order of <see cref="Terms"/>
    /// (spec §4 step 1: the densest columns are placed while the graph is still empty), capped at <paramref name="rows"/>.
    /// </summary>
    public int[] ColumnDegrees(int columns, int rows)
    {
        int[] counts = NodeCounts(columns, rows);
        var degree = new int[columns];
        int v = 0;
        for (int t = 0; t < counts.Length; t++)
        {
            int d = Math.Min(Terms[t].Degree, rows);
            for (int i = 0; i < counts[t]; i++)
            {
                degree[v++] = d;
            }
        }

        return degree;
    }

    private int IndexOfDegree(int degree)
    {
        for (int i = 0; i < Terms.Count; i++)
        {
            if (Terms[i].Degree == degree)
            {
                return i;
            }
        }

        return -1;
    }
}
