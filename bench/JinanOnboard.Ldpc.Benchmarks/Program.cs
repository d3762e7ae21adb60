using System.Globalization;
using BenchmarkDotNet.Running;
using JinanOnboard.Ldpc.Construction;
using JinanOnboard.Ldpc.Construction.Design;
using JinanOnboard.Primitives.Information;

namespace JinanOnboard.Ldpc.Benchmarks;

internal static class Program
{
    /// <summary>
    /// BenchmarkDotNet switcher, plus `sim Q FRAMES SEED [CODE_ID|-] [bp|bp-skipT|lifted|table|tanh|phi|min-sum] [MAX_ITERATIONS]`: the FER/efficiency
    /// simulation used to calibrate the decoding-gap table (Release build, one thread), with the production decoder (bp, lifted;
    /// bp-skipT sets its confident-row skip to T) or a comparison kernel (table, tanh, phi, min-sum); `calib` (below); `design` and
    /// `thresholds`: the degree-distribution optimiser and density-evolution thresholds of protocol-spec/ldpc-codes.md §3.
    /// </summary>
    public static void Main(string[] args)
    {
        if (args.Length >= 3 && args[0] == "sim")
        {
            Simulate(args);
            return;
        }

        if (args.Length >= 6 && args[0] == "simdist")
        {
            SimulateDistribution(args);
            return;
        }

        if (args.Length >= 3 && args[0] == "calib")
        {
            Calibrate(args);
            return;
        }

        if (args.Length >= 2 && args[0] == "design")
        {
            Design(args);
            return;
        }

        if (args.Length >= 1 && args[0] == "thresholds")
        {
            Thresholds(args);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }

    /// <summary>
    /// `calib Q F_START [FRAMES]`: the decoding-gap calibration of protocol-spec/ldpc-codes.md §5. Walks the default book
    /// upwards from the first code with f ≥ F_START; each code decodes FRAMES (default 400) frames from the seed-100 stream and
    /// FRAMES from the seed-20261123 stream (the same frames as `sim Q FRAMES 100 ID` and `sim Q FRAMES 20261123 ID`), and the
    /// walk stops at the first code with at most FRAMES/100 failures of the 2·FRAMES (4 of 800: observed FER ≤ 0.5 %).
    /// That code's f, less 0.001, is the point's f*.
    /// </summary>
    private static void Calibrate(string[] args)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        double qber = double.Parse(args[1], inv);
        double fStart = double.Parse(args[2], inv);
        int frames = args.Length > 3 ? int.Parse(args[3], inv) : 400;
        LdpcCodeBook book = LdpcCodeBook.Default;
        for (int i = 0; i < book.Count; i++)
        {
            double f = BinaryEntropy.Efficiency(book.SyndromeLengthAt(i), LdpcCodeBook.DefaultBlockLength, qber);
            if (f < fStart)
            {
                continue;
            }

            LdpcCode code = book.Codes[i];
            LdpcSimulationResult a = LdpcSimulation.Run(code, qber, frames, 100);
            LdpcSimulationResult b = LdpcSimulation.Run(code, qber, frames, 20261123);
            int failed = a.FailedFrames + a.UndetectedErrorFrames + b.FailedFrames + b.UndetectedErrorFrames;
            Console.WriteLine(string.Create(inv, $"q={qber} code={code.CodeId} R={code.Rate:F4} dist={code.DistributionName} f={f:F3} failed(seed 100)={a.FailedFrames}+{a.UndetectedErrorFrames} failed(seed 20261123)={b.FailedFrames}+{b.UndetectedErrorFrames} total={failed}/{2 * frames}"));
            if (failed <= frames / 100)
            {
                return;
            }
        }
    }

