using System.Globalization;
using BenchmarkDotNet.Running;

namespace JinanOnboard.Ldpc.Benchmarks;

internal static class Program
{
    /// <summary>
    /// BenchmarkDotNet switcher, plus `sim Q FRAMES SEED [CODE_ID|-] [bp|bp-skipT|phi|min-sum] [MAX_ITERATIONS]`: the FER/efficiency
    /// simulation used to calibrate the decoding-gap table (Release build, one thread).
    /// </summary>
    public static void Main(string[] args)
    {
        if (args.Length >= 3 && args[0] == "sim")
        {
            Simulate(args);
            return;
        }

        if (args.Length >= 4 && args[0] == "calib")
        {
            Calibrate(args);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }

    /// <summary>
    /// `calib Q FRAMES SEED [F_START]`: walks the default book upwards from the first code with f ≥ F_START
    /// (default 1.04) and prints, per code, frames decoded until the first failure; stops at the first code
    /// that decodes all FRAMES frames. That code's f is the measured f* at this QBER.
    /// </summary>
    private static void Calibrate(string[] args)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        double qber = double.Parse(args[1], inv);
        int frames = int.Parse(args[2], inv);
        ulong seed = ulong.Parse(args[3], inv);
        double fStart = args.Length > 4 ? double.Parse(args[4], inv) : 1.04;
        LdpcCodeBook book = LdpcCodeBook.Default;
        for (int i = 0; i < book.Count; i++)
        {
            double f = BinaryEntropy.Efficiency(SyndromeLengthAt(book, i), LdpcCodeBook.DefaultBlockLength, qber);
            if (f < fStart)
            {
                continue;
            }

            LdpcCode code = book.Codes[i];
            int done = 0;
            int undetected = 0;
            long iterations = 0;
            bool failed = false;
            for (int k = 0; k < frames && !failed; k++)
            {
                LdpcSimulationResult r = LdpcSimulation.Run(code, qber, 1, seed + (ulong)k);
                failed = r.FailedFrames > 0 || r.UndetectedErrorFrames > 0;
                undetected += r.UndetectedErrorFrames;
                iterations += (long)r.MeanIterations;
                done++;
            }

            Console.WriteLine(string.Create(inv, $"q={qber} code={code.CodeId} R={code.Rate:F4} dist={code.DistributionName} f={f:F3} frames={done} {(failed ? "FAIL" : "ok")} undetected={undetected} iter={(double)iterations / done:F1}"));
            if (!failed)
            {
                return;
            }
        }
    }

    /// <summary>m of the index-th default code without building it (spec §2: m₁ = 5000, m += ⌈m/25⌉).</summary>
    private static int SyndromeLengthAt(LdpcCodeBook book, int index)
    {
        _ = book;
        int m = 5000;
        for (int i = 0; i < index; i++)
        {
            m += (m + 24) / 25;
        }

        return m;
    }

    private static void Simulate(string[] args)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        double qber = double.Parse(args[1], inv);
        int frames = int.Parse(args[2], inv);
        ulong seed = ulong.Parse(args[3], inv);
        LdpcCode code = args.Length > 4 && args[4] != "-" ? LdpcCodeBook.Default.GetById(int.Parse(args[4], inv)) : LdpcCodeBook.Default.SelectForQber(qber);
        string variant = args.Length > 5 ? args[5] : "bp";
        int maxIterations = args.Length > 6 ? int.Parse(args[6], inv) : LdpcDecoder.DefaultMaxIterations;
        LdpcCheckRule rule = variant == "min-sum" ? LdpcCheckRule.NormalizedMinSum : LdpcCheckRule.BeliefPropagation;
        float skip = variant.StartsWith("bp-skip", StringComparison.Ordinal) ? float.Parse(variant[7..], inv) : LdpcDecoder.DefaultConfidentRowSkip;
        LdpcSimulationResult r = LdpcSimulation.RunCore(code, qber, frames, seed, rule, maxIterations, null, usePhiForm: variant == "phi", skip);
        Console.WriteLine(string.Create(inv, $"q={qber} code={r.CodeId} m={r.SyndromeLength} dist={code.DistributionName} f={r.Efficiency:F3} frames={r.Frames} failed={r.FailedFrames} undetected={r.UndetectedErrorFrames} iter={r.MeanIterations:F1} Mbit/s={r.ThroughputMbitPerSecond:F2} {variant}"));
    }
}
