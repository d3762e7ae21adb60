namespace JinanOnboard.Studies.RingTwinField.Forwarding;

/// <summary>What the enumeration of every compromised set found for one ring and attachment pair.</summary>
public sealed record ThresholdReport(
    int Satellites,
    int AttachmentA,
    int AttachmentB,
    long SetsChecked,
    long SetsRevealing,
    long Disagreements,
    int SmallestRevealingSet,
    int SmallestRevealingSetWithoutAttachment,
    IReadOnlyList<int> ExampleSmallestSet);

/// <summary>
/// Checks the forwarding's security threshold by brute force: every subset of the N satellites (2^N, so small rings
/// only) is tested with <see cref="XorForwarding.Reveals"/> and compared with <see cref="XorForwarding.RuleReveals"/>.
/// </summary>
public static class ThresholdEnumeration
{
    /// <summary>Largest ring enumerated (2^16 subsets).</summary>
    public const int MaxSatellites = 16;

    /// <summary>Enumerate every compromised set of a ring of <paramref name="n"/> with attachments <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static ThresholdReport Run(int n, int a, int b)
    {
        if (n > MaxSatellites)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, $"enumeration covers rings of at most {MaxSatellites} satellites");
        }

        long revealing = 0;
        long disagreements = 0;
        int smallest = int.MaxValue;
        int smallestWithout = int.MaxValue;
        IReadOnlyList<int> example = [];
        for (int mask = 0; mask < 1 << n; mask++)
        {
            var set = new HashSet<int>();
            for (int k = 0; k < n; k++)
            {
                if ((mask & (1 << k)) != 0)
                {
                    set.Add(k);
                }
            }

            bool reveals = XorForwarding.Reveals(n, a, b, set);
            if (reveals != XorForwarding.RuleReveals(n, a, b, set))
            {
                disagreements++;
            }

            if (!reveals)
            {
                continue;
            }

            revealing++;
            if (set.Count < smallest)
            {
                smallest = set.Count;
                example = [.. set.Order()];
            }

            if (!set.Contains(a) && !set.Contains(b))
            {
                smallestWithout = Math.Min(smallestWithout, set.Count);
            }
        }

        return new ThresholdReport(n, a, b, 1L << n, revealing, disagreements, smallest, smallestWithout == int.MaxValue ? 0 : smallestWithout, example);
    }
}
