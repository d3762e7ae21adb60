namespace JinanOnboard.Primitives.Randomness;

/// <summary>
/// SplitMix64 (Steele, Lea &amp; Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014; Vigna's splitmix64.c):
/// the project's one seeded generator family. The LDPC construction is specified with it (protocol-spec/ldpc-codes.md §4),
/// <see cref="SeedSequence"/> uses its finaliser to derive per-purpose seeds, and every stream derived from a run seed draws
/// from it (protocol-spec/seed-derivation.md). Chosen because it is tiny, its whole state is one ulong, and any language
/// reproduces it bit for bit, unlike <see cref="System.Random"/>, whose algorithm .NET does not specify across versions.
/// A mutable struct: pass it by ref, or copies will repeat each other's numbers.
/// </summary>
public struct SplitMix64(ulong seed)
{
    /// <summary>The Weyl increment: 2⁶⁴/φ, odd.</summary>
    public const ulong Increment = 0x9E3779B97F4A7C15UL;

    private ulong _state = seed;

    /// <summary>state += <see cref="Increment"/>, then <see cref="Mix"/>(state).</summary>
    public ulong Next()
    {
        _state += Increment;
        return Mix(_state);
    }

    /// <summary>Uniform integer in [0, bound): high 64 bits of the 128-bit product Next()·bound (Lemire, no rejection).</summary>
    public int NextBelow(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        ulong high = Math.BigMul(Next(), (ulong)bound, out _);
        return (int)high;
    }

    /// <summary>Uniform in [0, 1): the top 53 bits of Next() times 2⁻⁵³.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Fisher–Yates from the top: for i = len−1 down to 1, swap a[i] with a[NextBelow(i+1)] (ldpc-codes.md §4).</summary>
    public void Shuffle(Span<int> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextBelow(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>Fills <paramref name="destination"/> with one Next() per 8 bytes, little-endian; the last value's unused high bytes are dropped.</summary>
    public void Fill(Span<byte> destination)
    {
        for (int i = 0; i < destination.Length; i += 8)
        {
            ulong value = Next();
            for (int b = 0; b < 8 && i + b < destination.Length; b++)
            {
                destination[i + b] = (byte)(value >> (8 * b));
            }
        }
    }

    /// <summary>The finaliser (a variant of MurmurHash3's fmix64, Stafford's "Mix13"): spreads every input bit over all 64 output bits.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
