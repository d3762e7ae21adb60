using JinanOnboard.Orbit.Sites;
using JinanOnboard.Physics.Parameters;
using JinanOnboard.Studies.RingTwinField.Study;

namespace JinanOnboard.Studies.RingTwinField.Tests;

public sealed class RingStudyTests
{
    private static readonly Lazy<RingStudy> Study = new(() => new RingStudy(RingScenario.Default(
        PhysicsParameterSet.Named("ring-constellation"), GroundSiteCatalog.Find("Jinan")!, GroundSiteCatalog.Find("Hefei")!)));

    [Fact]
    public void A_bigger_ring_shortens_the_links_and_gives_more_end_to_end_key_over_24_hours()
    {
        RingRunResult small = Study.Value.Run(12);
        RingRunResult large = Study.Value.Run(40);

        Assert.True(large.InterSatelliteLossDb < small.InterSatelliteLossDb - 8);
        Assert.True(large.InterSatelliteLinkRateBitsPerS > small.InterSatelliteLinkRateBitsPerS);
        Assert.True(large.ConnectedFraction > small.ConnectedFraction);
        Assert.True(large.EndToEndKeyBits > 10 * small.EndToEndKeyBits);
        Assert.True(small.ThresholdEnumerated);
        Assert.Equal(3, small.SmallestRevealingSet);
    }

    [Fact]
    public void End_to_end_key_never_beats_its_weakest_key()
    {
        RingRunResult r = Study.Value.Run(40);

        Assert.True(r.EndToEndKeyBits > 0);
        // While connected the rate is at most the attachment bridge's (ground + ISL arms) and the ISL bridge's.
        double connectedRate = r.MeanEndToEndRateBitsPerS / r.ConnectedFraction;
        Assert.True(connectedRate <= r.MeanAttachmentBridgeRateBitsPerS * 1.000001);
        Assert.True(connectedRate <= r.InterSatelliteBridgeRateBitsPerS * 1.000001);
    }

    [Fact]
    public void A_segment_is_rated_at_its_worst_pair_of_adjacent_hops()
    {
        RingStudy s = Study.Value;
        // Three satellites: hops 30 (ground), 20 (ISL), 20 (ISL), 25 (ground): worst bridge is 30 + 20 = 50 dB.
        (double rate, string weakest) = s.SegmentRate(3, 30, 25, 20);
        Assert.Equal(s.Rates.RateBitsPerS(50), rate);
        Assert.StartsWith("attachment bridge", weakest, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ring_that_does_not_close_is_refused_with_the_size_named()
    {
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => Study.Value.Run(9));
        Assert.Equal(9, e.ActualValue);
        Assert.Contains("smallest ring: 10", e.Message, StringComparison.Ordinal);
    }
}
