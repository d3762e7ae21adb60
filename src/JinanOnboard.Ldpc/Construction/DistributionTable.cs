namespace JinanOnboard.Ldpc.Construction;

/// <summary>
/// The degree distributions the default code book is built from, one per design rate.
/// Shape (RSU 2001 / Elkouss et al. 2009 style): a fraction λ2 of degree-2 edges held just below
/// the BSC stability bound λ2·ρ'(1) &lt; 1/(2√(p(1−p))) (RSU 2001 Thm. 5) at the design QBER,
/// λ3 = 0.25, and the rest split over two high degrees that grow with the rate; checks concentrated.
/// The literals ARE the specification (protocol-spec/ldpc-codes.md §Distributions).
/// </summary>
internal static class DistributionTable
{
    private static readonly (double DesignRate, DegreeDistribution Distribution)[] Entries =
    [
        (0.50, new DegreeDistribution("D50", [(8, 0.5367), (3, 0.25), (2, 0.2133)])),
        (0.60, new DegreeDistribution("D60", [(12, 0.2911), (8, 0.2911), (3, 0.25), (2, 0.1678)])),
        (0.70, new DegreeDistribution("D70", [(16, 0.3080), (8, 0.3081), (3, 0.25), (2, 0.1339)])),
        (0.80, new DegreeDistribution("D80", [(20, 0.3262), (10, 0.3262), (3, 0.25), (2, 0.0976)])),
        (0.85, new DegreeDistribution("D85", [(24, 0.3340), (10, 0.3339), (3, 0.25), (2, 0.0821)])),
    ];

    // D90 (28:0.3435, 12:0.3436, 3:0.25, 2:0.0629) and D95 (32:0.3536, 14:0.3536, 3:0.25, 2:0.0428) were tried
    // and showed an error floor (FER 0.2 at f = 1.4, n = 100 000), so rates above 0.85 use D85.

    /// <summary>The entry whose design rate is nearest to <paramref name="rate"/> (ties go to the lower rate).</summary>
    public static DegreeDistribution ForRate(double rate)
    {
        int best = 0;
        for (int i = 1; i < Entries.Length; i++)
        {
            if (Math.Abs(Entries[i].DesignRate - rate) < Math.Abs(Entries[best].DesignRate - rate))
            {
                best = i;
            }
        }

        return Entries[best].Distribution;
    }

    public static IReadOnlyList<(double DesignRate, DegreeDistribution Distribution)> All => Entries;
}
