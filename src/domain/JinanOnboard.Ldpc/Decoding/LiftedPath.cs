namespace JinanOnboard.Ldpc.Decoding;

/// <summary>
/// Which implementation of <see cref="LiftedLayeredSweep"/> runs. All three compute bit-identical messages and posteriors
/// (same operations in the same order per lane, no fused multiply-adds), so decoding results never depend on the CPU.
/// </summary>
internal enum LiftedPath
{
    /// <summary>The widest the CPU has: AVX-512, else AVX2, else scalar. The default.</summary>
    Widest = 0,

    /// <summary>Two 8-lane halves per base row, φ̃ by gathers (AVX2 machines; scalar where AVX2 is missing). Tests force it.</summary>
    Avx2 = 1,

    /// <summary>Lane by lane. Tests force it.</summary>
    Scalar = 2,
}
