using System.Runtime.Intrinsics;
using JinanOnboard.Ldpc.Construction;
using JinanOnboard.Ldpc.Comparison;

namespace JinanOnboard.Ldpc.Tests;

public sealed class BoxPlusKernelTests
{
    [Fact]
    public void Vector_tanh_domain_update_matches_the_double_precision_box_plus_and_the_phi_form()
    {
        // One check row of degree 8: every outgoing magnitude against 2·atanh(Π_{j≠k} tanh(|t_j|/2))
        // in double precision, and against the φ form φ(Σ_{j≠k} φ|t_j|) it replaces.
        var random = new Random(4);
        for (int trial = 0; trial < 500; trial++)
        {
            var inputs = new float[8];
            for (int k = 0; k < 8; k++)
            {
                inputs[k] = (float)(Math.Exp((random.NextDouble() * 8) - 4) * (random.Next(2) == 0 ? -1 : 1)); // |t| in e^±4
            }

            Vector256<float> halfTanh = BoxPlusKernel.HalfTanh(Vector256.Abs(Vector256.Create(inputs)));
            float product = 1;
            for (int k = 0; k < 8; k++)
            {
                product *= halfTanh.GetElement(k);
            }

            Vector256<float> magnitude = BoxPlusKernel.Magnitude(halfTanh, Vector256.Create(product));
            for (int k = 0; k < 8; k++)
            {
                float[] others = [.. inputs[..k], .. inputs[(k + 1)..]];
                float exact = BoxPlusKernel.Magnitude(others);
                double phiSum = others.Sum(t => (double)PhiKernel.Phi(Math.Abs(t)));
                float viaPhi = PhiKernel.Phi((float)phiSum);
                Assert.True(Math.Abs(magnitude.GetElement(k) - exact) <= 2e-3 * Math.Max(exact, 1e-2), $"trial {trial} edge {k}: {magnitude.GetElement(k)} vs {exact}");
                Assert.True(Math.Abs(viaPhi - exact) <= 2e-3 * Math.Max(exact, 1e-2), $"φ form {viaPhi} vs {exact}");
            }
        }
    }

    [Fact]
    public void Saturated_inputs_give_capped_finite_messages_and_a_zero_input_gives_zero()
    {
        Vector256<float> halfTanh = BoxPlusKernel.HalfTanh(Vector256.Create(BoxPlusKernel.MaxMagnitude));
        Vector256<float> saturated = BoxPlusKernel.Magnitude(halfTanh, halfTanh); // every other input saturated
        Assert.True(float.IsFinite(saturated.GetElement(0)) && saturated.GetElement(0) <= BoxPlusKernel.MaxMessage);
        Assert.True(saturated.GetElement(0) > 10);

        Vector256<float> weak = BoxPlusKernel.HalfTanh(Vector256.Create(0f)); // T at the clamp
        Vector256<float> product = weak * halfTanh;
        Assert.True(BoxPlusKernel.Magnitude(halfTanh, product).GetElement(0) < 1e-3f); // other input carries nothing
    }

    [Fact]
    public void Degree_two_columns_are_capped_below_the_number_of_checks()
    {
        // Rate 0.8 (E80): uncapped λ2 would give ≈ 0.28·n degree-2 columns for m = 0.2·n checks.
        DegreeDistribution e80 = DistributionTable.ByName("E80");
        int[] counts = e80.NodeCounts(20_000, 4_000);
        int two = e80.Terms.ToList().FindIndex(t => t.Degree == 2);
        Assert.Equal(3_999, counts[two]);
        Assert.Equal(20_000, counts.Sum());
    }
}

public sealed class BoxPlusArithmeticTests
{
    [Fact]
    public void Division_free_log_and_reciprocal_division_are_accurate()
    {
        for (double y = 1; y < 1e12; y *= 1.0137)
        {
            float fast = BoxPlusKernel.LogAboveOne(Vector256.Create((float)y)).GetElement(0);
            Assert.True(Math.Abs(fast - Math.Log((float)y)) <= 2e-6 * Math.Max(1, Math.Log(y)), $"ln {y}: {fast}");
            float quotient = BoxPlusKernel.Divide(Vector256.Create(1.7f), Vector256.Create((float)y)).GetElement(0);
            Assert.True(Math.Abs(quotient - (1.7 / (float)y)) <= 1e-6 * (1.7 / y), $"1.7/{y}: {quotient}");
        }
    }
}
