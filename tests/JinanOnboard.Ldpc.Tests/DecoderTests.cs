using JinanOnboard.Ldpc.Comparison;

namespace JinanOnboard.Ldpc.Tests;

public sealed class DecoderTests
{
    [Theory]
    [InlineData(0.01, 1.5)]
    [InlineData(0.03, 1.35)]
    [InlineData(0.06, 1.35)]
    [InlineData(0.10, 1.35)]
    public void Encode_noise_decode_round_trip_recovers_the_sender_bits(double qber, double efficiency)
    {
        // n = 20 000 decodes worse than 100 000 (and high-rate codes worst: few, dense checks), so the
        // test asks for generous syndromes; the efficiency at n = 100 000 is measured by `jinan ldpc bench`.
        LdpcCode code = TestCodes.WithEfficiency(qber, efficiency);
        LdpcSimulationResult result = LdpcSimulation.Run(code, qber, frames: 3, seed: 2026);
        Assert.Equal(0, result.FailedFrames);
        Assert.Equal(0, result.UndetectedErrorFrames);
        Assert.InRange(result.MeanIterations, 1, LdpcDecoder.DefaultMaxIterations);
    }

    [Fact]
    public void Normalized_min_sum_also_round_trips_with_more_syndrome()
    {
        LdpcCode code = TestCodes.WithEfficiency(0.03, 2.0);
        var minSum = new ComparisonDecoder(code, ComparisonKernel.NormalizedMinSum);
        LdpcSimulationResult result = LdpcSimulation.Run(code, 0.03, frames: 2, seed: 5, minSum.Decode, progress: null);
        Assert.Equal(0, result.FailedFrames);
        Assert.Equal(0, result.UndetectedErrorFrames);
    }

    [Theory]
    [InlineData(0.01, 1.5, 31)]
    [InlineData(0.03, 1.35, 32)]
    [InlineData(0.10, 1.35, 33)]
    public void Grouped_rows_give_exactly_the_result_of_row_by_row_layered_decoding(double qber, double efficiency, int seed) =>
        AssertGroupedEqualsRowByRow(TestCodes.WithEfficiency(qber, efficiency), qber, seed);

    [Theory]
    [InlineData(72, 0.025)] // unstructured codes 72 and 84 each hold a column-disjoint pair of unequal padded length,
    [InlineData(84, 0.035)] // which takes the step-by-step group loop instead of the fused pair loops
    public void Pairs_of_unequal_padded_length_also_decode_exactly_as_row_by_row(int codeId, double qber) =>
        AssertGroupedEqualsRowByRow(TestCodes.Unstructured(codeId), qber, codeId);

    private static void AssertGroupedEqualsRowByRow(LdpcCode code, double qber, int seed)
    {
        // Rows in a group share no column, so updating them together (the φ-table comparison kernel) must not change a
        // single bit or iteration, also on a frame that fails (random syndrome, few iterations).
        var random = new Random(seed);
        byte[] sender = TestCodes.RandomBits(code.BlockLength, random);
        byte[] noisy = TestCodes.ThroughBsc(sender, code.BlockLength, qber, random, out _);

        var syndrome = new byte[(code.SyndromeLength + 7) / 8];
        code.ComputeSyndrome(sender, syndrome);
        byte[] randomSyndrome = TestCodes.RandomBits(code.SyndromeLength, random);
        foreach ((byte[] s, int maxIterations) in new[] { (syndrome, LdpcDecoder.DefaultMaxIterations), (randomSyndrome, 4) })
        {
            var grouped = new ComparisonDecoder(code, ComparisonKernel.PhiTable, maxIterations);
            var rowByRow = new ComparisonDecoder(code, ComparisonKernel.PhiTable, maxIterations) { GroupLimit = 1 };
            var groupedOutput = new byte[sender.Length];
            var rowByRowOutput = new byte[sender.Length];
            LdpcDecodeResult a = grouped.Decode(noisy, s, qber, groupedOutput);
            LdpcDecodeResult b = rowByRow.Decode(noisy, s, qber, rowByRowOutput);
            Assert.Equal(b, a);
            Assert.Equal(rowByRowOutput, groupedOutput);
        }
    }

