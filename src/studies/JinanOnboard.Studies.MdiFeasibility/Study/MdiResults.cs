using JinanOnboard.Studies.MdiFeasibility.KeyRate;

namespace JinanOnboard.Studies.MdiFeasibility.Study;

/// <summary>One time slot: mean uplink losses, the intensities optimised on them, and the key with those and with the fixed ones.</summary>
public sealed record MdiSlotResult(
    double StartS,
    double DurationS,
    double MeanLossADb,
    double MeanLossBDb,
    double MeanDualLossDb,
    MdiIntensities Optimised,
    double KeyOptimisedBits,
    double KeyFixedBits);

/// <summary>One common-visibility window (a "pass" of the pair): geometry, losses, key, Doppler and timing.</summary>
public sealed record MdiWindowResult(
    DateTime StartUtc,
    DateTime EndUtc,
    double DurationS,
    double MaxElevationADeg,
    double MaxElevationBDeg,
    double MinDualLossDb,
    double MeanDualLossDb,
    double MaxDualLossDb,
    double KeyOptimisedBits,
    double KeyFixedBits,
    double MaxDopplerAHz,
    double MaxDopplerBHz,
    double MaxRelativeDopplerHz,
    double MinArrivalOffsetUs,
    double MaxArrivalOffsetUs,
    double MaxArrivalOffsetRateNsPerS,
    IReadOnlyList<MdiSlotResult> Slots);

/// <summary>
/// All windows of one configuration and the verdict: feasible when some window gives key with optimised intensities;
/// otherwise <see cref="InfeasibleByDb"/> says how far the best instant's dual-uplink loss is above the tolerable loss.
/// </summary>
public sealed record MdiEvaluation(double MaxTolerableDualLossDb, double MaxTolerableDualLossFixedDb, IReadOnlyList<MdiWindowResult> Windows)
{
    /// <summary>Lowest dual-uplink loss seen in any window, dB.</summary>
    public double MinDualLossDb => Windows.Count == 0 ? double.PositiveInfinity : Windows.Min(w => w.MinDualLossDb);

    /// <summary>Whether any window gives key with per-slot optimised intensities.</summary>
    public bool Feasible => Windows.Any(w => w.KeyOptimisedBits > 0);

    /// <summary>How many dB the best dual-uplink loss exceeds the tolerable loss (≤ 0 when within it).</summary>
    public double InfeasibleByDb => MinDualLossDb - MaxTolerableDualLossDb;

    /// <summary>Key of the best window with optimised intensities, bits.</summary>
    public double BestWindowKeyOptimisedBits => Windows.Count == 0 ? 0 : Windows.Max(w => w.KeyOptimisedBits);

    /// <summary>Key of the best window with the fixed intensities, bits.</summary>
    public double BestWindowKeyFixedBits => Windows.Count == 0 ? 0 : Windows.Max(w => w.KeyFixedBits);

    /// <summary>One line saying what the numbers mean.</summary>
    public string Verdict => Windows.Count == 0
        ? "no common visibility"
        : Feasible
            ? $"feasible: best window {BestWindowKeyOptimisedBits:G3} bits with per-slot optimised intensities, {BestWindowKeyFixedBits:G3} with fixed μ = 0.5, ν = 0.1"
            : $"INFEASIBLE: the lowest dual-uplink loss is {MinDualLossDb:F1} dB, {InfeasibleByDb:F1} dB above the {MaxTolerableDualLossDb:F1} dB MDI tolerates";
}
