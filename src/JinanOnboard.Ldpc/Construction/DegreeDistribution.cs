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
    /// Number of variable nodes of each degree for n nodes: node fraction ν_d = (λ_d/d)/Σ(λ_j/j),
    /// count_d = ⌊n·ν_d⌋ (IEEE double), and the n − Σcount_d left over go to the smallest degree.
    /// Returned in the order of <see cref="Terms"/> (decreasing degree).
    /// </summary>
    public int[] NodeCounts(int blockLength)
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
        return counts;
    }
}
