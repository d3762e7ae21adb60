using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using JinanOnboard.Ldpc;

namespace JinanOnboard.Cli.Commands;

/// <summary>
/// `jinan ldpc bench`: efficiency, frame error rate and decoder throughput of the default code book with the production
/// decoder. The comparison kernels (φ table, tanh, min-sum) are measured by bench/JinanOnboard.Ldpc.Benchmarks (`sim`).
/// </summary>
internal static partial class CommandCatalog
{
    static partial void AddLdpc(RootCommand root)
    {
        var ldpc = new Command("ldpc", "LDPC reconciliation codes and decoder.");
        var bench = new Command("bench", "Simulate syndrome reconciliation over a BSC with the code the book selects for --qber.");
        var qber = new Option<double>("--qber") { Description = "BSC crossover probability (e.g. 0.02), in (0, 0.5).", Required = true };
        var frames = new Option<int>("--frames") { Description = "Number of 100 kbit frames to decode.", DefaultValueFactory = _ => 20 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the sender bits and the channel noise.", DefaultValueFactory = _ => 1UL };
        var codeId = new Option<int?>("--code") { Description = "Use this code id instead of the book's selection." };
        var maxIterations = new Option<int>("--max-iterations") { Description = "Decoder iteration cap.", DefaultValueFactory = _ => LdpcDecoder.DefaultMaxIterations };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        foreach (Option option in new Option[] { qber, frames, seed, codeId, maxIterations, json })
        {
            bench.Options.Add(option);
        }

        bench.SetAction(parseResult => RunLdpcBench(
            parseResult.GetValue(qber),
            parseResult.GetValue(frames),
            parseResult.GetValue(seed),
            parseResult.GetValue(codeId),
            parseResult.GetValue(maxIterations),
            parseResult.GetValue(json)));
        ldpc.Subcommands.Add(bench);
        root.Subcommands.Add(ldpc);
    }

    private static int RunLdpcBench(double qber, int frames, ulong seed, int? codeId, int maxIterations, bool json)
    {
        if (!(qber > 0 && qber < 0.5))
        {
            throw new UserErrorException($"--qber must be in (0, 0.5), got {qber.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (frames < 1)
        {
            throw new UserErrorException("--frames must be at least 1.");
        }

        if (maxIterations < 1)
        {
            throw new UserErrorException("--max-iterations must be at least 1.");
        }

        long buildStart = Stopwatch.GetTimestamp();
        LdpcCode code;
        try
        {
            code = codeId is int id ? LdpcCodeBook.Default.GetById(id) : LdpcCodeBook.Default.SelectForQber(qber);
        }
        catch (KeyNotFoundException error)
        {
            throw new UserErrorException(error.Message);
        }

        double buildSeconds = Stopwatch.GetElapsedTime(buildStart).TotalSeconds;
        // Progress goes to stderr in every mode, --json included: a run of many frames takes minutes, and stdout stays the result.
        var progress = new StderrProgress("ldpc bench: frame", frames);
        LdpcSimulationResult result = LdpcSimulation.Run(code, qber, frames, seed, maxIterations, progress.Report);

        if (json)
        {
            CliJson.Write(new
            {
                code_id = result.CodeId,
                block_length = result.BlockLength,
                syndrome_length = result.SyndromeLength,
                qber = result.Qber,
                efficiency = result.Efficiency,
                frames = result.Frames,
                failed_frames = result.FailedFrames,
                frame_error_rate = result.FrameErrorRate,
                undetected_error_frames = result.UndetectedErrorFrames,
                mean_iterations = result.MeanIterations,
                decode_seconds = result.DecodeSeconds,
                throughput_mbit_per_s = result.ThroughputMbitPerSecond,
                code_build_seconds = buildSeconds,
                seed,
            });
        }
        else
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                code {result.CodeId}: n={result.BlockLength} m={result.SyndromeLength} (built in {buildSeconds:F2} s)
                QBER {result.Qber:P2}  efficiency f = {result.Efficiency:F3}
                frames {result.Frames}  failed {result.FailedFrames}  FER {result.FrameErrorRate:P2}  undetected {result.UndetectedErrorFrames}
                mean iterations {result.MeanIterations:F1}  decoder {result.ThroughputMbitPerSecond:F2} Mbit/s (wall time of Decode only)
                """));
        }

        return result.UndetectedErrorFrames == 0 ? ExitCodes.Ok : ExitCodes.Failure;
    }
}
