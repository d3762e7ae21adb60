namespace JinanOnboard.Studies.RingTwinField.Study;

/// <summary>
/// One ring size over the observation: geometry, the per-link SNS-TF rates, the ground attachments and the end-to-end
/// key (XOR forwarding over both segments; the rate of each instant is the weakest key of each segment, the two segments
/// combined by the smaller, models.md §9, §12).
/// </summary>
public sealed record RingRunResult(
    int Satellites,
    double NeighbourDistanceKm,
    double LinkGrazingHeightKm,
    double InterSatelliteLossDb,
    double InterSatelliteLinkRateBitsPerS,
    double InterSatelliteBridgeRateBitsPerS,
    double ConnectedFraction,
    double MeanGroundLossADb,
    double MeanGroundLossBDb,
    double MeanGroundLinkRateBitsPerS,
    double MeanAttachmentBridgeRateBitsPerS,
    double EndToEndKeyBits,
    double MeanEndToEndRateBitsPerS,
    double MeanHopsShorterSegment,
    string WeakestKey,
    int SmallestRevealingSet,
    bool ThresholdEnumerated);
