namespace JinanOnboard.Primitives.Detections;

/// <summary>
/// One gated detection named by the pulse it belongs to: the payload's pulse sequence number and the detector that
/// clicked (0..3 = H, V, D, A). The one detection type of the OGS, from the pulse indexer through the recording digest
/// to sifting (system.md step 2); it travels in pooled <see cref="DetectionBatch"/>es.
/// </summary>
/// <param name="Sequence">Pulse sequence number (pulse n was emitted at n x 1600 ps on the payload clock).</param>
/// <param name="Detector">Detector 0..3 = H, V, D, A; after squashing a double click it is the randomly chosen one.</param>
public readonly record struct PulseDetection(long Sequence, int Detector)
{
    /// <summary>Measurement basis: 0 = Z (H/V, detectors 0 and 1), 1 = X (D/A, detectors 2 and 3); the values of the source's basis enum.</summary>
    public int Basis => Detector >> 1;

    /// <summary>Measured bit: 0 for H or D, 1 for V or A.</summary>
    public int Bit => Detector & 1;

    /// <summary>The detection of basis <paramref name="basis"/> (0 = Z, 1 = X) and bit <paramref name="bit"/> (0 or 1).</summary>
    public static PulseDetection Of(long sequence, int basis, int bit) => new(sequence, (basis << 1) | bit);
}
