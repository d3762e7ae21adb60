using System.Runtime.Intrinsics.X86;
using JinanOnboard.Ldpc.Comparison;
using JinanOnboard.Ldpc.Construction;
using JinanOnboard.Ldpc.Decoding;

namespace JinanOnboard.Ldpc.Tests;

public sealed class LiftedDecoderTests
{
    // Book-construction codes (spec §4) of rate 0.8 and 0.84 at n = 2 000 and 20 000.
    private static readonly Lazy<LdpcCode> Small = new(() => Lifted(2_000, 400, 11));

    private static readonly Lazy<LdpcCode> Medium = new(() => Lifted(20_000, 3_200, 12));

    [Fact]
    public void Lifted_structure_has_distinct_ascending_blocks_per_row_and_expands_with_its_lifting()
    {
        LdpcCode code = Medium.Value;
        LiftedStructure lifting = code.Matrix.Lifting!;
        Assert.NotNull(lifting);
        Assert.Equal(1250 * 16, code.BlockLength);
        Assert.Equal(200 * 16, code.SyndromeLength);
        for (int r = 0; r < lifting.BaseRows; r++)
        {
            for (int e = lifting.RowStart[r] + 1; e < lifting.RowStart[r + 1]; e++)
            {
                Assert.True(lifting.Block[e] > lifting.Block[e - 1]);
            }
        }
    }

    [Fact]
    public void Production_decoder_takes_every_book_code_and_refuses_an_unstructured_one()
    {
        foreach (LdpcCode code in TestCodes.SmallBook.Codes.Take(3).Append(Small.Value))
        {
            Assert.Same(code, new LdpcDecoder(code).Code); // book codes are quasi-cyclic
        }

        LdpcCode unstructured = TestCodes.Unstructured(72);
        ArgumentException error = Assert.Throws<ArgumentException>(() => new LdpcDecoder(unstructured));
        Assert.Contains("no quasi-cyclic lifting", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, 0.01, 1)]
    [InlineData(false, 0.02, 2)]
    [InlineData(true, 0.01, 3)]
    [InlineData(true, 0.015, 4)]
    [InlineData(true, 0.015, 5)]
    public void Noisy_frame_decodes_to_the_sender_word(bool medium, double qber, int seed)
    {
        LdpcCode code = medium ? Medium.Value : Small.Value;
        (byte[] sender, byte[] noisy, byte[] syndrome) = Frame(code, qber, seed);
        var output = new byte[sender.Length];
        LdpcDecodeResult result = new LdpcDecoder(code).Decode(noisy, syndrome, qber, output);
        Assert.True(result.Converged, $"not converged after {result.Iterations} iterations");
        Assert.Equal(sender, output);
    }

    [Fact]
    public void Comparison_kernels_decode_a_lifted_code_through_its_csr()
    {
        LdpcCode code = Medium.Value;
        (byte[] sender, byte[] noisy, byte[] syndrome) = Frame(code, 0.015, 6);
        foreach (ComparisonKernel kernel in new[] { ComparisonKernel.PhiTable, ComparisonKernel.TanhPolynomial })
        {
            var output = new byte[sender.Length];
            LdpcDecodeResult result = new ComparisonDecoder(code, kernel).Decode(noisy, syndrome, 0.015, output);
            Assert.True(result.Converged, kernel.ToString());
            Assert.Equal(sender, output);
        }
    }

    [Theory]
    [InlineData(0.015, 7, 6f)]
    [InlineData(0.015, 8, 0f)]
    [InlineData(0.03, 9, 6f)]
    public void Avx512_avx2_and_scalar_paths_give_identical_bits_iterations_and_posteriors(double qber, int seed, float skip)
    {
        LdpcCode code = Medium.Value;
        (byte[] sender, byte[] noisy, byte[] syndrome) = Frame(code, qber, seed);
        byte[] randomSyndrome = TestCodes.RandomBits(code.SyndromeLength, new Random(seed));

        // A converging frame, a frame at high noise (may fail) and a random syndrome (fails, few iterations).
        foreach ((byte[] s, int maxIterations) in new[] { (syndrome, LdpcDecoder.DefaultMaxIterations), (randomSyndrome, 4) })
        {
            var widest = new LdpcDecoder(code, maxIterations) { ConfidentRowSkip = skip };
            var widestOutput = new byte[sender.Length];
            LdpcDecodeResult expected = widest.Decode(noisy, s, qber, widestOutput);
            foreach (LiftedPath path in new[] { LiftedPath.Avx2, LiftedPath.Scalar })
            {
                var other = new LdpcDecoder(code, maxIterations) { ConfidentRowSkip = skip, LiftedPath = path };
                var otherOutput = new byte[sender.Length];
                Assert.Equal(expected, other.Decode(noisy, s, qber, otherOutput));
                Assert.Equal(widestOutput, otherOutput);
                Assert.True(widest.Posteriors.SequenceEqual(other.Posteriors), $"posteriors differ ({path})");
            }
        }
    }

