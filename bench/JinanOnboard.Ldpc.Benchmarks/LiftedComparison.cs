using System.Diagnostics;
using System.Globalization;
using JinanOnboard.Ldpc.Decoding;

namespace JinanOnboard.Ldpc.Benchmarks;

/// <summary>
/// `lifted [SWEEPS] [FRAMES] [SEED] [QBER]` (defaults 300, 10, 2026, 0.02): a quick same-process comparison on the book code
/// of <see cref="LiftedFrame"/>: mean time of one full sweep (skip off) of the φ-table kernel on the CSR and of the lifted kernel
/// (AVX-512, AVX2, scalar), measured in alternating rounds so machine load hits both alike, the per-frame overhead outside the sweeps, then FRAMES whole-frame decodes at
/// QBER with each kernel (default skip): failures, mean iterations, Mbit/s. The BenchmarkDotNet classes in
/// LiftedBenchmarks.cs measure the same with proper statistics.
/// </summary>
internal static class LiftedComparison
{
    public static void Run(string[] args)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        int sweeps = args.Length > 1 ? int.Parse(args[1], inv) : 300;
        int frames = args.Length > 2 ? int.Parse(args[2], inv) : 10;
        int seed = args.Length > 3 ? int.Parse(args[3], inv) : 2026;
        double qber = args.Length > 4 ? double.Parse(args[4], inv) : LiftedFrame.Qber;
        LdpcCode code = LiftedFrame.Code.Value;
        Console.WriteLine(string.Create(inv, $"code n={code.BlockLength} m={code.SyndromeLength} edges={code.EdgeCount} base rows={code.Matrix.Lifting!.BaseRows} avx512={LiftedLayeredSweep.IsVectorSupported}"));

        (byte[] noisy, byte[] syndrome) = NoisyFrame.Create(code, LiftedFrame.Qber, seed);
        var output = new byte[noisy.Length];
        var kernels = new (string Name, LdpcDecoder Decoder)[]
        {
            ("phi-table (CSR)", new LdpcDecoder(code, maxIterations: 5) { Kernel = BeliefPropagationKernel.PhiTable, ConfidentRowSkip = 0 }),
            ("lifted", new LdpcDecoder(code, maxIterations: 5) { ConfidentRowSkip = 0 }),
            ("lifted avx2", new LdpcDecoder(code, maxIterations: 5) { ConfidentRowSkip = 0, LiftedPath = LiftedPath.Avx2 }),
            ("lifted scalar", new LdpcDecoder(code, maxIterations: 5) { ConfidentRowSkip = 0, LiftedPath = LiftedPath.Scalar }),
        };
        var ticks = new long[kernels.Length];
        foreach ((string _, LdpcDecoder decoder) in kernels)
        {
            _ = decoder.Decode(noisy, syndrome, LiftedFrame.Qber, output); // warm-up and a mid-decode state
        }

        const int Round = 10;
        for (int done = 0; done < sweeps; done += Round)
        {
            for (int k = 0; k < kernels.Length; k++)
            {
                // The scalar path is a correctness reference: a tenth of the sweeps is enough to time it.
                int count = kernels[k].Name == "lifted scalar" ? 1 : Round;
                long start = Stopwatch.GetTimestamp();
                for (int i = 0; i < count; i++)
                {
                    kernels[k].Decoder.RunOneSweep();
                }

                ticks[k] += Stopwatch.GetTimestamp() - start;
            }
        }

        double baseline = 0;
        for (int k = 0; k < kernels.Length; k++)
        {
            int count = kernels[k].Name == "lifted scalar" ? sweeps / Round : sweeps;
            double ms = ticks[k] * 1000.0 / Stopwatch.Frequency / count;
            baseline = k == 0 ? ms : baseline;
            Console.WriteLine(string.Create(inv, $"sweep {kernels[k].Name}: {ms:F3} ms ({1000 / ms:F0} sweeps/s), {ms / baseline:F3} of phi-table"));
        }

        // Per-frame overheads outside the sweeps: a frame whose syndrome already matches (channel LLRs, message clear, one full
        // syndrome check, hard decision), and one full lifted syndrome check on its own.
        var ownSyndrome = new byte[syndrome.Length];
        code.ComputeSyndrome(noisy, ownSyndrome);
        LdpcDecoder lifted = kernels[1].Decoder;
        long overhead = Stopwatch.GetTimestamp();
        for (int i = 0; i < sweeps; i++)
        {
            _ = lifted.Decode(noisy, ownSyndrome, LiftedFrame.Qber, output);
        }

        overhead = Stopwatch.GetTimestamp() - overhead;
        long check = Stopwatch.GetTimestamp();
        for (int i = 0; i < sweeps; i++)
        {
            _ = lifted.LiftedSyndromeMatches();
        }

        check = Stopwatch.GetTimestamp() - check;
        Console.WriteLine(string.Create(inv, $"lifted frame overhead (0 iterations): {overhead * 1000.0 / Stopwatch.Frequency / sweeps:F3} ms; full lifted syndrome check: {check * 1000.0 / Stopwatch.Frequency / sweeps:F3} ms"));

        var decoders = new (string Name, LdpcDecoder Decoder)[]
        {
            ("phi-table (CSR)", new LdpcDecoder(code) { Kernel = BeliefPropagationKernel.PhiTable }),
            ("lifted", new LdpcDecoder(code)),
        };
        var decodeTicks = new long[decoders.Length];
        var failed = new int[decoders.Length];
        var iterations = new long[decoders.Length];
        for (int f = 0; f < frames; f++)
        {
            (byte[] frameNoisy, byte[] frameSyndrome) = NoisyFrame.Create(code, qber, seed + 1 + f);
            for (int k = 0; k < decoders.Length; k++)
            {
                long start = Stopwatch.GetTimestamp();
                LdpcDecodeResult result = decoders[k].Decoder.Decode(frameNoisy, frameSyndrome, qber, output);
                decodeTicks[k] += Stopwatch.GetTimestamp() - start;
                failed[k] += result.Converged ? 0 : 1;
                iterations[k] += result.Iterations;
            }
        }

        for (int k = 0; k < decoders.Length; k++)
        {
            double seconds = (double)decodeTicks[k] / Stopwatch.Frequency / frames;
            Console.WriteLine(string.Create(inv, $"decode {decoders[k].Name}: QBER {qber}, {frames} frames, failed {failed[k]}, iterations {(double)iterations[k] / frames:F1}, {seconds * 1000:F2} ms/frame, {code.BlockLength / seconds / 1e6:F2} Mbit/s"));
        }
    }
}
