using JinanOnboard.Primitives.TimeTags;

namespace JinanOnboard.Detection.Indexing;

/// <summary>
/// Settings of the OGS clock recovery and pulse indexing. Defaults follow system.md (625 MHz pulses,
/// 9.5 kHz sync words, 800 ps gate, ~100 ps FWHM sync precision).
/// </summary>
public sealed record PulseIndexerOptions
{
    /// <summary>Nominal pulse period on the payload clock, ps (625 MHz).</summary>
    public double PulsePeriodPs { get; init; } = 1600.0;

    /// <summary>Pulses between sync words (<see cref="SyncSchedule.PulsesPerSyncWord"/>).</summary>
    public long PulsesPerSyncWord { get; init; } = SyncSchedule.PulsesPerSyncWord;

    /// <summary>Full width of the acceptance gate centred on each expected pulse slot, ps (system.md: 800 ps).</summary>
    public double GateWidthPs { get; init; } = 800.0;

    /// <summary>
    /// Per-detector delay of the detector path relative to the sync path, ps (cable and electronics,
    /// calibrated at integration). A detection at local time t belongs to the slot at t - delay.
    /// </summary>
    public IReadOnlyList<double> DetectorDelayPs { get; init; } = [0.0, 0.0, 0.0, 0.0];

    /// <summary>
    /// Sequence index of the first sync word the tracker locks on. The payload numbers sync words
    /// from 0 at the start of the pass and the OGS starts tagging before it, so the default is 0.
    /// </summary>
    public long FirstSyncWordIndex { get; init; }

    /// <summary>
    /// Relative tolerance on the sync period during acquisition. Must cover TDC clock error
    /// (~10 ppm) plus the Doppler rate offset (|v_r|/c &lt;= 2.5e-5 for LEO), so 1e-4.
    /// </summary>
    public double AcquisitionTolerance { get; init; } = 1e-4;

    /// <summary>
    /// Half width of the window, ps, in which a sync tag must fall around its predicted time to be
    /// used; tags outside it are rejected as spurious. Widens by <see cref="SyncGateGrowthPsPerMissedWord"/>
    /// for every missing sync word while coasting.
    /// </summary>
    public double SyncGatePs { get; init; } = 2000.0;

    /// <summary>Widening of the sync window per missed sync word while coasting, ps.</summary>
    public double SyncGateGrowthPsPerMissedWord { get; init; } = 100.0;

    /// <summary>
    /// Longest gap, in sync words, after which a sync tag outside the window is taken as a possible return of the sync
    /// light rather than noise: a cloud that hid the satellite for seconds leaves the coasted clock a few microseconds
    /// off, outside the window but far inside one sync period, so the tracker re-acquires on a fresh chain of tags and
    /// numbers it from the coasted prediction. 9 500 words is 1 s at 9.5 kHz.
    /// </summary>
    public long MaxCoastWords { get; init; } = 9_500;

    /// <summary>
    /// Longest gap, in sync words, across which detections are still numbered by the coasted clock; later ones are
    /// dropped until the sync light is back. The coasted quadratic drifts by nanoseconds within tenths of a second at
    /// the Doppler rate change of a LEO pass, more than the 1.6 ns pulse slot, so the limit is far shorter than the
    /// tracker's own <see cref="MaxCoastWords"/>. 300 words is 32 ms: at the largest rate change of a LEO pass
    /// (3e-7 /s) detections are still numbered right after a 300-word gap and start to go wrong after ~330
    /// (SyncRecoveryTests).
    /// </summary>
    public long MaxDetectionCoastWords { get; init; } = 300;

    /// <summary>
    /// Phase gain of the alpha-beta-gamma (third-order, type-3) tracking loop. The defaults are the
    /// critically damped gains for smoothing factor theta = 0.95 (Brookner, "Tracking and Kalman
    /// Filtering Made Easy", 1998, ch. 1): alpha = 1 - theta^3, beta = 1.5 (1 - theta)^2 (1 + theta),
    /// gamma = 0.5 (1 - theta)^3. A type-3 loop follows a constant frequency offset and a constant rate
    /// of change (Doppler over a pass) with zero steady-state phase error.
    /// </summary>
    public double LoopAlpha { get; init; } = 0.1426;

    /// <summary>Period gain of the tracking loop (see <see cref="LoopAlpha"/>).</summary>
    public double LoopBeta { get; init; } = 0.007313;

    /// <summary>Period-change gain of the tracking loop; 0 makes it a plain alpha-beta (type-2) loop.</summary>
    public double LoopGamma { get; init; } = 0.0000625;

    /// <summary>Seed for the random choice among detectors in a double click (squashing).</summary>
    public ulong SquashSeed { get; init; } = 1;

    /// <summary>Checks every setting; throws <see cref="ArgumentOutOfRangeException"/> on the first bad one.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PulsePeriodPs, 0.0, nameof(PulsePeriodPs));
        ArgumentOutOfRangeException.ThrowIfLessThan(PulsesPerSyncWord, 1L, nameof(PulsesPerSyncWord));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(GateWidthPs, 0.0, nameof(GateWidthPs));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(GateWidthPs, PulsePeriodPs, nameof(GateWidthPs));
        ArgumentNullException.ThrowIfNull(DetectorDelayPs);
        if (DetectorDelayPs.Count != TimeTag.DetectorChannelCount)
        {
            throw new ArgumentOutOfRangeException(nameof(DetectorDelayPs), "need one delay per detector (4)");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(FirstSyncWordIndex, nameof(FirstSyncWordIndex));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(AcquisitionTolerance, 0.0, nameof(AcquisitionTolerance));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(SyncGatePs, 0.0, nameof(SyncGatePs));
        ArgumentOutOfRangeException.ThrowIfNegative(SyncGateGrowthPsPerMissedWord, nameof(SyncGateGrowthPsPerMissedWord));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCoastWords, 1L, nameof(MaxCoastWords));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDetectionCoastWords, 1L, nameof(MaxDetectionCoastWords));
        if (LoopAlpha is <= 0.0 or > 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(LoopAlpha), "alpha must be in (0, 1]");
        }

        if (LoopBeta is <= 0.0 or > 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(LoopBeta), "beta must be in (0, 1]");
        }

        if (LoopGamma is < 0.0 or > 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(LoopGamma), "gamma must be in [0, 1]");
        }
    }
}
