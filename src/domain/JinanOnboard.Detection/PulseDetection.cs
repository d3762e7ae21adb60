namespace JinanOnboard.Detection;

/// <summary>
/// One gated detection named by the pulse it belongs to: the payload's pulse sequence number and
/// the detector that clicked (0..3 = H, V, D, A). This is what the OGS reports for sifting.
/// </summary>
/// <param name="Sequence">Pulse sequence number (pulse n was emitted at n x 1600 ps on the payload clock).</param>
/// <param name="Detector">Detector 0..3 = H, V, D, A; after squashing a double click it is the randomly chosen one.</param>
public readonly record struct PulseDetection(long Sequence, int Detector)
{
    /// <summary>Measurement basis: 0 = Z (H/V, detectors 0 and 1), 1 = X (D/A, detectors 2 and 3).</summary>
    public int Basis => Detector >> 1;

    /// <summary>Measured bit: 0 for H or D, 1 for V or A.</summary>
    public int Bit => Detector & 1;
}
