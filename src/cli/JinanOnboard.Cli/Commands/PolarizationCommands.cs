using System.CommandLine;
using JinanOnboard.Config.Loading;
using JinanOnboard.Config.Model;
using JinanOnboard.Physics.Parameters;
using JinanOnboard.Physics.Timeline;
using JinanOnboard.Polarization;
using JinanOnboard.Polarization.Errors;
using JinanOnboard.Polarization.Geometry;
using JinanOnboard.PolarizationBench;
using JinanOnboard.Runtime.Plan;
using static JinanOnboard.Cli.Commands.OrbitCliSupport;

namespace JinanOnboard.Cli.Commands;

/// <summary>
/// <c>jinan pol calibrate</c> (issue 16): the payload's QWP–HWP–QWP compensator calibrated over the simulated optical
/// bench from decoder counts only, at the start of the configuration's pass, then the polarization QBER over the rest
/// of the pass with the OGS HWP following the geometry, frozen, and with every compensation off.
/// </summary>
internal static partial class CommandCatalog
{
    static partial void AddPolarization(RootCommand root)
    {
        var pol = new Command("pol", "Polarization compensation: the payload's compensator and the OGS half-wave plate.");
        var calibrate = new Command("calibrate", "Calibrate the compensator from reference-state counts on the simulated bench and report the contrast reached and the QBER over the pass.");
        var config = new Option<string>("--config") { Description = "Run configuration file or named set (configs/NAME.json): its physics set, pass and seed.", DefaultValueFactory = _ => ConfigurationLoader.DefaultName };
        var seed = new Option<ulong?>("--seed") { Description = "Run seed (the fibre and the decoder's counts); default: the configuration's." };
        var runs = new Option<int>("--runs") { Description = "Calibrate this many seeds (--seed, --seed + 1, ...) and print the contrast reached over them (mean, min) and the iterations.", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables." };
        foreach (Option o in new Option[] { config, seed, runs, json })
        {
            calibrate.Options.Add(o);
        }

        calibrate.SetAction(parse => Run(() => RunPolCalibrate(parse.GetValue(config), parse.GetValue(seed), parse.GetValue(runs), parse.GetValue(json))));
        pol.Subcommands.Add(calibrate);
        root.Subcommands.Add(pol);
    }

    private static int RunPolCalibrate(string? configName, ulong? seedOverride, int runs, bool json)
    {
        if (runs is < 1 or > 100_000)
        {
            throw new UserErrorException($"--runs {runs} must be in [1, 100000]");
        }

        // Everything is read and checked before the bench starts: a bad value is one line naming the key.
        FirmwareConfiguration configuration = LoadConfiguration(configName);
        PhysicsParameterSet physics = LoadConfig(configuration.Physics);
        PolarizationSettings settings;
        PassTimeline timeline;
        try
        {
            settings = PolarizationSettings.From(physics);
            timeline = PassGeometry.Build(configuration.Pass, physics);
        }
        catch (Exception ex) when (ex is ParameterSetException or ConfigurationException)
        {
            throw new UserErrorException(ex.Message);
        }

        ulong seed = seedOverride ?? configuration.Seed;
        PassFrameRotationTable table = PassFrameRotationTable.Build(timeline, settings.OgsHalfWaveOffsetDegrees);
        if (runs > 1)
        {
            return RunPolCalibrateMany(configuration, physics, settings, table, seed, runs, json);
        }

        (BenchCalibrationResult result, IReadOnlyList<CompensationScenario> scenarios) = CalibrateOnBench(settings, table, seed);
        var hwp = Enumerable.Range(0, table.Count).Select(t => table.HalfWaveDegreesAt(t)).ToList();
        double fastest = Enumerable.Range(1, table.Count - 1).Max(t => Math.Abs(hwp[t] - hwp[t - 1]));

        if (json)
        {
            CliJson.Write(new
            {
                configuration = configuration.Name,
                physics = physics.Name,
                seed,
                succeeded = result.Outcome.Succeeded,
                reason = result.Outcome.Reason,
                angles_deg = new
                {
                    first_qwp = result.Outcome.Angles.FirstQuarterWaveDegrees,
                    hwp = result.Outcome.Angles.HalfWaveDegrees,
                    second_qwp = result.Outcome.Angles.SecondQuarterWaveDegrees,
                },
                iterations = result.Outcome.Iterations,
                calibration_pass_s = new[] { result.StartPassSeconds, result.EndPassSeconds },
                rounds = result.Rounds.Select(r => new
                {
                    index = r.Round.Index,
                    purpose = r.Round.Purpose.ToString().ToLowerInvariant(),
                    iteration = r.Round.Iteration,
                    angles_deg = new[] { r.Round.Angles.FirstQuarterWaveDegrees, r.Round.Angles.HalfWaveDegrees, r.Round.Angles.SecondQuarterWaveDegrees },
                    measured_contrast_db = ContrastPair(r.Round.Estimate.MeasuredErrors),
                    channel_contrast_db = ContrastPair(r.Round.Estimate.ChannelErrors),
                    true_channel_contrast_db = ContrastPair(r.TrueChannelErrors),
                    visibility = r.Round.Estimate.Visibility,
                }),
                true_channel_contrast_db = ContrastPair(result.TrueChannelErrors),
                source_contrast_db = settings.SourceContrastDb,
                ogs_hwp_deg = new { min = hwp.Min(), max = hwp.Max(), start = hwp[0], end = hwp[^1], fastest_deg_per_s = fastest },
                polarization_qber = scenarios.ToDictionary(
                    s => s.Name,
                    s => new { z = new { s.ZErrorProbability.Min, s.ZErrorProbability.Mean, s.ZErrorProbability.Max }, x = new { s.XErrorProbability.Min, s.XErrorProbability.Mean, s.XErrorProbability.Max } }),
            });
        }
        else
        {
            PrintCalibration(configuration, physics, seed, result, settings);
            Console.WriteLine($"OGS HWP over the pass (frame rotation / 2 + {F(settings.OgsHalfWaveOffsetDegrees, "F1")}°): {F(hwp.Min(), "F2")}° .. {F(hwp.Max(), "F2")}° (start {F(hwp[0], "F2")}°, end {F(hwp[^1], "F2")}°), fastest {F(fastest, "F3")}°/s");
            Console.WriteLine($"polarization QBER, pass seconds {F(Math.Ceiling(result.EndPassSeconds), "F0")}..{table.Count - 1}, source floor {F(settings.SourceErrorProbability * 100, "F2")} % included (min / mean / max):");
            foreach (CompensationScenario s in scenarios)
            {
                Console.WriteLine($"  {s.Name,-15} Z {Percent(s.ZErrorProbability),-26} X {Percent(s.XErrorProbability)}");
            }
        }

        return result.Outcome.Succeeded ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static (BenchCalibrationResult Result, IReadOnlyList<CompensationScenario> Scenarios) CalibrateOnBench(PolarizationSettings settings, PassFrameRotationTable table, ulong seed)
    {
        var rig = new PolarizationRig(settings, table, seed);
        BenchCalibrationResult result = CalibrationRun.RunAsync(rig, 0).GetAwaiter().GetResult();
        return (result, PassPolarizationReport.EvaluateAsync(rig, result.EndPassSeconds).GetAwaiter().GetResult());
    }

    /// <summary>--runs N: the calibration over N seeds, summarised (what the contrast figures of the README come from).</summary>
    private static int RunPolCalibrateMany(FirmwareConfiguration configuration, PhysicsParameterSet physics, PolarizationSettings settings, PassFrameRotationTable table, ulong firstSeed, int runs, bool json)
    {
        var results = new List<(BenchCalibrationResult Result, IReadOnlyList<CompensationScenario> Scenarios)>();
        for (int i = 0; i < runs; i++)
        {
            results.Add(CalibrateOnBench(settings, table, firstSeed + (ulong)i));
        }

        var z = results.Select(r => r.Result.TrueChannelErrors.ZContrastDb).ToList();
        var x = results.Select(r => r.Result.TrueChannelErrors.XContrastDb).ToList();
        var worst = results.Select(r => r.Result.TrueChannelErrors.MinContrastDb).ToList();
        var iterations = results.Select(r => r.Result.Outcome.Iterations).ToList();
        var rounds = results.Select(r => r.Result.Rounds.Count).ToList();
        int succeeded = results.Count(r => r.Result.Outcome.Succeeded);
        double qberMax = results.Max(r => r.Scenarios.Where(s => s.Name == "compensated").Max(s => Math.Max(s.ZErrorProbability.Max, s.XErrorProbability.Max)));
        double offMean = results.Average(r => r.Scenarios.Where(s => s.Name == "off").Average(s => (s.ZErrorProbability.Mean + s.XErrorProbability.Mean) / 2));
        if (json)
        {
            CliJson.Write(new
            {
                configuration = configuration.Name,
                physics = physics.Name,
                first_seed = firstSeed,
                runs,
                succeeded,
                true_channel_contrast_db = new
                {
                    z = new { mean = z.Average(), min = z.Min() },
                    x = new { mean = x.Average(), min = x.Min() },
                    worst_basis = new { mean = worst.Average(), min = worst.Min() },
                },
                iterations = new { mean = iterations.Average(), max = iterations.Max() },
                rounds = new { mean = rounds.Average(), max = rounds.Max() },
                compensated_qber_max = qberMax,
                uncompensated_qber_mean = offMean,
            });
        }
        else
        {
            Console.WriteLine($"pol calibrate: {configuration.Name}, physics {physics.Name}, seeds {firstSeed}..{firstSeed + (ulong)runs - 1}: {succeeded} of {runs} succeeded");
            Console.WriteLine($"true channel contrast (bench truth, source floor excluded): Z mean {F(z.Average(), "F1")} dB min {F(z.Min(), "F1")} dB; X mean {F(x.Average(), "F1")} dB min {F(x.Min(), "F1")} dB; worse basis min {F(worst.Min(), "F1")} dB");
            Console.WriteLine($"iterations mean {F(iterations.Average(), "F2")} max {iterations.Max()}; measured rounds mean {F(rounds.Average(), "F2")} max {rounds.Max()}");
            Console.WriteLine($"polarization QBER over the pass (source floor included): compensated max {F(qberMax * 100, "F2")} %, uncompensated mean {F(offMean * 100, "F1")} %");
        }

        return succeeded == runs ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static void PrintCalibration(FirmwareConfiguration configuration, PhysicsParameterSet physics, ulong seed, BenchCalibrationResult result, PolarizationSettings settings)
    {
        Console.WriteLine($"pol calibrate: {configuration.Name}, physics {physics.Name}, seed {seed}, {F(settings.CalibrationDetectionsPerState, "F0")} detections per reference state, source contrast {F(settings.SourceContrastDb, "F1")} dB");
        Console.WriteLine("contrast Z / X in dB: measured from counts | source floor removed | bench truth of the channel");
        Console.WriteLine("round  purpose  iter    QWP1°    HWP°   QWP2°   measured      floor removed  true channel");
        foreach (BenchRound r in result.Rounds)
        {
            Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{r.Round.Index,5}  {r.Round.Purpose.ToString().ToLowerInvariant(),-7}  {r.Round.Iteration,4}  {r.Round.Angles.FirstQuarterWaveDegrees,7:F2} {r.Round.Angles.HalfWaveDegrees,7:F2} {r.Round.Angles.SecondQuarterWaveDegrees,7:F2}   {Pair(r.Round.Estimate.MeasuredErrors),-12}  {Pair(r.Round.Estimate.ChannelErrors),-13}  {Pair(r.TrueChannelErrors)}"));
        }

        Console.WriteLine($"{(result.Outcome.Succeeded ? "done" : "FAILED")} after {result.Outcome.Iterations} iterations ({result.Rounds.Count} rounds, pass seconds {F(result.StartPassSeconds, "F0")}..{F(result.EndPassSeconds, "F0")}): {result.Outcome.Reason}");
        Console.WriteLine($"angles set: {result.Outcome.Angles}");
        Console.WriteLine($"true channel contrast with them: Z {F(result.TrueChannelErrors.ZContrastDb, "F1")} dB, X {F(result.TrueChannelErrors.XContrastDb, "F1")} dB "
            + $"(e_Z {F(result.TrueChannelErrors.ZErrorProbability * 100, "F3")} %, e_X {F(result.TrueChannelErrors.XErrorProbability * 100, "F3")} %; source floor excluded)");
    }

    private static double[] ContrastPair(BasisErrors e) => [e.ZContrastDb, e.XContrastDb];

    private static string Pair(BasisErrors e) => $"{F(e.ZContrastDb, "F1")} / {F(e.XContrastDb, "F1")}";

    private static string Percent(PassRange r) => $"{F(r.Min * 100, "F2")} / {F(r.Mean * 100, "F2")} / {F(r.Max * 100, "F2")} %";
}