    /// <summary>
    /// `simdist DIST M Q FRAMES SEED [CODE_SEED]`: like `sim`, on a quasi-cyclic code built (spec §4) with distribution DIST (a
    /// table name or `d:λ,d:λ,…`, degrees descending) and M syndrome bits at n = 100 000: compares distributions at equal rate.
    /// </summary>
    private static void SimulateDistribution(string[] args)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        DegreeDistribution distribution = args[1].Contains(':', StringComparison.Ordinal)
            ? new DegreeDistribution("custom", [.. args[1].Split(',').Select(t => (int.Parse(t.Split(':')[0], inv), double.Parse(t.Split(':')[1], inv))).OrderByDescending(t => t.Item1)])
            : DistributionTable.ByName(args[1]);
        int m = int.Parse(args[2], inv);
        double qber = double.Parse(args[3], inv);
        int frames = int.Parse(args[4], inv);
        ulong seed = ulong.Parse(args[5], inv);
        ulong codeSeed = args.Length > 6 ? ulong.Parse(args[6], inv) : 1;
        var code = new LdpcCode(0, LiftedGraphBuilder.Build(LdpcCodeBook.DefaultBlockLength, m, distribution, codeSeed), distribution.Name, codeSeed, 0.5);
        LdpcSimulationResult r = LdpcSimulation.Run(code, qber, frames, seed);
        Console.WriteLine(string.Create(inv, $"q={qber} dist={args[1]} m={m} f={r.Efficiency:F3} frames={r.Frames} failed={r.FailedFrames} undetected={r.UndetectedErrorFrames} iter={r.MeanIterations:F1}"));
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
        float skip = variant.StartsWith("bp-skip", StringComparison.Ordinal) ? float.Parse(variant[7..], inv) : LdpcDecoder.DefaultConfidentRowSkip;
        FrameDecoder decode = KernelNames.TryCreate(variant, code, maxIterations, skip)
            ?? new LdpcDecoder(code, maxIterations) { ConfidentRowSkip = skip }.Decode; // bp, bp-skipT: the production decoder
        LdpcSimulationResult r = LdpcSimulation.Run(code, qber, frames, seed, decode, progress: null);
        Console.WriteLine(string.Create(inv, $"q={qber} code={r.CodeId} m={r.SyndromeLength} dist={code.DistributionName} f={r.Efficiency:F3} frames={r.Frames} failed={r.FailedFrames} undetected={r.UndetectedErrorFrames} iter={r.MeanIterations:F1} Mbit/s={r.ThroughputMbitPerSecond:F2} {variant}"));
    }

    /// <summary>
    /// `design RATE [F_TARGET] [GENERATIONS] [POPULATION] [SEED] [DEGREES] [START]`: differential evolution of λ(x) at design
    /// rate RATE, judged by density evolution at p_t = h⁻¹((1−RATE)/F_TARGET) (defaults 1.06, 40, 30, 1,
    /// 2,3,4,5,6,7,8,10,12,15,20,25,30, and the nearest Elkouss entry as the starting member; START is a table name or
    /// `d:λ,d:λ,…`). Prints the best cost per generation, then λ and its DE threshold p*.
    /// The distributions of protocol-spec/ldpc-codes.md §3 marked "designed" were made with this command.
    /// </summary>
    private static void Design(string[] args)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        double rate = double.Parse(args[1], inv);
        double target = args.Length > 2 ? double.Parse(args[2], inv) : 1.06;
        int generations = args.Length > 3 ? int.Parse(args[3], inv) : 40;
        int population = args.Length > 4 ? int.Parse(args[4], inv) : 30;
        ulong seed = args.Length > 5 ? ulong.Parse(args[5], inv) : 1;
        int[] degrees = args.Length > 6
            ? [.. args[6].Split(',').Select(d => int.Parse(d, inv))]
            : [2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20, 25, 30];
        IReadOnlyList<(int Degree, double EdgeFraction)>? start = args.Length <= 7 ? null
            : args[7].Contains(':', StringComparison.Ordinal)
                ? [.. args[7].Split(',').Select(t => (int.Parse(t.Split(':')[0], inv), double.Parse(t.Split(':')[1], inv)))]
                : DistributionTable.ByName(args[7]).Terms;
        DesignedDistribution result = DistributionDesigner.Design(
            rate, target, degrees, population, generations, seed, start,
            (g, cost) => Console.WriteLine(string.Create(inv, $"generation {g}: best cost {cost:F1}")));
        double shannon = BinaryEntropy.Inverse(1 - rate);
        Console.WriteLine(string.Create(inv, $"rate={rate} f_t={target} cost={result.Cost:F1} threshold={result.Threshold:F5} f(threshold)={(1 - rate) / BinaryEntropy.Of(result.Threshold):F4} shannon={shannon:F5}"));
        Console.WriteLine(string.Join(", ", result.Lambda.Select(t => string.Create(inv, $"({t.Degree}, {t.EdgeFraction:0.00000})"))));
    }

    /// <summary>
    /// `thresholds [STEP]`: DE threshold p* (grid step STEP, default 0.2) of every distribution in the book at its design rate,
    /// and the efficiency (1−R)/h(p*) it corresponds to.
    /// </summary>
    private static void Thresholds(string[] args)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        double step = args.Length > 1 ? double.Parse(args[1], inv) : 0.2;
        foreach ((double rate, DegreeDistribution distribution) in DistributionTable.All.Concat(DistributionTable.References))
        {
            var ensemble = new Ensemble(distribution.Terms, rate);
            var evolution = new DensityEvolution(ensemble.MaxVariableDegree, step);
            double p = evolution.Threshold(ensemble, 1e-4, BinaryEntropy.Inverse(1 - rate));
            Console.WriteLine(string.Create(inv, $"{distribution.Name} R={rate} dc={ensemble.MeanCheckDegree:F2} nu2={ensemble.DegreeTwoNodeFraction:F4} p*={p:F5} f*={(1 - rate) / BinaryEntropy.Of(p):F4}"));
        }
    }
}
