namespace JinanOnboard.Ldpc.Construction.Design;

/// <summary>
/// An LDPC ensemble as the code book builds it: variable side λ(x) in edge perspective, checks concentrated
/// (every check has ⌊d̄c⌋ or ⌈d̄c⌉ edges, d̄c = d̄v/(1−R), d̄v = 1/Σ λ_d/d), design rate R.
/// The check side follows from λ and R, as in protocol-spec/ldpc-codes.md §4 step 2.
/// </summary>
internal sealed class Ensemble
{
    public Ensemble(IReadOnlyList<(int Degree, double EdgeFraction)> lambda, double rate)
    {
        if (!(rate > 0 && rate < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "Rate must be in (0, 1).");
        }

        Lambda = lambda;
        Rate = rate;
        double inverseMeanVariableDegree = 0;
        foreach ((int degree, double fraction) in lambda)
        {
            inverseMeanVariableDegree += fraction / degree;
        }

        MeanVariableDegree = 1 / inverseMeanVariableDegree;
        MeanCheckDegree = MeanVariableDegree / (1 - rate);
        LowCheckDegree = (int)Math.Floor(MeanCheckDegree);
        double highNodeFraction = MeanCheckDegree - LowCheckDegree;

        // Node fractions (1 − a, a) of degrees (d, d + 1) give edge fractions ρ_d ∝ d·(1 − a) (RSU 2001, eq. 2).
        LowCheckEdgeFraction = LowCheckDegree * (1 - highNodeFraction) / MeanCheckDegree;
    }

    public IReadOnlyList<(int Degree, double EdgeFraction)> Lambda { get; }

    public double Rate { get; }

    public double MeanVariableDegree { get; }

    public double MeanCheckDegree { get; }

    /// <summary>⌊d̄c⌋; the other check degree is one more.</summary>
    public int LowCheckDegree { get; }

    /// <summary>ρ of <see cref="LowCheckDegree"/>; ρ of the next degree is 1 minus this.</summary>
    public double LowCheckEdgeFraction { get; }

    public int MaxVariableDegree => Lambda.Max(t => t.Degree);

    /// <summary>Fraction of variable nodes of degree 2: ν₂ = (λ₂/2)·d̄v.</summary>
    public double DegreeTwoNodeFraction => Lambda.Where(t => t.Degree == 2).Sum(t => t.EdgeFraction) / 2 * MeanVariableDegree;
}
