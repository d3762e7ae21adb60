using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using JinanOnboard.Cli.Pictures;
using JinanOnboard.Orbit.Ephemeris;
using JinanOnboard.Orbit.TwoLineElements;
using JinanOnboard.Physics.KeyRates;
using JinanOnboard.Physics.Parameters;
using JinanOnboard.Studies.Scheduling.Cities;
using JinanOnboard.Studies.Scheduling.Keys;
using JinanOnboard.Studies.Scheduling.Strategies;
using JinanOnboard.Studies.Scheduling.Study;
using JinanOnboard.Studies.Scheduling.Weather;
using Spectre.Console;
using static JinanOnboard.Cli.Commands.OrbitCliSupport;
using static JinanOnboard.Cli.Commands.PlanCliSupport;

namespace JinanOnboard.Cli.Commands;

/// <summary><c>jinan plan schedule</c>: multi-city key scheduling over a week of a real orbit (issue 19 part 1, models.md §8-§9).</summary>
internal static partial class CommandCatalog
{
    static partial void AddPlanSchedule(Command plan)
    {
        var schedule = new Command("schedule", "Key table K[m][n] of 10 s intervals over a window from a TLE (SGP4, darkness, 10° mask, Micius downlink budget, decoy-state key rate, seeded clouds); S-GD, S-PD solved exactly by dynamic programming and by the study's genetic algorithm; S-TD by a Lagrangian programme; XOR-relay pair keys.");
        var tle = new Option<FileInfo?>("--tle") { Description = $"TLE file (2- or 3-line); the set nearest the window start is used (default {DefaultTlePath}, Micius 2024-01-16)." };
        var start = new Option<string>("--start") { Description = $"Window start, ISO 8601 UTC (default {DefaultStart}, the shipped TLE's epoch day).", DefaultValueFactory = _ => DefaultStart };
        var days = new Option<double>("--days") { Description = "Window length in days, (0, 31] (default 7: 60,480 intervals).", DefaultValueFactory = _ => 7 };
        var cities = new Option<string>("--cities") { Description = "all (default) or a comma-separated list of the study's eleven cities, e.g. Beijing,Jinan,Hefei.", DefaultValueFactory = _ => "all" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the cloud draws and the genetic algorithm (default 1).", DefaultValueFactory = _ => 1 };
        var strategies = new Option<string>("--strategies") { Description = "Comma-separated S-GD, S-PD, S-TD (default all three).", DefaultValueFactory = _ => "S-GD,S-PD,S-TD" };
        var generations = new Option<int>("--ga-generations") { Description = "Generations of the genetic algorithm (default 1000).", DefaultValueFactory = _ => 1000 };
        var population = new Option<int>("--ga-population") { Description = "Population of the genetic algorithm (default 40).", DefaultValueFactory = _ => 40 };
        var noClouds = new Option<bool>("--no-clouds") { Description = "Clear sky every night (the cloud model off)." };
        var physics = new Option<string>("--physics") { Description = "Downlink physics set (default micius-downlink).", DefaultValueFactory = _ => "micius-downlink" };
        var outDir = new Option<DirectoryInfo?>("--out") { Description = "Write DIR/schedule.json and DIR/schedule.png." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables." };
        foreach (Option o in new Option[] { tle, start, days, cities, seed, strategies, generations, population, noClouds, physics, outDir, json })
        {
            schedule.Options.Add(o);
        }

        schedule.SetAction(parse => Run(() => RunPlanSchedule(new PlanScheduleRequest(
            parse.GetValue(tle), parse.GetValue(start)!, parse.GetValue(days), parse.GetValue(cities)!, parse.GetValue(seed),
            parse.GetValue(strategies)!, parse.GetValue(generations), parse.GetValue(population), !parse.GetValue(noClouds),
            parse.GetValue(physics)!, parse.GetValue(outDir), parse.GetValue(json)))));
        plan.Subcommands.Add(schedule);
    }

    private sealed record PlanScheduleRequest(FileInfo? Tle, string Start, double Days, string Cities, ulong Seed, string Strategies, int Generations, int Population, bool Clouds, string Physics, DirectoryInfo? Out, bool Json);

    private static int RunPlanSchedule(PlanScheduleRequest request)
    {
        ScheduleWindow window = ParseWindow(request.Start, request.Days);
        IReadOnlyList<SchedulingCity> cities = ParseCities(request.Cities);
        IReadOnlyList<string> strategies;
        try
        {
            strategies = ScheduleStudy.ParseStrategies(request.Strategies);
        }
        catch (ArgumentException ex)
        {
            throw new UserErrorException(ex.Message.Split(" (Parameter", StringSplitOptions.None)[0]);
        }

        var genetic = new GeneticOptions(Population: request.Population, Generations: request.Generations);
        try
        {
            genetic.Validate();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new UserErrorException($"--ga-{(ex.ParamName == nameof(GeneticOptions.Population) ? "population" : "generations")} {ex.ActualValue}: {ex.Message.Split(" (Parameter", StringSplitOptions.None)[0]}");
        }

        PhysicsParameterSet set = LoadConfig(request.Physics);
        if (set.Kind != LinkKind.Downlink)
        {
            throw new UserErrorException($"--physics {request.Physics} is a {set.Kind} set; the schedule needs a downlink set such as micius-downlink");
        }

        FileInfo tleFile = ResolveTle(request.Tle);
        (Tle tle, IEphemeris ephemeris) = LoadTleFor(tleFile, window.StartUtc);

        var clock = Stopwatch.StartNew();
        PassGeometry geometry = Geometry(ephemeris, window, cities, set);
        var builder = new KeyTableBuilder(set);
        KeyTableResult clear = builder.Build(geometry);
        double tableS = clock.Elapsed.TotalSeconds;
        string windowText = $"{Iso(window.StartUtc)} – {Iso(window.EndUtc)}";
        if (geometry.PerCity.All(c => c.VisibleIntervals == 0))
        {
            throw new UserErrorException($"no pass in the window {windowText}: {tle.Name ?? "the satellite"} never rises above {F(geometry.MinElevationDeg, "F0")}° over {string.Join(", ", cities.Select(c => c.Name))}", ExitCodes.Failure);
        }

        CloudCover? clouds = request.Clouds ? new CloudCover(window, cities, request.Seed) : null;
        KeyTable table = clouds?.Apply(clear.Table) ?? clear.Table;
        var report = new ScheduleReport
        {
            Tle = new TleInfo(tle.Name, tle.CatalogNumber, Iso(tle.EpochUtc), tleFile.FullName),
            Window = new WindowInfo(Iso(window.StartUtc), Iso(window.EndUtc), request.Days, window.Intervals, window.IntervalS, window.SamplesPerInterval),
            PhysicsSet = set.Name,
            Seed = request.Seed,
            KeyRate = DecoyBb84KeyRate.FromParameterSet(set).Parameters,
            PulsesPerSecond = set.Number("source.repetition_rate_hz"),
            MinElevationDeg = geometry.MinElevationDeg,
            MaxSunElevationDeg = geometry.MaxSunElevationDeg,
            Genetic = genetic,
            Assumed = Assumptions(set, request.Clouds),
            Cities = [.. cities.Select((c, n) => new CityTableInfo(c.Name, c.PopulationMillions, c.Weight,
                geometry.PerCity[n].VisibleIntervals, geometry.PerCity[n].DarkVisibleIntervals,
                double.IsFinite(clear.MinLossDbPerCity[n]) ? clear.MinLossDbPerCity[n] : null,
                clear.Table.PotentialBits(n), table.PotentialBits(n)))],
            CloudNights = clouds?.Nights.Select(n => new CloudNightInfo(n.City, n.LocalEvening.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), n.ClearProbability, n.Clear)).ToList(),
            TableSeconds = tableS,
        };

        if (Enumerable.Range(0, table.CityCount).All(n => table.PotentialBits(n) <= 0))
        {
            report.NoKeyReason = NoKeyReason(report, request.Clouds);
            WriteOutputs(request, report, table, null);
            if (!request.Json)
            {
                PrintTableSummary(report);
                Console.WriteLine($"No secure key anywhere in the window {windowText}: {report.NoKeyReason}");
            }

            return ExitCodes.Failure;
        }

        var strategyClock = Stopwatch.StartNew();
        var results = new List<StrategyComparison>();
        var timings = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string s in strategies)
        {
            strategyClock.Restart();
            results.Add(ScheduleStudy.Run(table, new ScheduleStudyOptions(request.Seed, [s], genetic)).Single());
            timings[s] = strategyClock.Elapsed.TotalSeconds;
        }

        // Time of the exact solver alone for S-GD (the DP must take < 1 s for 60,480 × 11).
        strategyClock.Restart();
        var dp = new DynamicProgramScheduler(table);
        dp.Solve([.. Enumerable.Repeat(1.0, table.CityCount)]);
        report.SgdDynamicProgramSeconds = strategyClock.Elapsed.TotalSeconds;
        report.ActiveIntervals = dp.ActiveIntervalCount;
        report.Strategies = results;
        report.StrategySeconds = timings;
        WriteOutputs(request, report, table, results);
        if (!request.Json)
        {
            PrintTableSummary(report);
            PrintStrategies(report);
        }

        return ExitCodes.Ok;
    }

    private static void WriteOutputs(PlanScheduleRequest request, ScheduleReport report, KeyTable table, IReadOnlyList<StrategyComparison>? results)
    {
        if (request.Json)
        {
            CliJson.Write(report);
        }

        if (request.Out is null)
        {
            return;
        }

        string dir = request.Out.FullName;
        try
        {
            Directory.CreateDirectory(dir);
            using (var writer = new StreamWriter(Path.Combine(dir, "schedule.json")))
            {
                CliJson.Write(report, writer);
            }

            if (results is not null)
            {
                SchedulePictures.Save(table, results, Path.Combine(dir, "schedule.png"));
            }
        }
        catch (IOException ex)
        {
            throw new UserErrorException($"cannot write to --out {dir}: {ex.Message}", ExitCodes.Failure);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new UserErrorException($"cannot write to --out {dir}: {ex.Message}", ExitCodes.Failure);
        }

        if (!request.Json)
        {
            Console.WriteLine($"wrote {Path.Combine(dir, "schedule.json")}{(results is null ? string.Empty : $" and {Path.Combine(dir, "schedule.png")}")}");
        }
    }

    private static string NoKeyReason(ScheduleReport report, bool clouds)
    {
        int visible = report.Cities.Sum(c => c.VisibleIntervals);
        int darkVisible = report.Cities.Sum(c => c.DarkVisibleIntervals);
        double clearPotential = report.Cities.Sum(c => c.ClearSkyPotentialBits);
        if (darkVisible == 0)
        {
            return $"the satellite is above the mask in {visible} intervals, but never while a city is dark (Sun below {F(report.MaxSunElevationDeg, "F0")}°)";
        }

        if (clearPotential <= 0)
        {
            double best = report.Cities.Where(c => c.MinLossDb is not null).Min(c => c.MinLossDb!.Value);
            return $"{darkVisible} dark intervals above the mask, but the lowest link loss, {F(best, "F1")} dB, is beyond what the decoy-state rate tolerates";
        }

        return clouds ? "every night with a usable pass was overcast in the cloud draw (try another --seed or --no-clouds)" : "no usable interval";
    }

    private static List<string> Assumptions(PhysicsParameterSet set, bool clouds)
    {
        var list = new List<string>
        {
            $"darkness: Sun elevation below {F(set.Number("orbit.max_sun_elevation_deg"), "F0")}° at the interval centre ({(set.IsAssumed("orbit.max_sun_elevation_deg") ? "assumed in " + set.Name : set.Name)})",
            "key rate: asymptotic decoy-state BB84 (models.md §5) with sift factor q = 1/2 (symmetric bases)",
            $"genetic algorithm settings (population, crossover 0.9, mutation 1/L per gene, tournament of 2): assumed",
            "S-TD: Lagrangian dynamic programme + trimming (method of this project, the study used a GA)",
            "XOR relay: pair key = min(E_A, E_B), each pair counted alone (upper bound per pair)",
        };
        if (clouds)
        {
            list.Add($"clear-sky probability per city and month: {ClearSkyClimate.Provenance}; one draw per city per local noon-to-noon night; overcast = cloud index 150 (link blocked)");
        }

        list.AddRange(set.Assumed.Select(k => $"{set.Name}: {k} assumed"));
        return list;
    }

    private static void PrintTableSummary(ScheduleReport r)
    {
        WideTablesWhenRedirected();
        Console.WriteLine($"Key table: {r.Tle.Name} (NORAD {r.Tle.CatalogNumber}, epoch {r.Tle.EpochUtc}), {r.Window.StartUtc} – {r.Window.EndUtc}, {r.Window.Intervals} intervals of {F(r.Window.IntervalS, "F0")} s, {r.PhysicsSet}, seed {r.Seed}; built in {F(r.TableSeconds, "F2")} s");
        var t = new Table().AddColumns("city", "weight", "visible intervals", "dark + visible", "min loss (dB)", "clear-sky key", "key after clouds");
        foreach (CityTableInfo c in r.Cities)
        {
            t.AddRow(c.City, F(c.Weight, "F3"), c.VisibleIntervals.ToString(CultureInfo.InvariantCulture), c.DarkVisibleIntervals.ToString(CultureInfo.InvariantCulture),
                c.MinLossDb is double l ? F(l, "F1") : "-", Bits(c.ClearSkyPotentialBits), Bits(c.PotentialBits));
        }

        AnsiConsole.Write(t);
    }

    private static void PrintStrategies(ScheduleReport r)
    {
        foreach (StrategyComparison s in r.Strategies!)
        {
            Console.WriteLine();
            Console.WriteLine($"{s.Strategy}: {s.ObjectiveDescription} ({F(r.StrategySeconds![s.Strategy], "F2")} s)");
            var t = new Table().AddColumns("city", "weight", $"{Short(s.Exact.Method)} keys", "share", $"{Short(s.Genetic.Method)} keys", "share");
            for (int n = 0; n < s.Exact.Cities.Count; n++)
            {
                CityDelivery e = s.Exact.Cities[n];
                CityDelivery g = s.Genetic.Cities[n];
                t.AddRow(e.City, F(e.Weight, "F3"), Bits(e.KeysBits), F(e.Share, "F3"), Bits(g.KeysBits), F(g.Share, "F3"));
            }

            t.AddRow("total", string.Empty, Bits(s.Exact.TotalBits), string.Empty, Bits(s.Genetic.TotalBits), string.Empty);
            t.AddRow("objective", string.Empty, F(s.Exact.Objective, "E4"), string.Empty, F(s.Genetic.Objective, "E4"), string.Empty);
            t.AddRow("D_KL", string.Empty, F(s.Exact.KlDivergence, "F5"), string.Empty, F(s.Genetic.KlDivergence, "F5"), string.Empty);
            t.AddRow("runs", string.Empty, s.Exact.Runs.Count.ToString(CultureInfo.InvariantCulture), string.Empty, s.Genetic.Runs.Count.ToString(CultureInfo.InvariantCulture), string.Empty);
            AnsiConsole.Write(t);
            Console.WriteLine($"  exact/GA objective: {F(s.Exact.Objective / Math.Max(s.Genetic.Objective, double.Epsilon), "F3")}"
                + (s.TargetReached is bool reached ? $"; D_KL target {(reached ? "reached" : "NOT reached")}, {s.IntervalsTrimmed} intervals trimmed, GA {(s.Genetic.Feasible ? "under" : "NOT under")} the target" : string.Empty));
            PairLine(s.Exact);
        }

        Console.WriteLine();
        Console.WriteLine($"S-GD dynamic programme alone: {F(r.SgdDynamicProgramSeconds, "F3")} s over {r.ActiveIntervals} intervals with key ({r.Window.Intervals} in the window)");
    }

    private static void PairLine(StrategyOutcome exact)
    {
        var top = exact.RelayPairs.OrderByDescending(p => p.KeysBits).Take(3).ToList();
        if (top.Count > 0 && top[0].KeysBits > 0)
        {
            Console.WriteLine($"  XOR relay, best pairs (min of the two keys): {string.Join("; ", top.Select(p => $"{p.CityA}–{p.CityB} {Bits(p.KeysBits)}"))}");
        }
    }

    private static string Short(string method) => method.StartsWith("genetic", StringComparison.Ordinal) ? "GA" : method.StartsWith("Lagrangian", StringComparison.Ordinal) ? "Lagrangian DP" : "DP";

    internal sealed record TleInfo(string? Name, int CatalogNumber, string EpochUtc, string File);

    internal sealed record WindowInfo(string StartUtc, string EndUtc, double Days, int Intervals, double IntervalS, int SamplesPerInterval);

    internal sealed record CityTableInfo(string City, double PopulationMillions, double Weight, int VisibleIntervals, int DarkVisibleIntervals, double? MinLossDb, double ClearSkyPotentialBits, double PotentialBits);

    internal sealed record CloudNightInfo(string City, string LocalEvening, double ClearProbability, bool Clear);

    internal sealed class ScheduleReport
    {
        public required TleInfo Tle { get; init; }

        public required WindowInfo Window { get; init; }

        public required string PhysicsSet { get; init; }

        public required ulong Seed { get; init; }

        public required DecoyBb84Parameters KeyRate { get; init; }

        public required double PulsesPerSecond { get; init; }

        public required double MinElevationDeg { get; init; }

        public required double MaxSunElevationDeg { get; init; }

        public required GeneticOptions Genetic { get; init; }

        public required IReadOnlyList<string> Assumed { get; init; }

        public required IReadOnlyList<CityTableInfo> Cities { get; init; }

        public IReadOnlyList<CloudNightInfo>? CloudNights { get; init; }

        public double TableSeconds { get; init; }

        public string? NoKeyReason { get; set; }

        public int ActiveIntervals { get; set; }

        public double SgdDynamicProgramSeconds { get; set; }

        public IReadOnlyDictionary<string, double>? StrategySeconds { get; set; }

        public IReadOnlyList<StrategyComparison>? Strategies { get; set; }
    }
}
