using JinanOnboard.Studies.RingTwinField.Forwarding;

namespace JinanOnboard.Studies.RingTwinField.Tests;

public sealed class ForwardingSecurityTests
{
    [Theory]
    [InlineData(6, 0, 3)]
    [InlineData(7, 0, 2)]
    [InlineData(8, 1, 2)]
    [InlineData(9, 0, 4)]
    [InlineData(10, 3, 8)]
    public void Enumerating_every_compromised_set_agrees_with_the_consecutive_pair_rule(int n, int a, int b)
    {
        ThresholdReport report = ThresholdEnumeration.Run(n, a, b);

        Assert.Equal(1L << n, report.SetsChecked);
        Assert.Equal(0, report.Disagreements);
        Assert.True(report.SetsRevealing > 0);
        // Three when an attachment satellite is among them (it sits on both segments).
        Assert.Equal(3, report.SmallestRevealingSet);
        Assert.True(report.ExampleSmallestSet.Contains(a) || report.ExampleSmallestSet.Contains(b));
    }

    [Fact]
    public void Without_an_attachment_satellite_four_are_needed()
    {
        // Attachments 0 and 5 on a ring of 10: each segment has four satellites strictly inside it.
        ThresholdReport report = ThresholdEnumeration.Run(10, 0, 5);

        Assert.Equal(4, report.SmallestRevealingSetWithoutAttachment);
        Assert.True(XorForwarding.Reveals(10, 0, 5, new HashSet<int> { 1, 2, 6, 7 }));
        Assert.False(XorForwarding.Reveals(10, 0, 5, new HashSet<int> { 1, 3, 6, 8 }));
    }

    [Fact]
    public void No_single_satellite_learns_the_secret_and_Bob_always_decodes()
    {
        for (int n = 3; n <= 9; n++)
        {
            for (int b = 1; b < n; b++)
            {
                Assert.True(XorForwarding.BobDecodes(n, 0, b));
                for (int k = 0; k < n; k++)
                {
                    Assert.False(XorForwarding.Reveals(n, 0, b, new HashSet<int> { k }));
                }
            }
        }
    }

    [Fact]
    public void Two_consecutive_satellites_break_one_segment_only()
    {
        // Satellites 1 and 2 lie on the increasing segment from 0 to 5; the other segment (0, 9, 8, 7, 6, 5) is intact.
        Assert.False(XorForwarding.Reveals(10, 0, 5, new HashSet<int> { 1, 2 }));
        Assert.True(XorForwarding.Reveals(10, 0, 5, new HashSet<int> { 0, 1, 9 }));
    }

    [Fact]
    public void Segments_run_both_ways_round_the_ring()
    {
        Assert.Equal([2, 3, 4, 0], XorForwarding.Segment(5, 2, 0, true));
        Assert.Equal([2, 1, 0], XorForwarding.Segment(5, 2, 0, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => XorForwarding.Segment(5, 2, 2, true));
        // The two segments share only the attachments: their sizes add up to N + 2 (what RingStudy counts without listing them).
        Assert.Equal(5 + 2, XorForwarding.Segment(5, 2, 0, true).Count + XorForwarding.Segment(5, 2, 0, false).Count);
    }
}
