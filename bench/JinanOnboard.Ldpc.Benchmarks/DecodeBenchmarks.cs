using BenchmarkDotNet.Attributes;
using JinanOnboard.Ldpc.Comparison;

namespace JinanOnboard.Ldpc.Benchmarks;

/// <summary>
/// Decoder throughput on one core: one 100 kbit frame at QBER 2% with the code the default book
/// selects: the production decoder (lifted kernel), and the comparison kernels on the expanded H: the φ table (the previous
/// default; baseline, so the Ratio column is new/old in one run), the tanh-domain and first φ-form polynomial kernels, and
/// normalised min-sum.
/// Mbit/s = 0.1 / (mean seconds per op).
/// </summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    private const double Qber = 0.02;
    private LdpcDecoder _lifted = null!;
    private ComparisonDecoder _phiTable = null!;
    private ComparisonDecoder _tanhPolynomial = null!;
    private ComparisonDecoder _phiPolynomial = null!;
    private ComparisonDecoder _minSum = null!;
    private byte[] _noisy = null!;
    private byte[] _syndrome = null!;
    private byte[] _output = null!;

    [GlobalSetup]
    public void Setup()
    {
        LdpcCode code = LdpcCodeBook.Default.SelectForQber(Qber);
        (_noisy, _syndrome) = NoisyFrame.Create(code, Qber, 2026);
        _output = new byte[_noisy.Length];
        _lifted = new LdpcDecoder(code);
        _phiTable = new ComparisonDecoder(code, ComparisonKernel.PhiTable);
        _tanhPolynomial = new ComparisonDecoder(code, ComparisonKernel.TanhPolynomial);
        _phiPolynomial = new ComparisonDecoder(code, ComparisonKernel.PhiPolynomial);
        _minSum = new ComparisonDecoder(code, ComparisonKernel.NormalizedMinSum);
    }

    [Benchmark]
    public LdpcDecodeResult BeliefPropagation() => _lifted.Decode(_noisy, _syndrome, Qber, _output);

    [Benchmark(Baseline = true)]
    public LdpcDecodeResult BeliefPropagationPhiTable() => _phiTable.Decode(_noisy, _syndrome, Qber, _output);

    [Benchmark]
    public LdpcDecodeResult BeliefPropagationTanhPolynomial() => _tanhPolynomial.Decode(_noisy, _syndrome, Qber, _output);

    [Benchmark]
    public LdpcDecodeResult BeliefPropagationPhiPolynomial() => _phiPolynomial.Decode(_noisy, _syndrome, Qber, _output);

    [Benchmark]
    public LdpcDecodeResult NormalizedMinSum() => _minSum.Decode(_noisy, _syndrome, Qber, _output);
}

/// <summary>The φ-table kernel at QBER 2 % (default code's expanded H) row by row (1) and in pairs of column-disjoint rows (2, its default).</summary>
[MemoryDiagnoser]
public class RowGroupBenchmarks
{
    private const double Qber = 0.02;
    private ComparisonDecoder _decoder = null!;
    private byte[] _noisy = null!;
    private byte[] _syndrome = null!;
    private byte[] _output = null!;

    [Params(1, 2)]
    public int GroupLimit { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        LdpcCode code = LdpcCodeBook.Default.SelectForQber(Qber);
        (_noisy, _syndrome) = NoisyFrame.Create(code, Qber, 2026);
        _output = new byte[_noisy.Length];
        _decoder = new ComparisonDecoder(code, ComparisonKernel.PhiTable) { GroupLimit = GroupLimit };
    }

    [Benchmark]
    public LdpcDecodeResult Decode() => _decoder.Decode(_noisy, _syndrome, Qber, _output);
}

/// <summary>Decoders by the names the benchmark parameters and the `sim` variants use.</summary>
internal static class KernelNames
{
    /// <summary>lifted (the production decoder), table (φ table on the expanded H), tanh, phi (the first φ form), min-sum; null for any other name.</summary>
    public static FrameDecoder? TryCreate(string name, LdpcCode code, int maxIterations, float confidentRowSkip)
    {
        ComparisonKernel? kernel = name switch
        {
            "table" => ComparisonKernel.PhiTable,
            "tanh" => ComparisonKernel.TanhPolynomial,
            "phi" => ComparisonKernel.PhiPolynomial,
            "min-sum" => ComparisonKernel.NormalizedMinSum,
            _ => null,
        };
        if (kernel is ComparisonKernel chosen)
        {
            return new ComparisonDecoder(code, chosen, maxIterations) { ConfidentRowSkip = confidentRowSkip }.Decode;
        }

        return name == "lifted" ? new LdpcDecoder(code, maxIterations) { ConfidentRowSkip = confidentRowSkip }.Decode : null;
    }

