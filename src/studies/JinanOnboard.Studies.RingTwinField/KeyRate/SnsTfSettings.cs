namespace JinanOnboard.Studies.RingTwinField.KeyRate;

/// <summary>
/// Fixed figures of the SNS-TF-QKD model (models.md §12). <see cref="Misalignment"/> and
/// <see cref="ErrorCorrectionInefficiency"/> come from the ring parameter set; the rest are not given by the study and
/// are assumed, as listed in <see cref="AssumedNotes"/>.
/// </summary>
public sealed record SnsTfSettings
{
    /// <summary>Optical (phase) misalignment error e_d (ring set: 0.05).</summary>
    public double Misalignment { get; init; } = 0.05;

    /// <summary>Error-correction inefficiency f (ring set: 1.11).</summary>
    public double ErrorCorrectionInefficiency { get; init; } = 1.11;

    /// <summary>Dark-count probability per detector and pulse. Assumed: 1e-8 (≈10 counts/s in a 1 ns gate).</summary>
    public double DarkCountProbability { get; init; } = 1e-8;

    /// <summary>X-window intensity probabilities (vacuum, μ_1, μ_2), each side. Assumed: 1/3 each.</summary>
    public double XVacuumProbability { get; init; } = 1.0 / 3;

    /// <summary>See <see cref="XVacuumProbability"/>.</summary>
    public double XWeakProbability { get; init; } = 1.0 / 3;

    /// <summary>See <see cref="XVacuumProbability"/>.</summary>
    public double XStrongProbability { get; init; } = 1.0 / 3;

    /// <summary>Phase slices M: a μ_1-μ_1 pair is phase-matched when the relative phase is within π/M of 0 or π. Assumed: 16.</summary>
    public int PhaseSlices { get; init; } = 16;

    /// <summary>Failure probability of each Chernoff bound and of the ε terms of the key length. Assumed: 1e-10.</summary>
    public double Epsilon { get; init; } = 1e-10;

    /// <summary>The assumed values, one line each, for the JSON output.</summary>
    public IReadOnlyList<string> AssumedNotes =>
    [
        $"SNS-TF dark-count probability {DarkCountProbability:G3} per detector and pulse",
        $"SNS-TF X-window intensity probabilities {XVacuumProbability:G3}/{XWeakProbability:G3}/{XStrongProbability:G3} (vacuum, μ_1, μ_2)",
        $"SNS-TF phase slices M = {PhaseSlices}",
        $"SNS-TF ε_cor = ε_PA = ε̂ = Chernoff ε = {Epsilon:G3}",
    ];
}

/// <summary>The per-link free parameters of SNS-TF-QKD that the optimiser chooses (models.md §12).</summary>
public readonly record struct SnsTfParameters(double ZWindowProbability, double SendingProbability, double MuZ, double Mu1, double Mu2)
{
    /// <summary>Whether the parameters are usable: probabilities in (0, 1), 0 &lt; μ_1 &lt; μ_2, μ_Z &gt; 0.</summary>
    public bool IsValid => ZWindowProbability is > 0 and < 1 && SendingProbability is > 0 and < 1 && MuZ > 0 && Mu1 > 0 && Mu2 > Mu1 && double.IsFinite(Mu2);
}
