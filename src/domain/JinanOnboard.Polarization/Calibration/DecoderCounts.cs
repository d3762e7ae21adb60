using JinanOnboard.Polarization.Jones;

namespace JinanOnboard.Polarization.Calibration;

/// <summary>
/// Detections at the four outputs of the OGS's passive BB84 decoder (a 50/50 splitter into an H/V and a D/A analyser)
/// while the payload sent one reference state: what the OGS reports for one calibration step.
/// </summary>
public readonly record struct DecoderCounts(long H, long V, long D, long A)
{
    /// <summary>Counts at one output.</summary>
    public long this[Bb84State output] => output switch
    {
        Bb84State.H => H,
        Bb84State.V => V,
        Bb84State.D => D,
        _ => A,
    };

    /// <summary>All four outputs together.</summary>
    public long Total => H + V + D + A;
}
