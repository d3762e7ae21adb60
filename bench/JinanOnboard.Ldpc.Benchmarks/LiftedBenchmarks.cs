using BenchmarkDotNet.Attributes;
using JinanOnboard.Ldpc.Comparison;
using JinanOnboard.Ldpc.Decoding;

namespace JinanOnboard.Ldpc.Benchmarks;

/// <summary>
/// One full layered sweep (confident-row skip off, so every row is updated) on the default book's 2 % code (n = 100 000,
/// 6 250 × 1 016 base, Z = 16, D85): the φ-table kernel on the
/// expanded CSR (baseline) against the lifted kernel's AVX-512, AVX2 and scalar paths. The state is that after 5 iterations of a frame
/// at QBER 2 %.
/// </summary>
[MemoryDiagnoser]
public class LiftedSweepBenchmarks
{
    private ComparisonDecoder _phiTable = null!;
    private LdpcDecoder _lifted = null!;
    private LdpcDecoder _liftedAvx2 = null!;
    private LdpcDecoder _liftedScalar = null!;

    [GlobalSetup]
    public void Setup()
    {
        LdpcCode code = LiftedFrame.Code.Value;
        (byte[] noisy, byte[] syndrome) = NoisyFrame.Create(code, LiftedFrame.Qber, 2026);
        var output = new byte[noisy.Length];
        _phiTable = new ComparisonDecoder(code, ComparisonKernel.PhiTable, maxIterations: 5) { ConfidentRowSkip = 0 };
        _lifted = new LdpcDecoder(code, maxIterations: 5) { ConfidentRowSkip = 0 };
        _liftedAvx2 = new LdpcDecoder(code, maxIterations: 5) { ConfidentRowSkip = 0, LiftedPath = LiftedPath.Avx2 };
        _liftedScalar = new LdpcDecoder(code, maxIterations: 5) { ConfidentRowSkip = 0, LiftedPath = LiftedPath.Scalar };
        _ = _phiTable.Decode(noisy, syndrome, LiftedFrame.Qber, output);
        foreach (LdpcDecoder decoder in new[] { _lifted, _liftedAvx2, _liftedScalar })
        {
            _ = decoder.Decode(noisy, syndrome, LiftedFrame.Qber, output);
        }
    }

    [Benchmark(Baseline = true)]
    public void PhiTableSweep() => _phiTable.RunOneSweep();

    [Benchmark]
    public void LiftedSweep() => _lifted.RunOneSweep();

    [Benchmark]
    public void LiftedAvx2Sweep() => _liftedAvx2.RunOneSweep();

    [Benchmark]
    public void LiftedScalarSweep() => _liftedScalar.RunOneSweep();
}

/// <summary>The code the lifted benchmarks share: the one the default book selects at QBER 2 % (whole-frame decodes: <see cref="DecodeBenchmarks"/>).</summary>
internal static class LiftedFrame
{
    public const double Qber = 0.02;

    public static readonly Lazy<LdpcCode> Code = new(() => LdpcCodeBook.Default.SelectForQber(Qber));
}
