namespace JinanOnboard.Ldpc.Construction;

/// <summary>
/// The degree distributions the default code book is built from, one per design rate, variable side λ(x) in edge
/// perspective (a term λ_i x^(i−1) is degree i); checks are always concentrated (the mean check degree follows from E/m).
/// E50…E70: the density-evolution-optimised BSC ensembles of Elkouss, Leverrier, Alléaume, Boutros, "Efficient
/// reconciliation protocol for discrete-variable quantum key distribution", ISIT 2009 (arXiv:0901.2140), Table I.
/// H75, H79, H81, H84, H85, H87, H88 (fourth book revision) and D91 (third): designed for this book by <see cref="Design.DistributionDesigner"/>
/// (differential evolution judged by discretised density evolution, concentrated checks, degree-2 node fraction capped at
/// 1 − R); the H entries use degrees up to 80, which lowers their thresholds to f = 1.029–1.049 against 1.062–1.065 for the
/// third revision's D79, D85, D88 (kept in <see cref="References"/> with H91, which decoded no better than D91, and
/// Elkouss' E75, E80 and E85).
/// The literals ARE the specification (protocol-spec/ldpc-codes.md §3).
/// </summary>
internal static class DistributionTable
{
    private static readonly (double DesignRate, DegreeDistribution Distribution)[] Entries =
    [
        (0.50, new DegreeDistribution("E50", [
            (66, 0.02230), (59, 0.05094), (58, 0.06238), (57, 0.11178), (56, 0.00099), (55, 0.00210), (49, 0.00650),
            (47, 0.00879), (17, 0.01481), (15, 0.13115), (14, 0.06159), (11, 0.00162), (10, 0.01290), (9, 0.05590),
            (8, 0.053943), (6, 0.04697), (5, 0.00233), (4, 0.01836), (3, 0.19026), (2, 0.14438)])),
        (0.55, new DegreeDistribution("E55", [
            (31, 0.08280), (19, 0.05815), (18, 0.23454), (16, 0.02635), (15, 0.03846), (6, 0.18095), (3, 0.20994), (2, 0.16880)])),
        (0.60, new DegreeDistribution("E60", [
            (71, 0.15038), (46, 0.00748), (27, 0.08909), (26, 0.14438), (9, 0.14858), (8, 0.14163), (3, 0.20804), (2, 0.11040)])),
        (0.65, new DegreeDistribution("E65", [
            (51, 0.31656), (21, 0.00771), (15, 0.10719), (13, 0.10485), (9, 0.12151), (5, 0.00056), (4, 0.08057), (3, 0.15652), (2, 0.10451)])),
        (0.70, new DegreeDistribution("E70", [
            (73, 0.00354), (65, 0.04056), (62, 0.02741), (46, 0.09572), (25, 0.19872), (12, 0.12189), (9, 0.15571), (6, 0.00896),
            (3, 0.29406), (2, 0.05343)])),
        (0.75, new DegreeDistribution("H75", [
            (80, 0.16952), (60, 0.11404), (30, 0.07807), (20, 0.08252), (15, 0.00381), (12, 0.13793), (10, 0.02038), (8, 0.07636),
            (7, 0.02372), (6, 0.01128), (5, 0.02076), (4, 0.01434), (3, 0.17663), (2, 0.07064)])),
        (0.79, new DegreeDistribution("H79", [
            (80, 0.09974), (60, 0.18266), (40, 0.02642), (30, 0.12515), (20, 0.00604), (15, 0.00268), (12, 0.05210), (10, 0.18522),
            (7, 0.04745), (6, 0.01034), (4, 0.02086), (3, 0.18415), (2, 0.05719)])),
        (0.81, new DegreeDistribution("H81", [
            (80, 0.10042), (60, 0.18390), (40, 0.02660), (30, 0.12600), (20, 0.00608), (15, 0.00270), (12, 0.05245), (10, 0.18646),
            (7, 0.04777), (6, 0.01041), (4, 0.02100), (3, 0.18540), (2, 0.05081)])),
        (0.84, new DegreeDistribution("H84", [
            (80, 0.27694), (40, 0.08992), (30, 0.00369), (20, 0.13322), (12, 0.01988), (10, 0.15492), (8, 0.01760), (7, 0.07381),
            (6, 0.00097), (3, 0.18886), (2, 0.04019)])),
        (0.85, new DegreeDistribution("H85", [
            (80, 0.06250), (60, 0.16089), (40, 0.12506), (30, 0.08553), (20, 0.01309), (15, 0.00556), (12, 0.08419), (10, 0.09530),
            (8, 0.11447), (7, 0.00835), (6, 0.00648), (3, 0.19967), (2, 0.03891)])),
        (0.87, new DegreeDistribution("H87", [
            (80, 0.06288), (60, 0.16186), (40, 0.12581), (30, 0.08605), (20, 0.01317), (15, 0.00559), (12, 0.08470), (10, 0.09587),
            (8, 0.11516), (7, 0.00840), (6, 0.00652), (3, 0.20087), (2, 0.03312)])),
        (0.88, new DegreeDistribution("H88", [
            (80, 0.12239), (60, 0.13898), (40, 0.03176), (30, 0.18786), (12, 0.04060), (10, 0.18787), (7, 0.00764), (6, 0.04139),
            (4, 0.05754), (3, 0.15478), (2, 0.02919)])),
        (0.91, new DegreeDistribution("D91", [
            (40, 0.24245), (30, 0.07729), (20, 0.03435), (15, 0.13288), (12, 0.00639), (10, 0.19047), (8, 0.02134), (7, 0.00529),
            (6, 0.01060), (4, 0.06286), (3, 0.19164), (2, 0.02444)])),
    ];