    public static FrameDecoder Create(string name, LdpcCode code, float confidentRowSkip) =>
        TryCreate(name, code, LdpcDecoder.DefaultMaxIterations, confidentRowSkip) ?? throw new ArgumentException($"unknown kernel {name}", nameof(name));
}

/// <summary>One sender frame through a BSC: the noisy copy and the sender's syndrome (deterministic from the seed).</summary>
internal static class NoisyFrame
{
    public static (byte[] Noisy, byte[] Syndrome) Create(LdpcCode code, double qber, int seed)
    {
        var random = new Random(seed);
        var sender = new byte[(code.BlockLength + 7) / 8];
        random.NextBytes(sender);
        byte[] noisy = (byte[])sender.Clone();
        for (int j = 0; j < code.BlockLength; j++)
        {
            if (random.NextDouble() < qber)
            {
                noisy[j >> 3] ^= (byte)(1 << (j & 7));
            }
        }

        var syndrome = new byte[(code.SyndromeLength + 7) / 8];
        code.ComputeSyndrome(sender, syndrome);
        return (noisy, syndrome);
    }
}

/// <summary>Syndrome computation of one 100 kbit frame (payload side).</summary>
[MemoryDiagnoser]
public class SyndromeBenchmarks
{
    private LdpcCode _code = null!;
    private byte[] _bits = null!;
    private byte[] _syndrome = null!;

    [GlobalSetup]
    public void Setup()
    {
        _code = LdpcCodeBook.Default.SelectForQber(0.02);
        _bits = new byte[(_code.BlockLength + 7) / 8];
        new Random(1).NextBytes(_bits);
        _syndrome = new byte[(_code.SyndromeLength + 7) / 8];
    }

    [Benchmark]
    public void ComputeSyndrome() => _code.ComputeSyndrome(_bits, _syndrome);
}

/// <summary>One frame of the code the default book selects, decoded with the kernel named by <see cref="Kernel"/>.</summary>
public abstract class KernelFrameBenchmarks
{
    private FrameDecoder _decode = null!;
    private byte[] _noisy = null!;
    private byte[] _syndrome = null!;
    private byte[] _output = null!;
    private double _qber;

    /// <summary>Kernel: lifted (the default), table (φ table on the expanded H) or tanh (the tanh-domain kernel).</summary>
    [Params("lifted", "table", "tanh")]
    public string Kernel { get; set; } = "lifted";

    [Benchmark]
    public LdpcDecodeResult Decode() => _decode(_noisy, _syndrome, _qber, _output);

    protected void Prepare(double qber, float confidentRowSkip)
    {
        _qber = qber;
        LdpcCode code = LdpcCodeBook.Default.SelectForQber(qber);
        (_noisy, _syndrome) = NoisyFrame.Create(code, qber, 2026);
        _output = new byte[_noisy.Length];
        _decode = KernelNames.Create(Kernel, code, confidentRowSkip);
    }
}

/// <summary>BP at QBER 2 % (default code) as a function of the confident-row skip threshold (0 = off), per kernel.</summary>
[MemoryDiagnoser]
public class RowSkipBenchmarks : KernelFrameBenchmarks
{
    [Params(0f, 6f)]
    public float SkipLlr { get; set; }

    [GlobalSetup]
    public void Setup() => Prepare(0.02, SkipLlr);
}

/// <summary>The lifted, φ-table and tanh-domain kernels at QBER 1, 2 and 3 % (the codes the default book selects).</summary>
[MemoryDiagnoser]
public class QberBenchmarks : KernelFrameBenchmarks
{
    [Params(0.01, 0.02, 0.03)]
    public double Qber { get; set; }

    [GlobalSetup]
    public void Setup() => Prepare(Qber, LdpcDecoder.DefaultConfidentRowSkip);
}
