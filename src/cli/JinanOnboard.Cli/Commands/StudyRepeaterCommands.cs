using System.CommandLine;
using System.Diagnostics;
using JinanOnboard.Cli.Pictures;
using JinanOnboard.Physics.Parameters;
using JinanOnboard.Studies.Repeaters;
using JinanOnboard.Studies.Repeaters.Chain;
using JinanOnboard.Studies.Repeaters.Scenarios;
using Spectre.Console;
using static JinanOnboard.Cli.Commands.OrbitCliSupport;

namespace JinanOnboard.Cli.Commands;

/// <summary><c>jinan study repeater</c> (issue 19 part 5): the satellite-repeater Monte Carlo of models.md §10.</summary>
internal static partial class CommandCatalog
{
    static partial void AddStudyRepeater(Command study)
    {
        var command = new Command("repeater", "Satellite quantum repeaters: event-driven Monte Carlo of memory chains (models.md §10) against the repeaterless PLOB bound.");
        var scenario = new Option<string>("--scenario") { Description = "Scenario: a (regional, two satellites), b (intercontinental, six satellites) or both.", DefaultValueFactory = _ => "both" };
        var events = new Option<double>("--events") { Description = "Events to simulate per run (each scenario, each sweep point).", DefaultValueFactory = _ => 1e6 };
        var seed = new Option<ulong>("--seed") { Description = "Run seed (streams repeater.trials and repeater.swaps).", DefaultValueFactory = _ => 1 };
        var sweep = new Option<string>("--sweep") { Description = "Sweep memory coherence time (cutoff off) or cutoff (configured coherence): none, coherence or cutoff. --out without --sweep sweeps coherence.", DefaultValueFactory = _ => "none" };
        var coherence = new Option<double?>("--coherence-s") { Description = "Memory coherence time T2 in seconds (default: the configuration's)." };
        var cutoff = new Option<double?>("--cutoff-s") { Description = "Storage cutoff in seconds (default: the configuration's)." };
        var noCutoff = new Option<bool>("--no-cutoff") { Description = "Keep qubits however old." };
        var config = new Option<string?>("--config") { Description = $"Study configuration (default {RepeaterStudyConfig.DefaultRelativePath} of the repository)." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Write repeater.json and repeater.png (key rate vs the swept value, with direct transmission) here." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables." };
        foreach (Option o in new Option[] { scenario, events, seed, sweep, coherence, cutoff, noCutoff, config, output, json })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse => Run(() => RunStudyRepeater(new RepeaterRequest(
            parse.GetValue(scenario) ?? "both", parse.GetValue(events), parse.GetValue(seed), parse.GetValue(sweep) ?? "none",
            parse.GetValue(coherence), parse.GetValue(cutoff), parse.GetValue(noCutoff), parse.GetValue(config), parse.GetValue(output), parse.GetValue(json)))));
        study.Subcommands.Add(command);
    }

    private static int RunStudyRepeater(RepeaterRequest request)
    {
        RepeaterPlan plan = RepeaterCli.Plan(request);
        var rows = new List<RepeaterScenarioRow>();
        foreach (ScenarioChain scenario in plan.Chains)
        {
            rows.Add(RepeaterCli.RunScenario(scenario, scenario.Chain, plan.Seed, plan.Events));
        }

        List<RepeaterSweepRow> sweepRows = [];
        if (plan.Sweep != "none")
        {
            foreach (ScenarioChain scenario in plan.Chains)
            {
                IReadOnlyList<double> values = plan.Sweep == "coherence" ? plan.Config.CoherenceSweepS : plan.Config.CutoffSweepS;
                foreach (double value in values)
                {
                    RepeaterChain chain = plan.Sweep == "coherence" ? RepeaterStudy.WithCoherence(scenario.Chain, value) : RepeaterStudy.WithCutoff(scenario.Chain, value);
                    RepeaterScenarioRow point = RepeaterCli.RunScenario(scenario, chain, plan.Seed, plan.Events);
                    sweepRows.Add(new RepeaterSweepRow(scenario.Scenario.Name, value, point.PairRatePerS, point.ErrorX, point.ErrorZ, point.KeyRateBitsPerS, point.DirectBitsPerS, point.CutoffDiscards, point.EventsPerS));
                }
            }
        }

        var report = new RepeaterReport(
            plan.ConfigPath, plan.Seed, plan.Events, RepeaterCli.SettingsOf(plan.Settings), RepeaterCli.Assumptions, plan.Sweep, rows, sweepRows);
        string? picture = null;
        if (request.Output is not null)
        {
            string jsonPath = Path.Combine(request.Output.FullName, "repeater.json");
            try
            {
                Directory.CreateDirectory(request.Output.FullName);
                using var writer = new StreamWriter(jsonPath);
                CliJson.Write(report, writer);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UserErrorException($"cannot write {jsonPath}: {e.Message}", ExitCodes.Failure);
            }

            try
            {
                picture = RepeaterPicture.Save(report, Path.Combine(request.Output.FullName, "repeater.png"));
            }
            catch (IOException e)
            {
                throw new UserErrorException(e.Message, ExitCodes.Failure);
            }
        }

        if (request.Json)
        {
            CliJson.Write(report);
            return ExitCodes.Ok;
        }

        RepeaterCli.PrintTables(report);
        if (request.Output is not null)
        {
            AnsiConsole.MarkupLine($"wrote [bold]{Markup.Escape(Path.Combine(request.Output.FullName, "repeater.json"))}[/] and [bold]{Markup.Escape(picture ?? string.Empty)}[/]");
        }

        return ExitCodes.Ok;
    }
}

