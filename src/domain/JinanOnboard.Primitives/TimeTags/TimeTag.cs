namespace JinanOnboard.Primitives.TimeTags;

/// <summary>
/// One event time-stamped by a time-to-digital converter: the input channel and the arrival
/// time in picoseconds on the TDC's own clock. This is the seam every time-tag stream passes
/// through, whether it comes from a real TDC, a simulated one, or a recording.
/// </summary>
/// <param name="Channel">TDC input: 0..3 the four single-photon detectors (H, V, D, A), 4 the 9.5 kHz sync words.</param>
/// <param name="TimePs">Arrival time on the TDC clock, picoseconds.</param>
public readonly record struct TimeTag(int Channel, long TimePs)
{
    /// <summary>Number of single-photon detector channels (H, V, D, A).</summary>
    public const int DetectorChannelCount = 4;

    /// <summary>The channel carrying the recovered 9.5 kHz synchronisation words.</summary>
    public const int SyncChannel = 4;
}
