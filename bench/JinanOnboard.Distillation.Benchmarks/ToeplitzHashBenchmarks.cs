using BenchmarkDotNet.Attributes;
using JinanOnboard.Distillation.PrivacyAmplification;

namespace JinanOnboard.Distillation.Benchmarks;

/// <summary>
/// Privacy amplification of one block: issue 3 asks for a 1 Mbit block in &lt;= 20 ms on one core.
/// n = 1,000,000 input bits; m is the output length (the finite-key ℓ is typically 0.2–0.5 n).
/// </summary>
[MemoryDiagnoser]
public class ToeplitzHashBenchmarks
{
    private byte[] seed = [];
    private byte[] input = [];
    private byte[] output = [];

    /// <summary>Input bits n.</summary>
    [Params(100_000, 500_000, 1_000_000)]
    public int InputBits { get; set; }

    /// <summary>Output bits as a fraction of n, in percent.</summary>
    [Params(50, 100)]
    public int OutputPercent { get; set; }

    private int OutputBits => (int)((long)InputBits * OutputPercent / 100);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261123);
        seed = new byte[(ToeplitzHash.SeedBitCount(InputBits, OutputBits) + 7) / 8];
        input = new byte[(InputBits + 7) / 8];
        output = new byte[(OutputBits + 7) / 8];
        random.NextBytes(seed);
        random.NextBytes(input);
    }

    [Benchmark]
    public byte Apply()
    {
        ToeplitzHash.Apply(seed, input, InputBits, output, OutputBits);
        return output[0];
    }
}