/// <summary>The verb's inputs as given on the command line.</summary>
internal sealed record RepeaterRequest(
    string Scenario, double Events, ulong Seed, string Sweep, double? CoherenceS, double? CutoffS, bool NoCutoff, string? ConfigPath, DirectoryInfo? Output, bool Json);

/// <summary>The inputs checked and resolved: the configuration, the settings in force and the scenarios' chains.</summary>
internal sealed record RepeaterPlan(string ConfigPath, RepeaterStudyConfig Config, RepeaterSettings Settings, IReadOnlyList<ScenarioChain> Chains, ulong Seed, long Events, string Sweep);

/// <summary>Parsing, running and printing for <c>jinan study repeater</c>.</summary>
internal static class RepeaterCli
{
    public static readonly IReadOnlyList<string> Assumptions =
    [
        "models.md and parameters.md define no repeater scenario: every memory, source, swap and geometry value is assumed (configs/studies/repeater.json, one _note each)",
        "link losses come from the project's link budgets (models.md §2 with micius-downlink, §4 with ring-constellation) without their detector term, a memory receiving instead",
        "end nodes measure as soon as the end-to-end pair exists; nodes swap as soon as they know both pairs exist",
        "direct transmission: PLOB bound -log2(1 - eta) for the route's end-to-end channel loss, at the repeater's fastest link's mode rate M/tau",
    ];

