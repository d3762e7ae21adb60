namespace JinanOnboard.Ldpc.Comparison;

/// <summary>
/// The check-update kernels <see cref="ComparisonDecoder"/> runs over the expanded H (CSR rows), for comparison with the
/// production <see cref="LdpcDecoder"/> (the lifted kernel). The first three compute the sum-product update to within
/// their approximation error; min-sum approximates it.
/// </summary>
internal enum ComparisonKernel
{
    /// <summary>φ form with φ read from <see cref="PhiTable"/>, padded 8-lane rows (<see cref="PaddedRows"/>): the default before the lifted kernel.</summary>
    PhiTable = 0,

    /// <summary>Tanh-domain box-plus with polynomial exp/ln (<see cref="BoxPlusKernel"/>): the default before the φ table.</summary>
    TanhPolynomial = 1,

    /// <summary>φ form with polynomial exp/ln per edge (<see cref="PhiKernel"/>): the first SIMD kernel.</summary>
    PhiPolynomial = 2,

    /// <summary>Normalised min-sum (scale <see cref="ComparisonDecoder.MinSumScale"/>): cheaper, loses efficiency at these rates.</summary>
    NormalizedMinSum = 3,
}
