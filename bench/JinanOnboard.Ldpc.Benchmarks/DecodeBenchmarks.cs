using BenchmarkDotNet.Attributes;

namespace JinanOnboard.Ldpc.Benchmarks;

/// <summary>
/// Decoder throughput on one core: one 100 kbit frame at QBER 2% with the code the default book
/// selects: tanh-domain BP (default), the previous φ-form BP, and normalised min-sum.
/// Mbit/s = 0.1 / (mean seconds per op).
/// </summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    private const double Qber = 0.02;
    private LdpcDecoder _beliefPropagation = null!;
    private LdpcDecoder _phiForm = null!;
    private LdpcDecoder _minSum = null!;
    private byte[] _noisy = null!;
    private byte[] _syndrome = null!;
    private byte[] _output = null!;

    [GlobalSetup]
    public void Setup()
    {
        LdpcCode code = LdpcCodeBook.Default.SelectForQber(Qber);
        var random = new Random(2026);
        var sender = new byte[(code.BlockLength + 7) / 8];
        random.NextBytes(sender);
        _noisy = (byte[])sender.Clone();
        for (int j = 0; j < code.BlockLength; j++)
        {
            if (random.NextDouble() < Qber)
            {
                _noisy[j >> 3] ^= (byte)(1 << (j & 7));
            }
        }

        _syndrome = new byte[(code.SyndromeLength + 7) / 8];
        code.ComputeSyndrome(sender, _syndrome);
        _output = new byte[sender.Length];
        _beliefPropagation = new LdpcDecoder(code);
        _phiForm = new LdpcDecoder(code) { UsePhiForm = true };
        _minSum = new LdpcDecoder(code, rule: LdpcCheckRule.NormalizedMinSum);
    }

    [Benchmark(Baseline = true)]
    public LdpcDecodeResult BeliefPropagation() => _beliefPropagation.Decode(_noisy, _syndrome, Qber, _output);

    [Benchmark]
    public LdpcDecodeResult BeliefPropagationPhiForm() => _phiForm.Decode(_noisy, _syndrome, Qber, _output);

    [Benchmark]
    public LdpcDecodeResult NormalizedMinSum() => _minSum.Decode(_noisy, _syndrome, Qber, _output);
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

/// <summary>Tanh-domain BP at QBER 2 % (default code) as a function of the confident-row skip threshold (0 = off).</summary>
[MemoryDiagnoser]
public class RowSkipBenchmarks
{
    private const double Qber = 0.02;
    private LdpcDecoder _decoder = null!;
    private byte[] _noisy = null!;
    private byte[] _syndrome = null!;
    private byte[] _output = null!;

    [Params(0f, 6f, 8f, 12f)]
    public float SkipLlr { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        LdpcCode code = LdpcCodeBook.Default.SelectForQber(Qber);
        var random = new Random(2026);
        var sender = new byte[(code.BlockLength + 7) / 8];
        random.NextBytes(sender);
        _noisy = (byte[])sender.Clone();
        for (int j = 0; j < code.BlockLength; j++)
        {
            if (random.NextDouble() < Qber)
            {
                _noisy[j >> 3] ^= (byte)(1 << (j & 7));
            }
        }

        _syndrome = new byte[(code.SyndromeLength + 7) / 8];
        code.ComputeSyndrome(sender, _syndrome);
        _output = new byte[sender.Length];
        _decoder = new LdpcDecoder(code) { ConfidentRowSkip = SkipLlr };
    }

    [Benchmark]
    public LdpcDecodeResult Decode() => _decoder.Decode(_noisy, _syndrome, Qber, _output);
}
