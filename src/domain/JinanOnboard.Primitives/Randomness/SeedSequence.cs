namespace JinanOnboard.Primitives.Randomness;

/// <summary>
/// Derives independent, reproducible seeds for each consumer from one run seed and a purpose
/// label, so adding a consumer never shifts another consumer's random stream.
/// </summary>
public static class SeedSequence
{
    /// <summary>A 64-bit seed for <paramref name="purpose"/> under <paramref name="runSeed"/>.</summary>
    public static ulong Derive(ulong runSeed, string purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);

        // FNV-1a over the label, then the SplitMix64 finaliser (Steele, Lea & Flood, OOPSLA 2014)
        // to spread the combination over all 64 bits.
        ulong hash = 14695981039346656037UL;
        foreach (char c in purpose)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return SplitMix64.Mix(runSeed ^ hash);
    }

    /// <summary>A <see cref="Random"/> seeded for <paramref name="purpose"/>.</summary>
    public static Random CreateRandom(ulong runSeed, string purpose)
        => new(unchecked((int)Derive(runSeed, purpose)));

    /// <summary>Fills <paramref name="destination"/> with bytes determined by the seed and purpose.</summary>
    public static void Fill(ulong runSeed, string purpose, Span<byte> destination) =>
        new SplitMix64(Derive(runSeed, purpose)).Fill(destination);
}