    [Fact]
    public void Production_decoder_with_and_without_row_skip_and_the_comparison_kernels_all_recover_the_sender_bits()
    {
        LdpcCode code = TestCodes.WithEfficiency(0.03, 1.35);
        var random = new Random(23);
        byte[] sender = TestCodes.RandomBits(code.BlockLength, random);
        byte[] noisy = TestCodes.ThroughBsc(sender, code.BlockLength, 0.03, random, out _);

        var syndrome = new byte[(code.SyndromeLength + 7) / 8];
        code.ComputeSyndrome(sender, syndrome);
        foreach (FrameDecoder decode in new FrameDecoder[]
        {
            new LdpcDecoder(code).Decode,
            new LdpcDecoder(code) { ConfidentRowSkip = 0 }.Decode,
            new ComparisonDecoder(code, ComparisonKernel.PhiPolynomial).Decode,
            new ComparisonDecoder(code, ComparisonKernel.TanhPolynomial).Decode,
            new ComparisonDecoder(code, ComparisonKernel.TanhPolynomial) { ConfidentRowSkip = 0 }.Decode,
        })
        {
            var output = new byte[sender.Length];
            Assert.True(decode(noisy, syndrome, 0.03, output).Converged);
            Assert.Equal(sender, output);
        }
    }

    [Fact]
    public void Noiseless_input_is_accepted_without_iterating()
    {
        LdpcCode code = TestCodes.WithEfficiency(0.02, 1.2);
        byte[] bits = TestCodes.RandomBits(code.BlockLength, new Random(3));
        var syndrome = new byte[(code.SyndromeLength + 7) / 8];
        code.ComputeSyndrome(bits, syndrome);
        var output = new byte[bits.Length];
        LdpcDecodeResult result = new LdpcDecoder(code).Decode(bits, syndrome, 0.02, output);
        Assert.Equal(new LdpcDecodeResult(true, 0, 0), result);
        Assert.Equal(bits, output);
    }

    [Fact]
    public void Converged_is_reported_if_and_only_if_the_output_satisfies_the_syndrome()
    {
        // Far beyond the code's capability (and with random syndromes) most decodes fail;
        // whatever happens, Converged must agree with an independent syndrome check of the output.
        LdpcCode code = TestCodes.WithEfficiency(0.02, 1.1);
        var decoder = new LdpcDecoder(code, maxIterations: 15);
        var random = new Random(9);
        var output = new byte[(code.BlockLength + 7) / 8];
        var check = new byte[(code.SyndromeLength + 7) / 8];
        int failures = 0;
        for (int trial = 0; trial < 12; trial++)
        {
            byte[] noisy = TestCodes.RandomBits(code.BlockLength, random);
            byte[] syndrome = TestCodes.RandomBits(code.SyndromeLength, random);
            double qber = trial % 2 == 0 ? 0.02 : 0.2;
            LdpcDecodeResult result = decoder.Decode(noisy, syndrome, qber, output);
            code.ComputeSyndrome(output, check);
            Assert.Equal(result.Converged, check.AsSpan().SequenceEqual(syndrome));
            failures += result.Converged ? 0 : 1;
        }

        Assert.True(failures > 0, "the test must exercise the failure path");
    }

    [Fact]
    public void Corrected_bit_count_is_the_hamming_distance_between_input_and_output()
    {
        LdpcCode code = TestCodes.WithEfficiency(0.03, 1.35);
        var random = new Random(17);
        byte[] sender = TestCodes.RandomBits(code.BlockLength, random);
        byte[] noisy = TestCodes.ThroughBsc(sender, code.BlockLength, 0.03, random, out int flips);

        var syndrome = new byte[(code.SyndromeLength + 7) / 8];
        code.ComputeSyndrome(sender, syndrome);
        var output = new byte[sender.Length];
        LdpcDecodeResult result = new LdpcDecoder(code).Decode(noisy, syndrome, 0.03, output);
        Assert.True(result.Converged);
        Assert.Equal(sender, output);
        Assert.Equal(flips, result.CorrectedBitCount);
    }

    [Fact]
    public void Decode_allocates_nothing_after_construction()
    {
        LdpcCode code = TestCodes.WithEfficiency(0.02, 1.35);
        var decoder = new LdpcDecoder(code, maxIterations: 5);
        byte[] noisy = TestCodes.RandomBits(code.BlockLength, new Random(1));
        var syndrome = new byte[(code.SyndromeLength + 7) / 8];
        var output = new byte[noisy.Length];
        decoder.Decode(noisy, syndrome, 0.02, output); // warm-up (JIT)
        long before = GC.GetAllocatedBytesForCurrentThread();
        decoder.Decode(noisy, syndrome, 0.02, output);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(double.NaN)]
    public void Invalid_qber_is_rejected(double qber)
    {
        LdpcCode code = TestCodes.WithEfficiency(0.02, 1.2);
        var buffer = new byte[(code.BlockLength + 7) / 8];
        var syndrome = new byte[(code.SyndromeLength + 7) / 8];
        Assert.Throws<ArgumentOutOfRangeException>(() => new LdpcDecoder(code).Decode(buffer, syndrome, qber, buffer));
    }
}
