using JinanOnboard.QuantumChannel.Profiles;

namespace JinanOnboard.QuantumChannel.Simulation;

/// <summary>
/// The four single-photon detectors (H, V, D, A) behind the passive BB84 decoder. Defaults:
/// parameters.md (60% efficiency, jitter 350 ps FWHM); dark count rate and dead time are assumed.
/// </summary>
public sealed record DetectorConfiguration
{
    /// <summary>Detection efficiency of each detector (0, 1]; Jinan-1 60%.</summary>
    public double Efficiency { get; init; } = 0.60;

    /// <summary>Dark count rate per detector (Hz); assumed 100 Hz, the low end of parameters.md's assumed 100-500 /s (cooled Si SPADs).</summary>
    public double DarkCountRateHz { get; init; } = 100.0;

    /// <summary>Dead time after each click (ps); assumed 50 ns, typical of Si SPADs.</summary>
    public double DeadTimePs { get; init; } = 50_000.0;

    /// <summary>Timing jitter (ps FWHM, Gaussian); Jinan-1 &lt; 350 ps.</summary>
    public double JitterFwhmPs { get; init; } = 350.0;

    /// <summary>Probability that the passive decoder's beam splitter sends a photon to the Z (H/V) pair; 0.5.</summary>
    public double ZBasisSplitRatio { get; init; } = 0.5;

    /// <summary>Checks every field; one message per problem.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!(Efficiency > 0 && Efficiency <= 1))
        {
            errors.Add($"{nameof(Efficiency)} must lie in (0, 1] (got {Efficiency}).");
        }

        if (!(DarkCountRateHz >= 0) || !double.IsFinite(DarkCountRateHz))
        {
            errors.Add($"{nameof(DarkCountRateHz)} must be a finite rate >= 0 (got {DarkCountRateHz}).");
        }

        if (!(DeadTimePs >= 0) || !double.IsFinite(DeadTimePs))
        {
            errors.Add($"{nameof(DeadTimePs)} must be finite and >= 0 (got {DeadTimePs}).");
        }

        if (!(JitterFwhmPs >= 0) || !double.IsFinite(JitterFwhmPs))
        {
            errors.Add($"{nameof(JitterFwhmPs)} must be finite and >= 0 (got {JitterFwhmPs}).");
        }

        if (!(ZBasisSplitRatio > 0 && ZBasisSplitRatio < 1))
        {
            errors.Add($"{nameof(ZBasisSplitRatio)} must lie in (0, 1) (got {ZBasisSplitRatio}).");
        }

        return errors;
    }
}
