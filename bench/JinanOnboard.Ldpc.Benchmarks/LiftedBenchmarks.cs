using BenchmarkDotNet.Attributes;
using JinanOnboard.Ldpc.Decoding;
using JinanOnboard.Ldpc.Tests;

namespace JinanOnboard.Ldpc.Benchmarks;

/// <summary>
/// One full layered sweep (confident-row skip off, so every row is updated) on a random quasi-cyclic code of the real size
/// (n = 100 000: 6 250 × 1 009 base, Z = 16, column degrees 2…40 like D85, ≈ 694 k edges): the φ-table kernel on the
/// expanded CSR (baseline) against the lifted kernel's AVX-512, AVX2 and scalar paths. The state is that after 5 iterations of a frame
/// at QBER 2 %.
/// </summary>
[MemoryDiagnoser]
public class LiftedSweepBenchmarks
{
    private LdpcDecoder _phiTable = null!;
    private LdpcDecoder _lifted = null!;
    private LdpcDecoder _liftedAvx2 = null!;
    private LdpcDecoder _liftedScalar = null!;

    [GlobalSetup]
    public void Setup()
    {
        LdpcCode code = LiftedFrame.Code.Value;
        (byte[] noisy, byte[] syndrome) = NoisyFrame.Create(code, LiftedFrame.Qber, 2026);
        var output = new byte[noisy.Length];
        _phiTable = new LdpcDecoder(code, maxIterations: 5) { Kernel = BeliefPropagationKernel.PhiTable, ConfidentRowSkip = 0 };
        _lifted = new LdpcDecoder(code, maxIterations: 5) { ConfidentRowSkip = 0 };
        _liftedAvx2 = new LdpcDecoder(code, maxIterations: 5) { ConfidentRowSkip = 0, LiftedPath = LiftedPath.Avx2 };
        _liftedScalar = new LdpcDecoder(code, maxIterations: 5) { ConfidentRowSkip = 0, LiftedPath = LiftedPath.Scalar };
        foreach (LdpcDecoder decoder in new[] { _phiTable, _lifted, _liftedAvx2, _liftedScalar })
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

/// <summary>Whole-frame decode (default skip) at QBER 2 % on the same random quasi-cyclic code: Mbit/s = 0.1 / (mean seconds per op).</summary>
[MemoryDiagnoser]
public class LiftedDecodeBenchmarks
{
    private LdpcDecoder _phiTable = null!;
    private LdpcDecoder _lifted = null!;
    private byte[] _noisy = null!;
    private byte[] _syndrome = null!;
    private byte[] _output = null!;

    [GlobalSetup]
    public void Setup()
    {
        LdpcCode code = LiftedFrame.Code.Value;
        (_noisy, _syndrome) = NoisyFrame.Create(code, LiftedFrame.Qber, 2026);
        _output = new byte[_noisy.Length];
        _phiTable = new LdpcDecoder(code) { Kernel = BeliefPropagationKernel.PhiTable };
        _lifted = new LdpcDecoder(code);
    }

    [Benchmark(Baseline = true)]
    public LdpcDecodeResult PhiTable() => _phiTable.Decode(_noisy, _syndrome, LiftedFrame.Qber, _output);

    [Benchmark]
    public LdpcDecodeResult Lifted() => _lifted.Decode(_noisy, _syndrome, LiftedFrame.Qber, _output);
}

/// <summary>The random quasi-cyclic code of the real size the lifted benchmarks share.</summary>
internal static class LiftedFrame
{
    public const double Qber = 0.02;

    public static readonly Lazy<LdpcCode> Code = new(() => RandomLiftedCodes.Build(6_250, 1_009, RandomLiftedCodes.D85Like, 85));
}
