namespace JinanOnboard.Primitives.Randomness;

/// <summary>
/// Derives independent, reproducible seeds for each consumer from one run seed and a purpose
/// label, so adding a consumer never shifts another consumer's random stream. The derivation and
/// every label in use are specified in protocol-spec/seed-derivation.md.
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

    /// <summary>The project's generator (<see cref="SplitMix64"/>) seeded for <paramref name="purpose"/>: the stream a consumer draws from.</summary>
    public static SplitMix64 CreateGenerator(ulong runSeed, string purpose) => new(Derive(runSeed, purpose));

    /// <summary>
    /// Streams by label under <paramref name="seed"/>: each call returns a fresh stream of uniform draws in [0, 1)
    /// (<see cref="SplitMix64.NextDouble"/> of <see cref="CreateGenerator"/>(seed, label)), for consumers that take their
    /// randomness as delegates and reference no generator themselves (the link emulation).
    /// </summary>
    public static Func<string, Func<double>> UniformStreams(ulong seed) => label =>
    {
        SplitMix64 stream = CreateGenerator(seed, label);
        return () => stream.NextDouble();
    };

    /// <summary>Fills <paramref name="destination"/> with bytes determined by the seed and purpose.</summary>
    public static void Fill(ulong runSeed, string purpose, Span<byte> destination) =>
        CreateGenerator(runSeed, purpose).Fill(destination);
}