    /// <summary>
    /// Distributions not in the book: the third revision's D79, D85, D88 and the H91 design (spec §3 says why), and Elkouss
    /// et al.'s E75 (replaced by H75 in the fourth revision), E80 and E85 (Table I), the designer's starting points.
    /// One correction: the rate-0.85 coefficient of x^4 is printed as 0.094274, which makes Σλ = 1.0515; 0.04274 gives
    /// Σλ = 1.0000 and rate 0.849 with the printed ρ, so 0.04274 is used.
    /// </summary>
    private static readonly (double DesignRate, DegreeDistribution Distribution)[] ReferenceEntries =
    [
        (0.79, new DegreeDistribution("D79", [
            (40, 0.19118), (30, 0.15578), (20, 0.03719), (15, 0.13866), (10, 0.01365), (8, 0.00220), (7, 0.01781), (6, 0.18843),
            (5, 0.00267), (4, 0.00082), (3, 0.19189), (2, 0.05972)])),
        (0.85, new DegreeDistribution("D85", [
            (40, 0.21817), (30, 0.07691), (20, 0.13503), (12, 0.17610), (7, 0.02091), (6, 0.08242), (5, 0.04533), (3, 0.20188),
            (2, 0.04325)])),
        (0.88, new DegreeDistribution("D88", [
            (40, 0.20833), (30, 0.18675), (20, 0.00358), (12, 0.19023), (10, 0.01300), (8, 0.00671), (7, 0.14112), (4, 0.01188),
            (3, 0.20535), (2, 0.03305)])),
        (0.91, new DegreeDistribution("H91", [
            (80, 0.17434), (60, 0.15733), (30, 0.08973), (20, 0.05908), (12, 0.17432), (10, 0.08150), (8, 0.00691), (7, 0.00441),
            (6, 0.03108), (4, 0.03945), (3, 0.16133), (2, 0.02052)])),
        (0.75, new DegreeDistribution("E75", [
            (31, 0.47408), (28, 0.01107), (7, 0.05288), (6, 0.10667), (5, 0.13764), (4, 0.01449), (3, 0.09511), (2, 0.10805)])),
        (0.80, new DegreeDistribution("E80", [
            (26, 0.34960), (17, 0.07194), (8, 0.09816), (7, 0.08550), (6, 0.11972), (3, 0.18088), (2, 0.09420)])),
        (0.85, new DegreeDistribution("E85", [
            (21, 0.50015), (9, 0.05137), (7, 0.01176), (6, 0.08454), (5, 0.04274), (4, 0.05878), (3, 0.20537), (2, 0.04528)])),
    ];

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

    /// <summary>The book's distributions, ascending design rate.</summary>
    public static IReadOnlyList<(double DesignRate, DegreeDistribution Distribution)> All => Entries;

    /// <summary>Distributions not in the book (D79, D85, D88, H91, E75, E80, E85): comparisons and designer starting points.</summary>
    public static IReadOnlyList<(double DesignRate, DegreeDistribution Distribution)> References => ReferenceEntries;

    /// <summary>The Elkouss et al. entry (E50…E85, book or reference) nearest to <paramref name="rate"/>: the designer's default start.</summary>
    public static DegreeDistribution NearestElkouss(double rate) =>
        Entries.Concat(ReferenceEntries).Where(e => e.Distribution.Name.StartsWith('E')).MinBy(e => Math.Abs(e.DesignRate - rate)).Distribution;

    /// <summary>A book or reference distribution by name.</summary>
    public static DegreeDistribution ByName(string name) =>
        Entries.Concat(ReferenceEntries).First(e => e.Distribution.Name == name).Distribution;
}