    public static RepeaterPlan Plan(RepeaterRequest request)
    {
        if (!double.IsFinite(request.Events) || request.Events < 1 || request.Events > MaxEvents || request.Events != Math.Floor(request.Events))
        {
            throw new UserErrorException($"--events {F(request.Events, "G")} must be a whole number in [1, 1e9]");
        }

        string sweep = request.Sweep.ToLowerInvariant();
        if (sweep is not ("none" or "coherence" or "cutoff"))
        {
            throw new UserErrorException($"--sweep '{request.Sweep}' must be none, coherence or cutoff");
        }

        if (sweep == "none" && request.Output is not null)
        {
            sweep = "coherence"; // the picture needs a sweep
        }

        string scenarioName = request.Scenario.ToLowerInvariant();
        if (scenarioName is not ("a" or "b" or "both"))
        {
            throw new UserErrorException($"--scenario '{request.Scenario}' must be a, b or both");
        }

        if (request.CoherenceS is double t2 && !(t2 > 0 && double.IsFinite(t2)))
        {
            throw new UserErrorException($"--coherence-s {F(t2, "G")} must be a positive number of seconds");
        }

        if (request.CutoffS is double cut && !(cut > 0 && double.IsFinite(cut)))
        {
            throw new UserErrorException($"--cutoff-s {F(cut, "G")} must be a positive number of seconds (use --no-cutoff to keep qubits however old)");
        }

        if (request.NoCutoff && request.CutoffS is not null)
        {
            throw new UserErrorException("--cutoff-s and --no-cutoff contradict each other");
        }

        (string path, RepeaterStudyConfig config) = LoadStudyConfig(request.ConfigPath);
        RepeaterSettings settings = config.Settings with
        {
            CoherenceTimeS = request.CoherenceS ?? config.Settings.CoherenceTimeS,
            CutoffS = request.NoCutoff ? double.PositiveInfinity : request.CutoffS ?? config.Settings.CutoffS,
        };
        PhysicsParameterSet downlink = LoadConfig(config.DownlinkParameterSet);
        PhysicsParameterSet isl = LoadConfig(config.IslParameterSet);
        var chains = new List<ScenarioChain>();
        foreach (RepeaterScenario scenario in config.Scenarios.Where(s => scenarioName == "both" || s.Name == scenarioName))
        {
            try
            {
                chains.Add(RepeaterStudy.Build(config, scenario, downlink, isl, settings));
            }
            catch (ArgumentException e)
            {
                throw new UserErrorException($"{path}: {e.Message.Split(" (Parameter")[0]}");
            }
        }

        if (chains.Count == 0)
        {
            throw new UserErrorException($"{path} has no scenario '{scenarioName}'");
        }

        return new RepeaterPlan(path, config, settings, chains, request.Seed, (long)request.Events, sweep);
    }

    private const double MaxEvents = 1e9;

    private static (string Path, RepeaterStudyConfig Config) LoadStudyConfig(string? given)
    {
        string? path = given;
        if (path is null)
        {
            string? root = PhysicsParameterSet.FindRepositoryRoot(Directory.GetCurrentDirectory()) ?? PhysicsParameterSet.FindRepositoryRoot(AppContext.BaseDirectory);
            path = root is null ? RepeaterStudyConfig.DefaultRelativePath : Path.Combine(root, RepeaterStudyConfig.DefaultRelativePath);
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UserErrorException($"cannot read repeater configuration '{path}': {e.Message}");
        }

        try
        {
            return (path, RepeaterStudyConfig.Parse(text, path));
        }
        catch (FormatException e)
        {
            throw new UserErrorException(e.Message);
        }
    }

    /// <summary>One timed run: the outcome with the measured events per second of wall time.</summary>
    public static RepeaterScenarioRow RunScenario(ScenarioChain scenario, RepeaterChain chain, ulong seed, long events)
    {
        var watch = Stopwatch.StartNew();
        RepeaterOutcome outcome = RepeaterStudy.Run(chain, seed, events);
        watch.Stop();
        Studies.Repeaters.Simulation.RepeaterRunResult run = outcome.Run;
        var hops = new List<RepeaterHopRow>();
        for (int i = 0; i < scenario.Hops.Count; i++)
        {
            ChainHop hop = scenario.Hops[i];
            RepeaterLink link = chain.Links[i];
            hops.Add(new RepeaterHopRow(
                hop.Name, hop.IsInterSatellite ? "inter-satellite" : "downlink", hop.RangeKm, double.IsNaN(hop.ElevationDeg) ? null : hop.ElevationDeg,
                link.ChannelLossDb, chain.CycleS(i), chain.PerCycleSuccess(i), link.EmitterIsLeft ? hop.FromNode : hop.ToNode));
        }

        return new RepeaterScenarioRow(
            scenario.Scenario.Name, scenario.Scenario.Description, hops, SettingsOf(chain.Settings),
            run.Events, run.SimulatedS, run.DeliveredPairs, run.PairRatePerS, NullIfNaN(run.ErrorX), NullIfNaN(run.ErrorZ),
            NullIfNaN(outcome.SecretFraction), outcome.KeyRateBitsPerS, outcome.EndToEndLossDb, outcome.ChannelUsesPerS, outcome.DirectBitsPerUse, outcome.DirectBitsPerS,
            run.SwapAttempts, run.SwapFailures, run.CutoffDiscards, run.StaleEvents, run.MaxAgeAtUseS, run.MeanAgeAtUseS,
            watch.Elapsed.TotalSeconds, run.Events / watch.Elapsed.TotalSeconds);
    }

    public static RepeaterSettingsRow SettingsOf(RepeaterSettings s) =>
        new(s.CoherenceTimeS, double.IsPositiveInfinity(s.CutoffS) ? null : s.CutoffS, s.MemoryEfficiency, s.Modes, s.ModeRateHz, s.SwapSuccessProbability, s.ErrorCorrectionInefficiency);

    public static void PrintTables(RepeaterReport report)
    {
        RepeaterSettingsRow s = report.Settings;
        AnsiConsole.MarkupLine(Markup.Escape(
            $"Satellite repeaters (models.md §10), seed {report.Seed}, {report.EventsPerRun:N0} events per run; T2 {F(s.CoherenceTimeS, "G4")} s, cutoff {(s.CutoffS is double c ? F(c, "G4") + " s" : "none")}, " +
            $"memory efficiency {F(s.MemoryEfficiency, "G3")}, {s.Modes} modes per cycle, swap success {F(s.SwapSuccessProbability, "G3")} (all assumed: {report.ConfigPath})"));
        foreach (RepeaterScenarioRow row in report.Scenarios)
        {
            var hops = new Table().AddColumns("hop", "kind", "range (km)", "elevation (deg)", "channel loss (dB)", "cycle (ms)", "P(cycle succeeds)", "source at");
            foreach (RepeaterHopRow h in row.Hops)
            {
                hops.AddRow(h.Name, h.Kind, F(h.RangeKm, "F0"), h.ElevationDeg is double e ? F(e, "F1") : "-", F(h.ChannelLossDb, "F2"), F(h.CycleS * 1e3, "F3"), F(h.CycleSuccessProbability, "F4"), h.SourceAt);
            }

            hops.Title = new TableTitle(Markup.Escape($"scenario {row.Scenario}: {row.Description}"));
            AnsiConsole.Write(hops);
        }

        var table = new Table().AddColumns("scenario", "r (pairs/s)", "e_X", "e_Z", "key rate LB (bit/s)", "direct PLOB (bit/s)", "events/s");
        foreach (RepeaterScenarioRow r in report.Scenarios)
        {
            table.AddRow(r.Scenario, F(r.PairRatePerS, "G4"), Opt(r.ErrorX), Opt(r.ErrorZ), F(r.KeyRateBitsPerS, "G4"), F(r.DirectBitsPerS, "G3"), F(r.EventsPerS, "E2"));
        }

        AnsiConsole.Write(table);
        foreach (RepeaterScenarioRow r in report.Scenarios)
        {
            AnsiConsole.MarkupLine(Markup.Escape(
                $"scenario {r.Scenario}: {r.DeliveredPairs:N0} pairs in {F(r.SimulatedS, "G4")} simulated s, {r.CutoffDiscards:N0} cutoff discards, {r.SwapFailures:N0} of {r.SwapAttempts:N0} swaps failed; " +
                $"end-to-end loss {F(r.EndToEndLossDb, "F1")} dB, direct at {F(r.DirectChannelUsesPerS, "G4")} uses/s x {F(r.DirectBitsPerUse, "G3")} bit/use; {F(r.WallS, "F3")} s wall"));
        }

        if (report.SweepPoints.Count > 0)
        {
            var sweep = new Table().AddColumns("scenario", report.Sweep == "coherence" ? "T2 (s), no cutoff" : "cutoff (s)", "r (pairs/s)", "e_X", "e_Z", "key LB (bit/s)", "discards", "events/s");
            foreach (RepeaterSweepRow p in report.SweepPoints)
            {
                sweep.AddRow(p.Scenario, F(p.ValueS, "G4"), F(p.PairRatePerS, "G4"), Opt(p.ErrorX), Opt(p.ErrorZ), F(p.KeyRateBitsPerS, "G4"), p.CutoffDiscards.ToString(System.Globalization.CultureInfo.InvariantCulture), F(p.EventsPerS, "E2"));
            }

            AnsiConsole.Write(sweep);
        }
    }

    private static string Opt(double? v) => v is double x ? F(x, "F5") : "-";

    private static double? NullIfNaN(double v) => double.IsNaN(v) ? null : v;
}

internal sealed record RepeaterSettingsRow(double CoherenceTimeS, double? CutoffS, double MemoryEfficiency, int Modes, double ModeRateHz, double SwapSuccessProbability, double ErrorCorrectionInefficiency);

internal sealed record RepeaterHopRow(string Name, string Kind, double RangeKm, double? ElevationDeg, double ChannelLossDb, double CycleS, double CycleSuccessProbability, string SourceAt);

internal sealed record RepeaterScenarioRow(
    string Scenario, string Description, IReadOnlyList<RepeaterHopRow> Hops, RepeaterSettingsRow Settings,
    long Events, double SimulatedS, long DeliveredPairs, double PairRatePerS, double? ErrorX, double? ErrorZ,
    double? SecretFraction, double KeyRateBitsPerS, double EndToEndLossDb, double DirectChannelUsesPerS, double DirectBitsPerUse, double DirectBitsPerS,
    long SwapAttempts, long SwapFailures, long CutoffDiscards, long StaleEvents, double MaxAgeAtUseS, double MeanAgeAtUseS,
    double WallS, double EventsPerS);

internal sealed record RepeaterSweepRow(string Scenario, double ValueS, double PairRatePerS, double? ErrorX, double? ErrorZ, double KeyRateBitsPerS, double DirectBitsPerS, long CutoffDiscards, double EventsPerS);

internal sealed record RepeaterReport(
    string ConfigPath, ulong Seed, long EventsPerRun, RepeaterSettingsRow Settings, IReadOnlyList<string> Assumptions, string Sweep,
    IReadOnlyList<RepeaterScenarioRow> Scenarios, IReadOnlyList<RepeaterSweepRow> SweepPoints);
