using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using JinanOnboard.Cli.Pictures;
using JinanOnboard.Config.Loading;
using JinanOnboard.Control.Pointing;
using JinanOnboard.Physics.Parameters;
using JinanOnboard.PointingBench;
using static JinanOnboard.Cli.Commands.OrbitCliSupport;

namespace JinanOnboard.Cli.Commands;

/// <summary><c>jinan apt sim</c>: both ends' pointing loops with their plants over the default pass, no key distillation (issue 16).</summary>
internal static partial class CommandCatalog
{
    static partial void AddApt(RootCommand root)
    {
        var apt = new Command("apt", "Pointing, acquisition and tracking: the four loops with their plants and disturbances.");
        var sim = new Command("sim", "Run the payload's attitude and FSM loops and the OGS's gimbal and FSM loops over the default pass; print RMS per loop, lock and arbitration events, time to fine lock and mean T_point at each end.");
        var config = new Option<string>("--config") { Description = "Physics parameter set holding the 'apt' section: jinan1 (default) or a JSON path.", DefaultValueFactory = _ => "jinan1" };
        var seconds = new Option<double>("--seconds") { Description = "Simulated seconds of the default 60 deg pass, centred on culmination (default 300).", DefaultValueFactory = _ => 300 };
        var seed = new Option<ulong>("--seed") { Description = "Run seed of every random stream (default 1).", DefaultValueFactory = _ => 1 };
        var cloud = new Option<string[]>("--cloud") { Description = "Cloud over the OGS as START_S:DURATION_S (repeatable): both beacons blocked, false targets in the capture camera.", AllowMultipleArgumentsPerToken = false };
        var dark = new Option<bool>("--beacons-off") { Description = "Both beacons dark: shows a loop that never locks, and why." };
        var drivers = new Option<bool>("--drivers") { Description = "Command both fast steering mirrors through the PI E-727 driver (GCS 2.0) to simulated controllers instead of the plant models directly." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var plot = new Option<string?>("--plot") { Description = "Also write a PNG: both ends' fine and coarse errors and T_point over the pass (10 ms means), lock events marked." };
        foreach (Option o in new Option[] { config, seconds, seed, cloud, dark, drivers, json, plot })
        {
            sim.Options.Add(o);
        }

        sim.SetAction(parse => Run(() => RunAptSim(parse.GetValue(config)!, parse.GetValue(seconds), parse.GetValue(seed), parse.GetValue(cloud) ?? [], parse.GetValue(dark), parse.GetValue(drivers), parse.GetValue(json), parse.GetValue(plot))));
        apt.Subcommands.Add(sim);
        root.Subcommands.Add(apt);
    }

    private static int RunAptSim(string config, double seconds, ulong seed, string[] clouds, bool beaconsOff, bool drivers, bool json, string? plotPath)
    {
        Positive(seconds, "--seconds", 3600);
        PhysicsParameterSet set = LoadConfig(config);
        var options = new AptSimulationOptions { Seconds = seconds, Seed = seed, Clouds = [.. clouds.Select(ParseCloud)], BeaconsLit = !beaconsOff, Drivers = drivers };
        if (plotPath is not null)
        {
            // A picture that cannot be written is known before a long run, not after it.
            PrepareAptPlotDirectory(plotPath);
        }

        AptReport report;
        AptTrace? trace = null;
        try
        {
            var simulation = new AptSimulation(set, options);
            if (plotPath is not null)
            {
                trace = AptTrace.ForPass(seconds, AptSimulation.LockstepS, simulation.Settings.PayloadDivergenceHalfAngleUrad, simulation.Settings.OgsFieldOfViewHalfAngleUrad);
                simulation.Sampled = trace.Record;
            }

            report = simulation.Run();
        }
        catch (ParameterSetException ex)
        {
            throw new UserErrorException(ex.Message);
        }
        catch (ConfigurationException ex)
        {
            // The pass is the run configuration's default with --seconds as its duration: name the option the user gave.
            throw new UserErrorException(ex.Message.Replace("pass.duration_s", "--seconds", StringComparison.Ordinal));
        }

        if (json)
        {
            // Event kinds as snake_case words, like every other enumerated value in the CLI's JSON.
            CliJson.Write(new
            {
                report.PassSeconds,
                report.Seed,
                report.Loops,
                report.Ends,
                Events = report.Events.Select(e => new { e.TimeS, e.End, Kind = JsonNamingPolicy.SnakeCaseLower.ConvertName(e.Kind.ToString()), e.Detail }),
            });
        }
        else
        {
            PrintAptReport(report);
        }

        if (trace is not null)
        {
            trace.Complete();
            string written = SaveAptPlot(trace, report, plotPath!);

            // stdout stays one JSON document under --json: the path goes to stderr there.
            (json ? Console.Error : Console.Out).WriteLine($"wrote {written}");
        }

        return report.Ends.All(e => e.FailureReason is null) ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static void PrepareAptPlotDirectory(string path)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UserErrorException($"--plot {path}: cannot create its directory: {ex.Message}");
        }
    }

    private static string SaveAptPlot(AptTrace trace, AptReport report, string path)
    {
        try
        {
            return AptSimPicture.Save(trace, report, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"--plot: {ex.Message}");
        }
    }

    private static TimeWindow ParseCloud(string text)
    {
        string[] parts = text.Split(':');
        return parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double start) && start >= 0
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double duration) && duration > 0
            ? new TimeWindow(start, duration)
            : throw new UserErrorException($"--cloud '{text}' must be START_S:DURATION_S, e.g. 100:10");
    }

    private static void PrintAptReport(AptReport report)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"APT simulation: {report.PassSeconds} s of the default pass, seed {report.Seed} (RMS: radial, after fine lock)"));
        Console.WriteLine("loop               rate Hz   RMS µrad   x µrad   y µrad   peak µrad   samples   clamped   dropouts");
        foreach (AptLoopReport l in report.Loops)
        {
            Console.WriteLine(string.Create(c, $"{l.Name,-18} {l.RateHz,7}   {l.RmsUrad,8:F2}   {l.RmsXUrad,6:F2}   {l.RmsYUrad,6:F2}   {l.PeakUrad,9:F1}   {l.Samples,7}   {l.ClampedCommands,7}   {l.Dropouts,8}"));
        }

        foreach (AptEndReport e in report.Ends)
        {
            string locked = double.IsNaN(e.TimeToFineLockS) ? "no fine lock" : string.Create(c, $"fine lock after {e.TimeToFineLockS:F2} s");
            Console.WriteLine(string.Create(c, $"{e.End}: state {e.FinalState}, {locked}, mean T_point {e.MeanPointingTransmittance:F4} (θd {e.PointingHalfAngleUrad} µrad), source switches {e.SourceSwitches}, locks acquired {e.LockAcquired}, lost {e.LockLost}"));
            Console.WriteLine($"  frames rejected: {string.Join(", ", e.FramesRejected.Select(kv => $"{kv.Key} {kv.Value}"))}");
            if (e.FailureReason is not null)
            {
                Console.WriteLine($"  NOT LOCKED: {e.FailureReason}");
            }
        }

        Console.WriteLine($"events ({report.Events.Count}):");
        foreach (AptEvent ev in report.Events.Take(40))
        {
            Console.WriteLine(string.Create(c, $"  {ev.TimeS,8:F3} s  {ev.End,-7}  {ev.Kind,-17}  {ev.Detail}"));
        }

        if (report.Events.Count > 40)
        {
            Console.WriteLine($"  ... {report.Events.Count - 40} more (--json lists all)");
        }
    }
}
