namespace JinanOnboard.Distillation.FiniteKey;

/// <summary>A value per decoy intensity: signal (μ1), decoy (μ2), vacuum (μ3), in that order.</summary>
/// <typeparam name="T">The value type.</typeparam>
/// <param name="Signal">Value for the signal intensity μ1.</param>
/// <param name="Decoy">Value for the decoy intensity μ2.</param>
/// <param name="Vacuum">Value for the "vacuum" intensity μ3.</param>
public readonly record struct PerIntensity<T>(T Signal, T Decoy, T Vacuum)
{
    /// <summary>The value at intensity index 0 (signal), 1 (decoy) or 2 (vacuum).</summary>
    public T this[int intensityIndex] => intensityIndex switch
    {
        0 => Signal,
        1 => Decoy,
        2 => Vacuum,
        _ => throw new ArgumentOutOfRangeException(nameof(intensityIndex), intensityIndex, "Intensity index must be 0, 1 or 2."),
    };
}

/// <summary>Decoy-state source settings: the three mean photon numbers and their probabilities.</summary>
/// <param name="MeanPhotonNumbers">μ1 &gt; μ2 &gt; μ3 &gt;= 0 (Jinan-1: 0.8, 0.1, 0.001).</param>
/// <param name="Probabilities">p1, p2, p3 in (0, 1], summing to 1 (Jinan-1: 0.5, 0.25, 0.25).</param>
public sealed record DecoySettings(PerIntensity<double> MeanPhotonNumbers, PerIntensity<double> Probabilities)
{
    /// <summary>The Jinan-1 source: μ = (0.8, 0.1, 0.001), p = (0.5, 0.25, 0.25) (parameters.md).</summary>
    public static DecoySettings Jinan1 { get; } = new(new(0.8, 0.1, 0.001), new(0.5, 0.25, 0.25));
}

/// <summary>Sifted-bit counts of one basis in one PA block.</summary>
/// <param name="Detections">n_{b,k}: sifted bits from pulses of each intensity.</param>
/// <param name="Errors">m_{b,k}: how many of those bits were wrong (known exactly after decoding).</param>
public sealed record BasisCounts(PerIntensity<long> Detections, PerIntensity<long> Errors);

/// <summary>Everything the finite-key analysis of one PA block needs (finite-key.md "Inputs, per PA block").</summary>
/// <param name="Decoy">Intensities and their probabilities.</param>
/// <param name="Z">Counts of the Z basis.</param>
/// <param name="X">Counts of the X basis.</param>
/// <param name="LambdaEcBits">λ_EC: every bit disclosed about the block (syndromes, retries, verification tags).</param>
/// <param name="EpsilonSec">ε_sec, secrecy parameter (default 1e-10).</param>
/// <param name="EpsilonCor">ε_cor, correctness parameter (default 1e-10).</param>
/// <param name="Bound">Chernoff (default) or Hoeffding deviation bounds.</param>
public sealed record FiniteKeyInput(
    DecoySettings Decoy,
    BasisCounts Z,
    BasisCounts X,
    double LambdaEcBits,
    double EpsilonSec = 1e-10,
    double EpsilonCor = 1e-10,
    DeviationBound Bound = DeviationBound.Chernoff);
