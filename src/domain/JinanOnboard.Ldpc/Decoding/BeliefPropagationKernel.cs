namespace JinanOnboard.Ldpc.Decoding;

/// <summary>
/// How <see cref="LdpcDecoder"/> evaluates the sum-product check update. All four compute the same update
/// (to within their approximation error); the first three run on any code (they read the CSR), and stay selectable so
/// benchmarks can compare in one run.
/// </summary>
internal enum BeliefPropagationKernel
{
    /// <summary>φ form with φ read from <see cref="PhiTable"/>, padded 8-lane rows (<see cref="PaddedRows"/>). The default for unstructured codes.</summary>
    PhiTable = 0,

    /// <summary>Tanh-domain box-plus with polynomial exp/ln (<see cref="BoxPlusKernel"/>): the previous default.</summary>
    TanhPolynomial = 1,

    /// <summary>φ form with polynomial exp/ln per edge (<see cref="PhiKernel"/>): the first SIMD kernel.</summary>
    PhiPolynomial = 2,

    /// <summary>
    /// φ form over the quasi-cyclic structure (<see cref="LiftedLayeredSweep"/>): 16 rows of a base row at once, rotated
    /// contiguous blocks instead of gathers, φ from <see cref="InterpolatedPhi"/> in registers. The default for codes with
    /// <c>ParityCheckMatrix.Lifting</c>; on a code without it the decoder uses <see cref="PhiTable"/> instead.
    /// </summary>
    Lifted = 3,
}
