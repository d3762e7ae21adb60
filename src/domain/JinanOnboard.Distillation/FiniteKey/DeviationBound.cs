namespace JinanOnboard.Distillation.FiniteKey;

/// <summary>Which statistical deviation bound turns observed counts into bounds on expected counts.</summary>
public enum DeviationBound
{
    /// <summary>Multiplicative Chernoff bounds (finite-key.md; what Jinan-1 runs).</summary>
    Chernoff = 0,

    /// <summary>
    /// Hoeffding bounds as in Lim et al., PRA 89, 022307 (2014), Eq. (2):
    /// n_k ± sqrt(n_b / 2 · ln(21/ε_sec)), with n_b the basis total. For comparison only.
    /// </summary>
    Hoeffding = 1,
}
