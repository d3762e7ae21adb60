namespace JinanOnboard.Studies.Repeaters.Chain;

/// <summary>
/// Memory and protocol settings shared by every node of a chain. None of these are published for a flying system:
/// the scenarios' values are assumed and listed in configs/studies/repeater.json.
/// </summary>
/// <param name="CoherenceTimeS">Memory coherence time T₂, s (∞ for a perfect memory).</param>
/// <param name="CutoffS">Storage cutoff t_cut: a qubit stored longer is discarded, s (∞ for no cutoff).</param>
/// <param name="MemoryEfficiency">Heralded storage efficiency of the receiving memory, (0, 1].</param>
/// <param name="Modes">Multiplexed modes per heralding cycle (temporal multimode memory), ≥ 1.</param>
/// <param name="ModeRateHz">Source mode rate: M modes take M / rate seconds to emit.</param>
/// <param name="SwapSuccessProbability">Probability that a Bell-state measurement at a node succeeds, (0, 1].</param>
/// <param name="ErrorCorrectionInefficiency">f of the key rate bound r[1 − h(e_X) − f h(e_Z)], ≥ 1.</param>
public sealed record RepeaterSettings(
    double CoherenceTimeS,
    double CutoffS,
    double MemoryEfficiency,
    int Modes,
    double ModeRateHz,
    double SwapSuccessProbability,
    double ErrorCorrectionInefficiency)
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        Check(CoherenceTimeS > 0 && !double.IsNaN(CoherenceTimeS), nameof(CoherenceTimeS), CoherenceTimeS, "must be > 0 s (∞ allowed)");
        Check(CutoffS > 0 && !double.IsNaN(CutoffS), nameof(CutoffS), CutoffS, "must be > 0 s (∞ for no cutoff)");
        Check(MemoryEfficiency is > 0 and <= 1, nameof(MemoryEfficiency), MemoryEfficiency, "must be in (0, 1]");
        Check(Modes >= 1, nameof(Modes), Modes, "must be >= 1");
        Check(ModeRateHz > 0 && double.IsFinite(ModeRateHz), nameof(ModeRateHz), ModeRateHz, "must be a positive rate");
        Check(SwapSuccessProbability is > 0 and <= 1, nameof(SwapSuccessProbability), SwapSuccessProbability, "must be in (0, 1]");
        Check(ErrorCorrectionInefficiency >= 1 && double.IsFinite(ErrorCorrectionInefficiency), nameof(ErrorCorrectionInefficiency), ErrorCorrectionInefficiency, "must be >= 1");
    }

    private static void Check(bool ok, string name, double value, string rule)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} {value} {rule}");
        }
    }
}
