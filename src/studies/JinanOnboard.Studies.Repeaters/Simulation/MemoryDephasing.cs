namespace JinanOnboard.Studies.Repeaters.Simulation;

/// <summary>
/// Pure dephasing of a stored qubit (phase damping, Nielsen &amp; Chuang, "Quantum Computation and Quantum Information",
/// 2000, §8.3.6): after a storage time t a qubit suffers a Z (phase) flip with probability p(t) = (1 − e^(−t/T₂))/2,
/// T₂ the memory coherence time. Applied lazily (models.md §10): only when the qubit is next used (swap or measurement).
/// Independent flips combine through their bias 1 − 2p, which multiplies: the parity of several flips is odd with
/// probability (1 − Π(1 − 2pₖ))/2, so 1 − 2p(t) = e^(−t/T₂) makes a whole history one product of exponentials.
/// </summary>
public static class MemoryDephasing
{
    /// <summary>Z-flip probability after <paramref name="storageS"/> seconds in a memory of coherence time <paramref name="coherenceTimeS"/>.</summary>
    public static double FlipProbability(double storageS, double coherenceTimeS) => (1.0 - Bias(storageS, coherenceTimeS)) / 2.0;

    /// <summary>Bias 1 − 2p(t) = e^(−t/T₂) (1 for an infinite coherence time).</summary>
    public static double Bias(double storageS, double coherenceTimeS) =>
        double.IsPositiveInfinity(coherenceTimeS) ? 1.0 : Math.Exp(-storageS / coherenceTimeS);

    /// <summary>Error probability (1 − bias)/2 of a flip channel with the given bias.</summary>
    public static double ErrorOfBias(double bias) => (1.0 - bias) / 2.0;
}
