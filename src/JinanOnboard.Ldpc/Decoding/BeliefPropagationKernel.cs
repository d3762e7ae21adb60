namespace JinanOnboard.Ldpc.Decoding;

/// <summary>
/// How <see cref="LdpcDecoder"/> evaluates the sum-product check update. All three compute the same update
/// (to within their approximation error); the older two stay selectable so benchmarks can compare in one run.
/// </summary>
internal enum BeliefPropagationKernel
{
    /// <summary>φ form with φ read from <see cref="PhiTable"/>, padded 8-lane rows (<see cref="PaddedRows"/>). The default.</summary>
    PhiTable = 0,

    /// <summary>Tanh-domain box-plus with polynomial exp/ln (<see cref="BoxPlusKernel"/>): the previous default.</summary>
    TanhPolynomial = 1,

    /// <summary>φ form with polynomial exp/ln per edge (<see cref="PhiKernel"/>): the first SIMD kernel.</summary>
    PhiPolynomial = 2,
}
