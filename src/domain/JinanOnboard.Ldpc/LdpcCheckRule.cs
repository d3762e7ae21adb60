namespace JinanOnboard.Ldpc;

/// <summary>Check-node update rule of <see cref="LdpcDecoder"/>.</summary>
public enum LdpcCheckRule
{
    /// <summary>Sum-product (φ form, φ from a log-spaced table, SIMD). The default: closest to capacity.</summary>
    BeliefPropagation = 0,

    /// <summary>Normalised min-sum (scale 0.8): cheaper, loses efficiency at these rates; kept for comparison.</summary>
    NormalizedMinSum = 1,
}
