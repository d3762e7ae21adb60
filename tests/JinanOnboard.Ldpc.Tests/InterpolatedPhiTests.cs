using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using JinanOnboard.Ldpc.Decoding;
using Xunit.Abstractions;

namespace JinanOnboard.Ldpc.Tests;

public sealed class InterpolatedPhiTests(ITestOutputHelper output)
{
    [Fact]
    public void Clamp_bounds_are_two_to_the_minus_eleven_and_the_largest_float_below_32()
    {
        Assert.Equal(InterpolatedPhi.SmallestArgument, MathF.ScaleB(1f, -11));
        Assert.Equal(0x41FF_FFFFu, BitConverter.SingleToUInt32Bits(InterpolatedPhi.LargestArgument));
    }

    [Fact]
    public void Interpolation_error_is_at_most_0_0075_over_a_dense_sweep_of_the_whole_range()
    {
        double worst = 0;
        double worstAt = 0;
        for (double x = InterpolatedPhi.SmallestArgument; x < 32; x *= 1.00005)
        {
            float xf = (float)x;
            double error = Math.Abs(InterpolatedPhi.Evaluate(xf) - InterpolatedPhi.Exact(xf));
            if (error > worst)
            {
                worst = error;
                worstAt = xf;
            }
        }

        output.WriteLine($"max |φ̃ − φ| = {worst} at x = {worstAt}");
        Assert.True(worst <= 0.0075, $"max |φ̃ − φ| = {worst} at x = {worstAt}");
    }

    [Fact]
    public void Smallest_zero_and_negative_arguments_read_the_message_cap_A0()
    {
        float cap = InterpolatedPhi.Evaluate(InterpolatedPhi.SmallestArgument);
        Assert.Equal(InterpolatedPhi.Offsets[0], cap);
        Assert.Equal(InterpolatedPhi.MaxMessage, cap);
        Assert.InRange(cap, 8.31f, 8.33f);
        Assert.Equal(cap, InterpolatedPhi.Evaluate(0f));
        Assert.Equal(cap, InterpolatedPhi.Evaluate(-0f));
        Assert.Equal(cap, InterpolatedPhi.Evaluate(-1e-7f)); // Σφ − φ_k may round slightly below 0
        Assert.Equal(cap, InterpolatedPhi.Evaluate(float.NegativeInfinity));
    }

    [Fact]
    public void Arguments_from_32_up_give_a_tiny_non_negative_value()
    {
        float tail = InterpolatedPhi.Evaluate(InterpolatedPhi.LargestArgument);
        Assert.Equal(tail, InterpolatedPhi.Evaluate(32f));
        Assert.Equal(tail, InterpolatedPhi.Evaluate(1e30f));
        Assert.Equal(tail, InterpolatedPhi.Evaluate(float.PositiveInfinity));
        Assert.InRange(tail, 0f, 1e-12f);
    }

    [Fact]
    public void Table_is_exact_at_bucket_left_edges()
    {
        // f = 0 at a left edge, so φ̃ is A[i] = (float)φ(edge) there.
        for (int i = 0; i < InterpolatedPhi.Buckets; i++)
        {
            float edge = BitConverter.Int32BitsToSingle(((127 - 11) * 4 + i) << 21);
            Assert.Equal((float)InterpolatedPhi.Exact(edge), InterpolatedPhi.Evaluate(edge));
        }
    }

    [Fact]
    public void Avx512_avx2_and_scalar_agree_bit_for_bit_on_a_million_inputs()
    {
        if (!Avx512F.IsSupported || !Avx2.IsSupported)
        {
            return; // nothing to compare against on this machine; the scalar path is what runs
        }

        var tables = new InterpolatedPhi.Registers();
        var random = new Random(2026);
        float[] special = [0f, -0f, 1e-45f, -1e-45f, 1e-30f, 4.8828125e-4f, 4.8828e-4f, 1f, 31.999998f, 32f, 1e30f, float.MaxValue, float.MinValue,
            float.PositiveInfinity, float.NegativeInfinity, -1f, 0.5f, 8.32f];
        var x = new float[16];
        int compared = 0;
        for (int round = 0; round < 65_536; round++)
        {
            for (int lane = 0; lane < 16; lane++)
            {
                x[lane] = (round % 4) switch
                {
                    0 => RandomNonNaN(random),                           // any float: sign, tiny, denormal, huge, ±∞
                    1 => (float)(random.NextDouble() * 40 - 4),          // the range messages live in, negatives included
                    2 => MathF.ScaleB((float)random.NextDouble(), -random.Next(0, 16)), // log-uniform over the table
                    _ => special[random.Next(special.Length)],
                };
            }

            Vector512<float> vector = InterpolatedPhi.Evaluate(Vector512.Create(x), in tables);
            Vector256<float> low = InterpolatedPhi.Evaluate(Vector256.Create(x.AsSpan(0, 8)));
            Vector256<float> high = InterpolatedPhi.Evaluate(Vector256.Create(x.AsSpan(8, 8)));

            for (int lane = 0; lane < 16; lane++)
            {
                float scalar = InterpolatedPhi.Evaluate(x[lane]);
                float avx2 = lane < 8 ? low.GetElement(lane) : high.GetElement(lane - 8);
                Assert.True(
                    BitConverter.SingleToUInt32Bits(scalar) == BitConverter.SingleToUInt32Bits(vector.GetElement(lane))
                    && BitConverter.SingleToUInt32Bits(scalar) == BitConverter.SingleToUInt32Bits(avx2),
                    $"x = {x[lane]:R}: scalar {scalar:R}, AVX-512 {vector.GetElement(lane):R}, AVX2 {avx2:R}");
                compared++;
            }
        }

        Assert.True(compared >= 1_000_000);
    }

    private static float RandomNonNaN(Random random)
    {
        while (true)
        {
            float x = BitConverter.UInt32BitsToSingle((uint)random.NextInt64(0, 1L << 32));
            if (!float.IsNaN(x))
            {
                return x;
            }
        }
    }
}
