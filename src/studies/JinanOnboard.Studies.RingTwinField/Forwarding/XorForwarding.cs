namespace JinanOnboard.Studies.RingTwinField.Forwarding;

/// <summary>
/// End-to-end key over the ring without trusted nodes (models.md §9, §12), as this study models it, and the check of
/// which sets of compromised satellites reveal the secret.
/// Alice (ground, attached to satellite a) splits the secret s into s_1 and s_2 = s ⊕ s_1 and sends each along one
/// directed segment of the ring towards Bob's attachment b: path p_0 = Alice, p_1 = a, ..., p_m = b, p_{m+1} = Bob.
/// Two kinds of TF-QKD key are used on a segment:
/// - link keys K_j between neighbours p_j and p_{j+1} (j = 0..m; K_0 and K_m are the ground attachments);
/// - bridge keys B_j between p_{j−1} and p_{j+1} (j = 1..m), from TF-QKD in which p_j itself is the untrusted
///   measuring station (the two arms are its two hops), so p_j never learns B_j.
/// The value on hop p_j → p_{j+1} is c_j = x ⊕ K_j ⊕ B_j ⊕ B_{j+1} (absent terms dropped). Alice publishes c_0; each
/// satellite p_j publishes c_j = c_{j−1} ⊕ K_{j−1} ⊕ K_j ⊕ B_{j−1} ⊕ B_{j+1} — the forwarded value XORed with the
/// independent keys it holds — and Bob, holding K_m and B_m, reads x from c_m. Every hop's mask has a term its sender
/// and its receiver each lack, so no single satellite learns x; two consecutive satellites p_j, p_{j+1} together hold
/// K_j, B_j and B_{j+1}. Hence the rule of models.md §9: the secret falls only if each segment has two consecutive
/// compromised satellites (four in all, three when one of them is an attachment satellite, which is on both segments).
/// <see cref="Reveals"/> decides it exactly, as linear algebra over GF(2) on everything the adversary knows (all public
/// values and every key a compromised satellite holds); <see cref="RuleReveals"/> is the rule.
/// </summary>
public static class XorForwarding
{
    /// <summary>Satellites of the directed segment from <paramref name="a"/> to <paramref name="b"/> (both included).</summary>
    public static IReadOnlyList<int> Segment(int n, int a, int b, bool increasing)
    {
        CheckRing(n, a, b);
        var path = new List<int> { a };
        for (int k = a; k != b;)
        {
            k = increasing ? (k + 1) % n : (k - 1 + n) % n;
            path.Add(k);
        }

        return path;
    }

    /// <summary>Whether an adversary controlling <paramref name="compromised"/> satellites can compute the secret.</summary>
    public static bool Reveals(int n, int a, int b, IReadOnlySet<int> compromised)
    {
        ArgumentNullException.ThrowIfNull(compromised);
        Protocol protocol = Build(n, a, b);
        var span = new Gf2Span(protocol.Variables);
        foreach (ulong[] c in protocol.Published)
        {
            span.Add(c);
        }

        foreach ((int satellite, ulong[] key) in protocol.Held)
        {
            if (compromised.Contains(satellite))
            {
                span.Add(key);
            }
        }

        return span.Contains(protocol.Secret);
    }

    /// <summary>Whether Bob, from the public values and his keys, recovers the secret (the protocol works).</summary>
    public static bool BobDecodes(int n, int a, int b)
    {
        Protocol protocol = Build(n, a, b);
        var span = new Gf2Span(protocol.Variables);
        foreach (ulong[] f in protocol.Published.Concat(protocol.HeldByBob))
        {
            span.Add(f);
        }

        return span.Contains(protocol.Secret);
    }

    /// <summary>The rule: both segments contain two consecutive compromised satellites.</summary>
    public static bool RuleReveals(int n, int a, int b, IReadOnlySet<int> compromised)
    {
        ArgumentNullException.ThrowIfNull(compromised);
        return HasConsecutivePair(Segment(n, a, b, true), compromised) && HasConsecutivePair(Segment(n, a, b, false), compromised);
    }

    private static bool HasConsecutivePair(IReadOnlyList<int> path, IReadOnlySet<int> compromised)
    {
        for (int j = 0; j + 1 < path.Count; j++)
        {
            if (compromised.Contains(path[j]) && compromised.Contains(path[j + 1]))
            {
                return true;
            }
        }

        return false;
    }

    private sealed record Protocol(int Variables, ulong[] Secret, List<ulong[]> Published, List<(int Satellite, ulong[] Key)> Held, List<ulong[]> HeldByBob);

    private static Protocol Build(int n, int a, int b)
    {
        IReadOnlyList<int>[] segments = [Segment(n, a, b, true), Segment(n, a, b, false)];
        // Variables: 0 = s, 1 = s_1, then per segment K_0..K_m and B_1..B_m.
        int variables = 2 + segments.Sum(p => (2 * p.Count) + 1);
        int words = (variables + 63) / 64;
        ulong[] Unit(params int[] bits)
        {
            var v = new ulong[words];
            foreach (int bit in bits)
            {
                v[bit >> 6] ^= 1UL << (bit & 63);
            }

            return v;
        }

        var published = new List<ulong[]>();
        var held = new List<(int, ulong[])>();
        var bob = new List<ulong[]>();
        int next = 2;
        for (int s = 0; s < 2; s++)
        {
            IReadOnlyList<int> path = segments[s];
            int m = path.Count;
            int kBase = next;
            int bBase = next + m + 1 - 1; // B_j at bBase + j, j = 1..m
            next += (2 * m) + 1;
            int K(int j) => kBase + j;
            int B(int j) => bBase + j;
            bool HasB(int j) => j >= 1 && j <= m;

            // c_j = x ⊕ K_j ⊕ B_j ⊕ B_{j+1}; x = s_1 on the first segment and s ⊕ s_1 on the second.
            int[] share = s == 0 ? [1] : [0, 1];
            for (int j = 0; j <= m; j++)
            {
                var bits = new List<int>(share) { K(j) };
                if (HasB(j))
                {
                    bits.Add(B(j));
                }

                if (HasB(j + 1))
                {
                    bits.Add(B(j + 1));
                }

                published.Add(Unit([.. bits]));
            }

            // Satellite p_j (path[j − 1]) holds K_{j−1}, K_j, B_{j−1}, B_{j+1}.
            for (int j = 1; j <= m; j++)
            {
                int satellite = path[j - 1];
                held.Add((satellite, Unit(K(j - 1))));
                held.Add((satellite, Unit(K(j))));
                if (HasB(j - 1))
                {
                    held.Add((satellite, Unit(B(j - 1))));
                }

                if (HasB(j + 1))
                {
                    held.Add((satellite, Unit(B(j + 1))));
                }
            }

            bob.Add(Unit(K(m)));
            bob.Add(Unit(B(m)));
        }

        return new Protocol(variables, Unit(0), published, held, bob);
    }

    private static void CheckRing(int n, int a, int b)
    {
        if (n < 3)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "a ring needs at least 3 satellites");
        }

        if (a < 0 || a >= n || b < 0 || b >= n || a == b)
        {
            throw new ArgumentOutOfRangeException(nameof(b), $"attachments must be two different satellites of 0..{n - 1}, got {a} and {b}");
        }
    }
}