    [Fact]
    public void The_machine_runs_the_widest_path_it_has()
    {
        // Documents which path the figures of this machine come from; every path is compared above.
        LiftedPath expected = Avx512F.IsSupported ? LiftedPath.Widest : Avx2.IsSupported ? LiftedPath.Avx2 : LiftedPath.Scalar;
        Assert.Equal(expected, LiftedLayeredSweep.Resolve(LiftedPath.Widest));
        Assert.Equal(Avx2.IsSupported ? LiftedPath.Avx2 : LiftedPath.Scalar, LiftedLayeredSweep.Resolve(LiftedPath.Avx2));
    }

    [Fact]
    public void Lifted_syndrome_check_agrees_with_an_independent_check_of_the_hard_decision()
    {
        LdpcCode code = Medium.Value;
        var random = new Random(10);
        (byte[] sender, byte[] noisy, byte[] syndrome) = Frame(code, 0.015, 10);
        foreach (LiftedPath path in new[] { LiftedPath.Widest, LiftedPath.Avx2, LiftedPath.Scalar })
        {
            var decoder = new LdpcDecoder(code, maxIterations: 1) { LiftedPath = path };
            var output = new byte[sender.Length];

            // The noisy word itself (iteration 0 posteriors are the channel signs) against its own syndrome and the sender's,
            // then against single flipped syndrome bits anywhere, including the first and last row.
            var ownSyndrome = new byte[syndrome.Length];
            code.ComputeSyndrome(noisy, ownSyndrome);
            int[] rows = [0, 15, 16, code.SyndromeLength - 1, .. Enumerable.Range(0, 20).Select(_ => random.Next(code.SyndromeLength))];
            int matches = 0;
            foreach (byte[] s in new[] { ownSyndrome, syndrome }.Concat(rows.Select(row => Flipped(ownSyndrome, row))))
            {
                _ = decoder.Decode(noisy, s, 0.015, output);
                bool csr = HardDecisionSatisfies(code, decoder.Posteriors, s);
                Assert.Equal(csr, decoder.SyndromeMatches());
                matches += csr ? 1 : 0;
            }

            // After a full decode of the sender's syndrome both must say yes.
            var full = new LdpcDecoder(code) { LiftedPath = path };
            Assert.True(full.Decode(noisy, syndrome, 0.015, output).Converged);
            Assert.True(HardDecisionSatisfies(code, full.Posteriors, syndrome));
            Assert.True(full.SyndromeMatches());
            Assert.InRange(matches, 1, rows.Length); // the own syndrome matches at once; flipped ones must not all match
        }
    }

    [Fact]
    public void Decode_allocates_nothing()
    {
        LdpcCode code = Small.Value;
        (byte[] sender, byte[] noisy, byte[] syndrome) = Frame(code, 0.01, 12);
        var decoder = new LdpcDecoder(code);
        var output = new byte[sender.Length];
        _ = decoder.Decode(noisy, syndrome, 0.01, output);
        long before = GC.GetAllocatedBytesForCurrentThread();
        _ = decoder.Decode(noisy, syndrome, 0.01, output);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>The CSR oracle: packs the posteriors' sign bits (negative ⇒ 1) and compares H·x̂ with <paramref name="syndrome"/>.</summary>
    private static bool HardDecisionSatisfies(LdpcCode code, ReadOnlySpan<float> posteriors, byte[] syndrome)
    {
        var hard = new byte[(code.BlockLength + 7) / 8];
        for (int v = 0; v < code.BlockLength; v++)
        {
            hard[v >> 3] |= (byte)((BitConverter.SingleToUInt32Bits(posteriors[v]) >> 31) << (v & 7));
        }

        var check = new byte[syndrome.Length];
        code.ComputeSyndrome(hard, check);
        return check.AsSpan().SequenceEqual(syndrome);
    }

    private static byte[] Flipped(byte[] syndrome, int row)
    {
        byte[] copy = (byte[])syndrome.Clone();
        copy[row >> 3] ^= (byte)(1 << (row & 7));
        return copy;
    }

    private static (byte[] Sender, byte[] Noisy, byte[] Syndrome) Frame(LdpcCode code, double qber, int seed)
    {
        var random = new Random(seed);
        byte[] sender = TestCodes.RandomBits(code.BlockLength, random);
        byte[] noisy = TestCodes.ThroughBsc(sender, code.BlockLength, qber, random, out _);
        var syndrome = new byte[(code.SyndromeLength + 7) / 8];
        code.ComputeSyndrome(sender, syndrome);
        return (sender, noisy, syndrome);
    }

    private static LdpcCode Lifted(int n, int m, ulong seed) =>
        new(8, LiftedGraphBuilder.Build(n, m, DistributionTable.ForRate(1 - ((double)m / n)), seed), "lifted-test", seed, 0.5);
}
