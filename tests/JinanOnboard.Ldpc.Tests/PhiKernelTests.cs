using System.Runtime.Intrinsics;
using JinanOnboard.Ldpc.Comparison;

namespace JinanOnboard.Ldpc.Tests;

public sealed class PhiKernelTests
{
    [Fact]
    public void Vector_phi_matches_double_precision_phi_over_the_whole_clamped_range()
    {
        for (float x = PhiKernel.MinArgument; x < PhiKernel.MaxArgument; x *= 1.003f)
        {
            float fast = PhiKernel.Phi(Vector256.Create(x)).GetElement(0);
            float exact = PhiKernel.Phi(x);
            Assert.True(Math.Abs(fast - exact) <= 1e-3 * Math.Max(exact, 1e-6), $"phi({x}) = {fast}, expected {exact}");
        }
    }

    [Fact]
    public void Phi_is_its_own_inverse()
    {
        foreach (float x in new[] { 0.05f, 0.5f, 1f, 3f, 8f })
        {
            Assert.Equal(x, PhiKernel.Phi(PhiKernel.Phi(x)), 3);
        }
    }
}
