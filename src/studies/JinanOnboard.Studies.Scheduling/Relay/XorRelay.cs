namespace JinanOnboard.Studies.Scheduling.Relay;

/// <summary>Key two cities can share through the satellite.</summary>
public sealed record PairKey(string CityA, string CityB, double KeysBits);

/// <summary>
/// Trusted-satellite relay (models.md §9): the satellite holds K_A with A and K_B with B and broadcasts K_A ⊕ K_B; B
/// recovers K_A, and the pair shares as many bits as the shorter key. Rule used here: pair key = min(E_A, E_B), each pair
/// counted as if both cities spent all their delivered key on that pair (the upper bound per pair; pairs compete for the
/// same key, so the table is not additive). Why min: every shared bit consumes one bit of each city's satellite key.
/// </summary>
public static class XorRelay
{
    /// <summary>All pairs (i &lt; j) in city order.</summary>
    public static IReadOnlyList<PairKey> Pairs(IReadOnlyList<string> cities, IReadOnlyList<double> deliveredBits)
    {
        ArgumentNullException.ThrowIfNull(cities);
        ArgumentNullException.ThrowIfNull(deliveredBits);
        var pairs = new List<PairKey>();
        for (int i = 0; i < cities.Count; i++)
        {
            for (int j = i + 1; j < cities.Count; j++)
            {
                pairs.Add(new PairKey(cities[i], cities[j], Math.Min(deliveredBits[i], deliveredBits[j])));
            }
        }

        return pairs;
    }
}
