namespace JinanOnboard.Detection.Indexing;

/// <summary>Counters and clock estimates of a <see cref="PulseIndexer"/>, for logs and the bench report.</summary>
/// <param name="TagsIn">Every tag offered, all channels.</param>
/// <param name="DetectorTagsIn">Tags on detector channels 0..3.</param>
/// <param name="SyncTagsIn">Tags on the sync channel.</param>
/// <param name="UnknownChannelTags">Tags on any other channel (ignored).</param>
/// <param name="DetectorTagsBeforeLock">Detector tags that arrived before the sync clock was locked, or while it coasted longer than the coasting limit (dropped).</param>
/// <param name="InsideGate">Detector tags inside the gate of their nearest pulse slot.</param>
/// <param name="OutsideGate">Detector tags outside the gate (dropped as background).</param>
/// <param name="OutOfOrderTags">Gated tags naming an earlier slot than one already emitted (dropped).</param>
/// <param name="DoubleClickSlots">Slots in which more than one detector clicked (squashed to one random detector).</param>
/// <param name="DetectionsOut">Pulse detections emitted.</param>
/// <param name="SyncWordsUsed">Sync tags used to lock or track the clock.</param>
/// <param name="SyncWordsMissed">Sync words missing from the sync channel (bridged).</param>
/// <param name="SpuriousSyncTags">Sync tags rejected as spurious.</param>
/// <param name="IsLocked">Whether the sync clock is locked.</param>
/// <param name="EstimatedOffsetPs">Local time of pulse 0 extrapolated from the last sync word with the nominal period, ps.</param>
/// <param name="EstimatedRatePpm">Local sync period relative to nominal, minus one, in ppm (TDC drift plus Doppler).</param>
/// <param name="SyncResidualRmsPs">RMS of the tracking loop's sync prediction residuals, ps.</param>
/// <param name="SyncReacquisitions">Times the sync clock re-acquired after a gap longer than the coasting limit (a cloud).</param>
public sealed record PulseIndexerStatistics(
    long TagsIn,
    long DetectorTagsIn,
    long SyncTagsIn,
    long UnknownChannelTags,
    long DetectorTagsBeforeLock,
    long InsideGate,
    long OutsideGate,
    long OutOfOrderTags,
    long DoubleClickSlots,
    long DetectionsOut,
    long SyncWordsUsed,
    long SyncWordsMissed,
    long SpuriousSyncTags,
    bool IsLocked,
    double EstimatedOffsetPs,
    double EstimatedRatePpm,
    double SyncResidualRmsPs,
    long SyncReacquisitions = 0);
