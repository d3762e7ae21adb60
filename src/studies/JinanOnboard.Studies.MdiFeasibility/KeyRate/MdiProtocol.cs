namespace JinanOnboard.Studies.MdiFeasibility.KeyRate;

/// <summary>
/// Detector and error figures of the MDI channel model (models.md §11; parameters.md "Micius uplink"):
/// <paramref name="DarkCountProbability"/> p_d per detector and pulse (the set's background yield Y_0),
/// <paramref name="DarkCountError"/> e_0 (0.5), <paramref name="Misalignment"/> e_d and the error-correction
/// inefficiency <paramref name="ErrorCorrectionInefficiency"/> f_e.
/// </summary>
public sealed record MdiProtocol(double DarkCountProbability, double DarkCountError, double Misalignment, double ErrorCorrectionInefficiency)
{
    /// <summary>The Micius-uplink figures: p_d = 3e-6, e_0 = 0.5, e_d = 0.015, f_e = 1.16.</summary>
    public static MdiProtocol MiciusUplink { get; } = new(3e-6, 0.5, 0.015, 1.16);
}

/// <summary>
/// Alice's and Bob's intensities, chosen independently (Zhou, Yu &amp; Wang, PRA 93, 042324 (2016)): signal μ and weak
/// decoy ν on each side; the third intensity ω is the vacuum (0) on both sides.
/// </summary>
public readonly record struct MdiIntensities(double MuA, double NuA, double MuB, double NuB)
{
    /// <summary>The study's fixed comparison point: μ = 0.5, ν = 0.1, ω = 0 on both sides (models.md §11).</summary>
    public static MdiIntensities Fixed { get; } = new(0.5, 0.1, 0.5, 0.1);

    /// <summary>Whether 0 &lt; ν &lt; μ on both sides (the decoy bound's requirement).</summary>
    public bool IsValid => NuA > 0 && NuA < MuA && NuB > 0 && NuB < MuB && double.IsFinite(MuA) && double.IsFinite(MuB);
}
