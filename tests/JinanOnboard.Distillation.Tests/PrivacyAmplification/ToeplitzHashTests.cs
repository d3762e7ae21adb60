using CsCheck;
using JinanOnboard.Distillation.PrivacyAmplification;

namespace JinanOnboard.Distillation.Tests.PrivacyAmplification;

public sealed class ToeplitzHashTests
{
    private static byte[] RandomBytes(Random random, long bits)
    {
        byte[] bytes = new byte[(bits + 7) / 8];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Hash(byte[] seed, byte[] x, int n, int m)
    {
        byte[] y = new byte[(m + 7) / 8];
        ToeplitzHash.Apply(seed, x, n, y, m);
        return y;
    }

    private static void AssertMatchesReference(int n, int m, int randomSeed)
    {
        var random = new Random(randomSeed);
        byte[] seed = RandomBytes(random, ToeplitzHash.SeedBitCount(n, m));
        byte[] x = RandomBytes(random, n);
        Assert.Equal(ToeplitzReference.Apply(seed, x, n, m), Hash(seed, x, n, m));
    }

    [Fact]
    public void Seed_bit_count_is_n_plus_m_minus_1()
    {
        Assert.Equal(1, ToeplitzHash.SeedBitCount(1, 1));
        Assert.Equal(1_499_999, ToeplitzHash.SeedBitCount(1_000_000, 500_000));
        Assert.Equal(4_294_967_293L, ToeplitzHash.SeedBitCount(int.MaxValue, int.MaxValue));
    }

    [Fact]
    public void Small_sizes_match_the_definition() =>
        Gen.Select(Gen.Int[1, 700], Gen.Int[1, 700], Gen.Int)
            .Sample((n, m, seed) => AssertMatchesReference(n, m, seed), iter: 300);

    [Fact]
    public void Medium_sizes_match_the_definition_through_several_karatsuba_levels() =>
        Gen.Select(Gen.Int[4100, 14000], Gen.Int[4100, 14000], Gen.Int)
            .Sample((n, m, seed) => AssertMatchesReference(n, m, seed), iter: 6, threads: 1);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 200)] // a single input bit: y is a window of the seed
    [InlineData(200, 1)] // m = 1
    [InlineData(777, 1)]
    [InlineData(64, 64)]
    [InlineData(4032, 4032)] // largest base case (63 words), m = n
    [InlineData(4033, 4033)] // first size that recurses
    [InlineData(4093, 4093)] // m = n, n not a multiple of 8
    [InlineData(8191, 3)]
    [InlineData(5000, 129)] // many column blocks
    [InlineData(129, 5000)] // m > n: many row blocks
    [InlineData(10_007, 2_503)]
    public void Edge_sizes_match_the_definition(int n, int m) => AssertMatchesReference(n, m, n * 31 + m);

    [Theory]
    [InlineData(400_000, 100_000)]
    [InlineData(262_144, 262_144)]
    [InlineData(900_001, 300_017)]
    public void Large_blocks_match_the_definition_on_sampled_rows(int n, int m)
    {
        var random = new Random(n ^ m);
        byte[] seed = RandomBytes(random, ToeplitzHash.SeedBitCount(n, m));
        byte[] x = RandomBytes(random, n);
        byte[] y = Hash(seed, x, n, m);
        int[] rows = [0, 1, 63, 64, m / 2, m - 65, m - 2, m - 1, random.Next(m), random.Next(m), random.Next(m)];
        foreach (int i in rows)
        {
            Assert.Equal(ToeplitzReference.OutputBit(seed, x, n, i), ToeplitzReference.Bit(y, i));
        }
    }

    [Theory]
    [InlineData(0)] // portable loop
    [InlineData(128)] // PCLMULQDQ
    [InlineData(256)] // VPCLMULQDQ ymm
    [InlineData(512)] // VPCLMULQDQ zmm
    public void Every_kernel_width_matches_the_definition(int widthBits)
    {
        var random = new Random(7);
        CarrylessKernel.WidthLimitBits = widthBits;
        try
        {
            Assert.True(CarrylessKernel.ActiveWidthBits <= widthBits);
            foreach ((int n, int m) in new[] { (1, 1), (3, 700), (2047, 2047), (9000, 8500) })
            {
                byte[] seed = RandomBytes(random, ToeplitzHash.SeedBitCount(n, m));
                byte[] x = RandomBytes(random, n);
                Assert.Equal(ToeplitzReference.Apply(seed, x, n, m), Hash(seed, x, n, m));
            }
        }
        finally
        {
            CarrylessKernel.WidthLimitBits = 512;
        }
    }

    [Fact]
    public void Hash_is_linear_in_the_input() =>
        Gen.Select(Gen.Int[10_000, 200_000], Gen.Int[1, 60_000], Gen.Int)
            .Sample(
                (n, m, s) =>
                {
                    var random = new Random(s);
                    byte[] seed = RandomBytes(random, ToeplitzHash.SeedBitCount(n, m));
                    byte[] a = RandomBytes(random, n);
                    byte[] b = RandomBytes(random, n);
                    byte[] sum = a.Zip(b, (p, q) => (byte)(p ^ q)).ToArray();
                    byte[] expected = Hash(seed, a, n, m).Zip(Hash(seed, b, n, m), (p, q) => (byte)(p ^ q)).ToArray();
                    Assert.Equal(expected, Hash(seed, sum, n, m));
                },
                iter: 5,
                threads: 1);

    [Fact]
    public void Bits_past_n_in_the_input_and_past_the_seed_length_are_ignored()
    {
        var random = new Random(3);
        const int n = 1001;
        const int m = 333;
        byte[] seed = RandomBytes(random, ToeplitzHash.SeedBitCount(n, m));
        byte[] x = RandomBytes(random, n);
        byte[] y = Hash(seed, x, n, m);

        byte[] noisyX = [.. x];
        noisyX[^1] |= 0xFE; // bits 1001..1007 are past n
        byte[] longerSeed = [.. seed, 0xFF, 0xFF];
        longerSeed[seed.Length - 1] |= 0x80; // bit 1335 is past n + m − 1 = 1333
        Assert.Equal(y, Hash(longerSeed, noisyX, n, m));
    }

    [Fact]
    public void Output_bits_past_m_are_cleared_and_later_bytes_untouched()
    {
        var random = new Random(5);
        const int n = 500;
        const int m = 13;
        byte[] seed = RandomBytes(random, ToeplitzHash.SeedBitCount(n, m));
        byte[] x = RandomBytes(random, n);
        byte[] output = [0xFF, 0xFF, 0xAB];
        ToeplitzHash.Apply(seed, x, n, output, m);
        Assert.Equal(0, output[1] & 0xE0);
        Assert.Equal(0xAB, output[2]);
        Assert.Equal(ToeplitzReference.Apply(seed, x, n, m), output[..2]);
    }

    [Fact]
    public void Short_seed_input_or_output_is_refused_with_the_needed_size()
    {
        byte[] x = new byte[125];
        ArgumentException seedError = Assert.Throws<ArgumentException>(
            () => ToeplitzHash.Apply(new byte[150], x, 1000, new byte[63], 500));
        Assert.Contains("1499", seedError.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ToeplitzHash.Apply(new byte[200], new byte[124], 1000, new byte[63], 500));
        Assert.Throws<ArgumentException>(() => ToeplitzHash.Apply(new byte[200], x, 1000, new byte[62], 500));
        Assert.Throws<ArgumentOutOfRangeException>(() => ToeplitzHash.Apply(new byte[200], x, 0, new byte[62], 500));
        Assert.Throws<ArgumentOutOfRangeException>(() => ToeplitzHash.Apply(new byte[200], x, 1000, new byte[62], 0));
    }

    [Fact]
    public void Padded_word_counts_halve_down_to_the_base_case()
    {
        Assert.Equal(ToeplitzProduct.MaxBaseWords, ToeplitzProduct.PaddedWords(ToeplitzProduct.MaxBaseWords));
        foreach (int words in new[] { 1, 31, 32, 33, 62, 63, 100, 15_625, 16_384 })
        {
            int padded = ToeplitzProduct.PaddedWords(words);
            Assert.True(padded >= words);
            Assert.True(padded - words <= Math.Max(words / 32, 1) + 1, $"{words} padded to {padded}");
            int size = padded;
            while (size > ToeplitzProduct.MaxBaseWords)
            {
                Assert.Equal(0, size % 2);
                size /= 2;
            }
        }
    }
}

public sealed class ToeplitzHashWorkedExampleTests
{
    [Fact]
    public void Worked_example_of_the_protocol_spec()
    {
        // protocol-spec/privacy-amplification.md: n = 3, m = 2, x = 0x05, s = 0x0B gives y = 0x01.
        byte[] y = new byte[1];
        ToeplitzHash.Apply([0x0B], [0x05], 3, y, 2);
        Assert.Equal(0x01, y[0]);
    }
}
