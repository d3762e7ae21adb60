namespace JinanOnboard.Ldpc.Construction;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood 2014) — the PRNG the code construction is specified with in
/// protocol-spec/ldpc-codes.md. Chosen because it is tiny, has no hidden state beyond one ulong,
/// and any language reproduces it bit for bit.
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        _state += 0x9E3779B97F4A7C15UL;
        ulong z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform integer in [0, bound): high 64 bits of the 128-bit product Next()·bound (Lemire, no rejection).</summary>
    public int NextBelow(int bound)
    {
        ulong high = Math.BigMul(Next(), (ulong)bound, out _);
        return (int)high;
    }

    /// <summary>Fisher–Yates from the top: for i = len−1 down to 1, swap a[i] with a[NextBelow(i+1)] (spec §4).</summary>
    public void Shuffle(int[] items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextBelow(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
