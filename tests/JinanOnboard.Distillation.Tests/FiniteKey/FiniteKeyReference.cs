using JinanOnboard.Distillation.FiniteKey;

namespace JinanOnboard.Distillation.Tests.FiniteKey;

/// <summary>The reference block of finite-key.md "Reference values" item 2.</summary>
internal static class FiniteKeyReference
{
    public static FiniteKeyInput Block(DeviationBound bound = DeviationBound.Chernoff) => new(
        DecoySettings.Jinan1,
        new BasisCounts(new PerIntensity<long>(235112, 14734, 115), new PerIntensity<long>(2187, 214, 57)),
        new BasisCounts(new PerIntensity<long>(234980, 14802, 109), new PerIntensity<long>(2391, 205, 52)),
        LambdaEcBits: 80000,
        EpsilonSec: 1e-10,
        EpsilonCor: 1e-10,
        Bound: bound);
}
