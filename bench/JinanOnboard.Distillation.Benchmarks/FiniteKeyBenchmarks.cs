using BenchmarkDotNet.Attributes;
using JinanOnboard.Distillation.FiniteKey;

namespace JinanOnboard.Distillation.Benchmarks;

/// <summary>One finite-key analysis (24 Chernoff bisections and the decoy bounds): run by both sides per PA block.</summary>
[MemoryDiagnoser]
public class FiniteKeyBenchmarks
{
    private static readonly FiniteKeyInput Reference = new(
        DecoySettings.Jinan1,
        new BasisCounts(new PerIntensity<long>(235112, 14734, 115), new PerIntensity<long>(2187, 214, 57)),
        new BasisCounts(new PerIntensity<long>(234980, 14802, 109), new PerIntensity<long>(2391, 205, 52)),
        LambdaEcBits: 80000);

    [Benchmark]
    public long Compute() => FiniteKeyAnalysis.Compute(Reference).KeyLengthBits;
}
