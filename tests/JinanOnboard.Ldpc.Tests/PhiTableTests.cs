using System.Runtime.Intrinsics;
using JinanOnboard.Ldpc.Comparison;

namespace JinanOnboard.Ldpc.Tests;

public sealed class PhiTableTests
{
    [Fact]
    public void Table_value_lies_between_phi_at_the_ends_of_its_bucket_over_the_whole_range()
    {
        // Buckets are 1/64 of an octave wide, so x·(1 ± 1/32) brackets the bucket of x; φ is decreasing.
        for (double x = 4 * PhiTable.SmallestArgument; x < 31; x *= 1.0007)
        {
            float table = PhiTable.Lookup((float)x);
            double upper = PhiTable.Exact(x * (1 - (1.0 / 32)));
            double lower = PhiTable.Exact(x * (1 + (1.0 / 32)));
            Assert.True(table <= upper + 1e-6 && table >= lower - 1e-12, $"φ({x}) = {table}, bucket bounds [{lower}, {upper}]");
        }
    }

    [Fact]
    public void Vector_lookup_equals_the_scalar_lookup_including_the_clamped_ends()
    {
        float[] xs = [-1e-6f, 0f, 1e-30f, 1e-7f, 0.01f, 0.5f, 1f, 4.6f, 12f, 31.9f, 32f, PhiTable.NeutralArgument, 1e30f];
        foreach (float x in xs)
        {
            Assert.Equal(PhiTable.Lookup(x), PhiTable.Lookup(Vector256.Create(x)).GetElement(3));
        }
    }

    [Fact]
    public void Neutral_argument_adds_exactly_zero_and_zero_or_negative_rounding_reads_the_message_cap()
    {
        Assert.Equal(0f, PhiTable.Lookup(PhiTable.NeutralArgument));
        Assert.Equal(0f, PhiTable.Lookup(32f));
        float cap = PhiTable.Lookup(0f);
        Assert.InRange(cap, 15f, PhiTable.MaxMessage);
        Assert.Equal(cap, PhiTable.Lookup(-1e-7f)); // Σφ − φ_k may round slightly below 0
    }

    [Theory]
    [InlineData(8, 4.6, 0.0)]   // QBER 1 %: channel LLR 4.6
    [InlineData(60, 4.6, 0.0)]  // long rows: 60 small φ values summed
    [InlineData(40, 3.9, 2.0)]  // QBER 2 % with spread inputs
    [InlineData(20, 1.0, 3.0)]  // weak, widely spread inputs
    public void Check_update_through_the_table_matches_exact_sum_product(int degree, double meanLlr, double spread)
    {
        // |r_k| = φ(Σ_j φ|t_j| − φ|t_k|) with table φ against 2·atanh(Π_{j≠k} tanh(|t_j|/2)) in double precision.
        var random = new Random(degree);
        for (int trial = 0; trial < 200; trial++)
        {
            var inputs = new float[degree];
            for (int k = 0; k < degree; k++)
            {
                inputs[k] = (float)Math.Max(1e-3, meanLlr + (spread * ((random.NextDouble() * 2) - 1)));
            }

            float sum = 0;
            foreach (float t in inputs)
            {
                sum += PhiTable.Lookup(t);
            }

            for (int k = 0; k < degree; k++)
            {
                float viaTable = PhiTable.Lookup(sum - PhiTable.Lookup(inputs[k]));
                float[] others = [.. inputs[..k], .. inputs[(k + 1)..]];
                float exact = BoxPlusKernel.Magnitude(others);
                Assert.True(Math.Abs(viaTable - exact) <= (0.03 * exact) + 1e-3, $"degree {degree} trial {trial} edge {k}: {viaTable} vs {exact}");
            }
        }
    }
}
