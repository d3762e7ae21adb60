namespace JinanOnboard.Ldpc;

/// <summary>Outcome of one decode.</summary>
/// <param name="Converged">True only if the output satisfies H·x̂ = s exactly.</param>
/// <param name="Iterations">Full layered iterations run.</param>
/// <param name="CorrectedBitCount">Bits where the output differs from the noisy input.</param>
public readonly record struct LdpcDecodeResult(bool Converged, int Iterations, int CorrectedBitCount);
