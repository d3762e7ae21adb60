using System.Numerics;
using JinanOnboard.Primitives.Randomness;

namespace JinanOnboard.Primitives.Tests.Randomness;

public sealed class SeedSequenceTests
{
    private static readonly string[] Purposes =
        ["source.decoy", "source.basis", "source.bit", "channel.loss", "detection.squash", "distillation.sample", "ldpc.noise", ""];

    [Fact]
    public void Derive_is_deterministic()
    {
        foreach (string purpose in Purposes)
        {
            Assert.Equal(SeedSequence.Derive(42, purpose), SeedSequence.Derive(42, purpose));
        }
    }

    [Fact]
    public void Pinned_values_do_not_change_between_builds()
    {
        // A recorded run is replayed with the same seeds only if Derive never changes: pin one value
        // computed independently from FNV-1a 64 + SplitMix64's finaliser.
        ulong hash = 14695981039346656037UL;
        foreach (char c in "detection.squash")
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        ulong z = 42UL ^ hash;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;

        Assert.Equal(z, SeedSequence.Derive(42, "detection.squash"));
    }

    [Fact]
    public void Worked_example_of_seed_derivation_md()
    {
        // protocol-spec/seed-derivation.md, "Worked example": the values an independent implementation must reproduce.
        ulong ground = SeedSequence.Derive(1, "distillation.ground");
        Assert.Equal(0x0510223B7C6B3C96UL, ground);
        Assert.Equal(0x208BDCEE56B7C80EUL, SeedSequence.Derive(ground, "sampling"));
        SplitMix64 sampling = SeedSequence.CreateGenerator(ground, "sampling");
        Assert.Equal(0.10385166512704169, sampling.NextDouble());

        var toeplitz = new byte[8];
        SeedSequence.Fill(ground, "toeplitz-seeds", toeplitz);
        Assert.Equal(Convert.FromHexString("6A8E535A2381B428"), toeplitz);

        SplitMix64 hashKeys = SeedSequence.CreateGenerator(SeedSequence.Derive(1, "distillation.payload"), "hash-keys");
        Assert.Equal(0xA04ECE0C2E64F719UL, hashKeys.Next());

        Func<double> loss = SeedSequence.UniformStreams(SeedSequence.Derive(1, "link.downlink"))("loss");
        Assert.Equal(0.40179899784629347, loss());
        Assert.Equal(0xFBBEE9B4D5AED631UL, SeedSequence.Derive(1, "source.rng"));
    }

    [Fact]
    public void Each_uniform_stream_starts_afresh_and_streams_of_other_labels_do_not_shift_it()
    {
        Func<string, Func<double>> streams = SeedSequence.UniformStreams(5);
        Func<double> first = streams("loss");
        double[] expected = [.. Enumerable.Range(0, 8).Select(_ => first())];

        _ = streams("bit-errors")(); // another label drawing in between
        Func<double> again = streams("loss");
        double[] actual = [.. Enumerable.Range(0, 8).Select(_ => again())];
        Assert.Equal(expected, actual);
        Assert.All(expected, x => Assert.InRange(x, 0.0, Math.BitDecrement(1.0)));
    }

    [Fact]
    public void Different_purposes_and_run_seeds_give_distinct_seeds()
    {
        var seeds = new HashSet<ulong>();
        for (ulong run = 0; run < 64; run++)
        {
            foreach (string purpose in Purposes)
            {
                Assert.True(seeds.Add(SeedSequence.Derive(run, purpose)), $"collision at run {run}, purpose '{purpose}'");
            }
        }
    }

    [Fact]
    public void Seeds_of_neighbouring_purposes_differ_in_about_half_their_bits()
    {
        // Independence in the avalanche sense: one changed character flips ~32 of 64 bits.
        double totalFlips = 0;
        int pairs = 0;
        for (int i = 0; i < 200; i++)
        {
            ulong a = SeedSequence.Derive(9, $"purpose{i}");
            ulong b = SeedSequence.Derive(9, $"purpose{i + 1}");
            totalFlips += BitOperations.PopCount(a ^ b);
            pairs++;
        }

        double meanFlips = totalFlips / pairs;
        Assert.InRange(meanFlips, 29.0, 35.0);
    }

    [Fact]
    public void Adding_a_consumer_does_not_shift_another_consumers_stream()
    {
        SplitMix64 before = SeedSequence.CreateGenerator(5, "channel.loss");
        ulong[] expected = new ulong[16];
        for (int i = 0; i < expected.Length; i++)
        {
            expected[i] = before.Next();
        }

        // Another purpose drawing in between must not matter: streams are keyed by purpose only.
        SplitMix64 other = SeedSequence.CreateGenerator(5, "source.decoy");
        _ = other.Next();
        SplitMix64 after = SeedSequence.CreateGenerator(5, "channel.loss");
        ulong[] actual = new ulong[16];
        for (int i = 0; i < actual.Length; i++)
        {
            actual[i] = after.Next();
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Streams_of_two_purposes_are_uncorrelated()
    {
        SplitMix64 a = SeedSequence.CreateGenerator(11, "source.basis");
        SplitMix64 b = SeedSequence.CreateGenerator(11, "source.bit");
        const int N = 20_000;
        double sumAb = 0, sumA = 0, sumB = 0, sumAa = 0, sumBb = 0;
        for (int i = 0; i < N; i++)
        {
            double x = a.NextDouble();
            double y = b.NextDouble();
            sumA += x;
            sumB += y;
            sumAb += x * y;
            sumAa += x * x;
            sumBb += y * y;
        }

        double cov = (sumAb / N) - (sumA / N * (sumB / N));
        double correlation = cov / Math.Sqrt(((sumAa / N) - Math.Pow(sumA / N, 2)) * ((sumBb / N) - Math.Pow(sumB / N, 2)));

        // 5 sigma for independent streams is 5 / sqrt(N) ≈ 0.035.
        Assert.InRange(correlation, -0.035, 0.035);
    }

    [Fact]
    public void Fill_is_deterministic_prefix_stable_and_purpose_dependent()
    {
        byte[] longer = new byte[37];
        byte[] shorter = new byte[13];
        byte[] again = new byte[37];
        byte[] otherPurpose = new byte[37];
        SeedSequence.Fill(3, "rng.store", longer);
        SeedSequence.Fill(3, "rng.store", shorter);
        SeedSequence.Fill(3, "rng.store", again);
        SeedSequence.Fill(3, "rng.other", otherPurpose);

        Assert.Equal(longer, again);
        Assert.Equal(longer.AsSpan(0, 13).ToArray(), shorter);
        Assert.NotEqual(longer, otherPurpose);
        Assert.Contains(longer, b => b != 0);
    }

    [Fact]
    public void Null_purpose_is_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => SeedSequence.Derive(1, null!));
    }
}
