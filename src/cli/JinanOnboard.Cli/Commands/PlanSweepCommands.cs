using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using JinanOnboard.Cli.Pictures;
using JinanOnboard.Orbit.Ephemeris;
using JinanOnboard.Orbit.TwoLineElements;
using JinanOnboard.Physics.KeyRates;
using JinanOnboard.Physics.Parameters;
using JinanOnboard.Studies.Scheduling.Cities;
using JinanOnboard.Studies.Scheduling.Keys;
using JinanOnboard.Studies.Scheduling.Sweep;
using JinanOnboard.Studies.Scheduling.Weather;
using Spectre.Console;
using static JinanOnboard.Cli.Commands.OrbitCliSupport;
using static JinanOnboard.Cli.Commands.PlanCliSupport;

namespace JinanOnboard.Cli.Commands;

/// <summary><c>jinan plan sweep</c>: orbit altitude × beam divergence for the city network (issue 19 part 2).</summary>
internal static partial class CommandCatalog
{
    private static readonly double[] SweepAltitudesKm = [500, 2500, 5000];
    private static readonly double[] SweepDivergencesUrad = [1, 3, 5, 10];

    static partial void AddPlanSweep(Command plan)
    {
        var sweep = new Command("sweep", "Orbits SSO 500 / 2,500 / 5,000 km and GEO over 118°E × divergence 1, 3, 5, 10 µrad with a 2 m receiver: per-city minimum link loss and S-TD key totals over the window.");
        var tle = new Option<FileInfo?>("--tle") { Description = $"Reference TLE whose orbit plane (ascending node) the circular orbits share (default {DefaultTlePath})." };
        var start = new Option<string>("--start") { Description = $"Window start, ISO 8601 UTC (default {DefaultStart}).", DefaultValueFactory = _ => DefaultStart };
        var days = new Option<double>("--days") { Description = "Window length in days, (0, 31] (default 7).", DefaultValueFactory = _ => 7 };
        var cities = new Option<string>("--cities") { Description = "all (default) or a comma-separated list of the study's cities.", DefaultValueFactory = _ => "all" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the cloud draws (default 1).", DefaultValueFactory = _ => 1 };
        var receiver = new Option<double>("--receiver-m") { Description = "Receiver aperture diameter D_r, m (default 2).", DefaultValueFactory = _ => 2 };
        var noClouds = new Option<bool>("--no-clouds") { Description = "Clear sky every night." };
        var physics = new Option<string>("--physics") { Description = "Downlink physics set the cases start from (default micius-downlink).", DefaultValueFactory = _ => "micius-downlink" };
        var outDir = new Option<DirectoryInfo?>("--out") { Description = "Write DIR/sweep.json and DIR/sweep.png." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables." };
        foreach (Option o in new Option[] { tle, start, days, cities, seed, receiver, noClouds, physics, outDir, json })
        {
            sweep.Options.Add(o);
        }

        sweep.SetAction(parse => Run(() => RunPlanSweep(parse.GetValue(tle), parse.GetValue(start)!, parse.GetValue(days), parse.GetValue(cities)!, parse.GetValue(seed),
            parse.GetValue(receiver), !parse.GetValue(noClouds), parse.GetValue(physics)!, parse.GetValue(outDir), parse.GetValue(json))));
        plan.Subcommands.Add(sweep);
    }

    private static int RunPlanSweep(FileInfo? tleOption, string start, double days, string citySpec, ulong seed, double receiverM, bool clouds, string physics, DirectoryInfo? outDir, bool json)
    {
        ScheduleWindow window = ParseWindow(start, days);
        IReadOnlyList<SchedulingCity> cities = ParseCities(citySpec);
        Positive(receiverM, "--receiver-m", 20);
        PhysicsParameterSet baseSet = LoadConfig(physics);
        if (baseSet.Kind != LinkKind.Downlink)
        {
            throw new UserErrorException($"--physics {physics} is a {baseSet.Kind} set; the sweep needs a downlink set such as micius-downlink");
        }

        FileInfo tleFile = ResolveTle(tleOption);
        (Tle tle, IEphemeris reference) = LoadTleFor(tleFile, window.StartUtc);
        string baseJson = File.ReadAllText(baseSet.SourcePath);
        var sets = new Dictionary<double, PhysicsParameterSet>();
        PhysicsParameterSet SetFor(double divergenceUrad)
        {
            if (!sets.TryGetValue(divergenceUrad, out PhysicsParameterSet? set))
            {
                set = Variant(baseJson, baseSet, divergenceUrad, receiverM);
                sets[divergenceUrad] = set;
            }

            return set;
        }

        foreach (double d in SweepDivergencesUrad)
        {
            SetFor(d);
        }

        SweepOrbit[] orbits = [.. SweepAltitudesKm.Select(a => SweepOrbits.SunSynchronous(a, reference, window.StartUtc)), SweepOrbits.Geostationary(window.StartUtc)];
        var clock = Stopwatch.StartNew();
        IReadOnlyList<SweepCase> cases;
        try
        {
            cases = OrbitDivergenceSweep.Run(orbits, SweepDivergencesUrad, SetFor, window.StartUtc, days, cities, seed, clouds);
        }
        catch (ParameterSetException ex)
        {
            throw new UserErrorException(ex.Message);
        }

        double seconds = clock.Elapsed.TotalSeconds;
        var report = new
        {
            ReferenceTle = new { tle.Name, tle.CatalogNumber, EpochUtc = Iso(tle.EpochUtc), File = tleFile.FullName },
            Window = new { StartUtc = Iso(window.StartUtc), EndUtc = Iso(window.EndUtc), Days = days, window.Intervals },
            PhysicsSet = baseSet.Name,
            ReceiverApertureM = receiverM,
            Seed = seed,
            Clouds = clouds,
            MaxTolerableLossDb = DecoyBb84KeyRate.FromParameterSet(baseSet).MaxTolerableLossDb(),
            Orbits = orbits.Select(o => new { o.Name, o.AltitudeKm, o.InclinationDeg, o.Placement, o.SamplesPerInterval }),
            Cities = cities.Select(c => new { c.Name, c.Weight }),
            Cases = cases,
            Assumed = new List<string>
            {
                "orbit phase: each circular orbit starts at the reference TLE's ascending node at the window start",
                $"GEO longitude {SweepOrbits.GeoLongitudeDeg}°E",
                "divergence φ and receiver D_r replace the set's transmitter.divergence_half_angle_urad and receiver.aperture_m; every other term is the set's",
                "S-TD by the Lagrangian dynamic programme with trimming, target D_KL < 0.01; a case whose target is unreachable reports 0 keys",
                clouds ? $"clouds: {ClearSkyClimate.Provenance}" : "clear sky every night",
            },
            Seconds = seconds,
        };

        if (json)
        {
            CliJson.Write(report);
        }
        else
        {
            PrintSweep(report.Window.StartUtc, days, cities, cases, report.MaxTolerableLossDb, seconds);
        }

        if (outDir is not null)
        {
            try
            {
                Directory.CreateDirectory(outDir.FullName);
                using (var writer = new StreamWriter(Path.Combine(outDir.FullName, "sweep.json")))
                {
                    CliJson.Write(report, writer);
                }

                SweepPictures.Save(cities, cases, SweepDivergencesUrad, report.MaxTolerableLossDb, Path.Combine(outDir.FullName, "sweep.png"));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new UserErrorException($"cannot write to --out {outDir.FullName}: {ex.Message}", ExitCodes.Failure);
            }

            if (!json)
            {
                Console.WriteLine($"wrote {Path.Combine(outDir.FullName, "sweep.json")} and {Path.Combine(outDir.FullName, "sweep.png")}");
            }
        }

        return ExitCodes.Ok;
    }

    /// <summary>The base set with φ and D_r replaced (the JSON re-validated by the set's own loader).</summary>
    private static PhysicsParameterSet Variant(string baseJson, PhysicsParameterSet baseSet, double divergenceUrad, double receiverM)
    {
        JsonNode root = JsonNode.Parse(baseJson) ?? throw new UserErrorException($"{baseSet.SourcePath} is empty");
        root["transmitter"]!["divergence_half_angle_urad"] = divergenceUrad;
        root["receiver"]!["aperture_m"] = receiverM;
        string name = string.Create(CultureInfo.InvariantCulture, $"{baseSet.SourcePath} with φ = {divergenceUrad} µrad, D_r = {receiverM} m");
        return PhysicsParameterSet.Parse(root.ToJsonString(), name);
    }

    private static void PrintSweep(string startUtc, double days, IReadOnlyList<SchedulingCity> cities, IReadOnlyList<SweepCase> cases, double maxLossDb, double seconds)
    {
        WideTablesWhenRedirected();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Orbit × divergence sweep from {startUtc}, {days} days, {cities.Count} cities; computed in {seconds:F1} s. Keys need a loss below {maxLossDb:F1} dB."));
        Console.WriteLine("Minimum link loss per city over the window (dB, dark and above 10°; '-' never usable):");
        var losses = new Table().AddColumns(["orbit", "φ µrad", .. cities.Select(c => c.Name)]);
        foreach (SweepCase c in cases)
        {
            losses.AddRow([c.Orbit, F(c.DivergenceUrad, "F0"), .. c.MinLossDbPerCity.Select(l => l is double v ? F(v, "F1") : "-")]);
        }

        AnsiConsole.Write(losses);
        Console.WriteLine("Keys over the window:");
        var keys = new Table().AddColumns("orbit", "φ µrad", "S-TD keys", "S-TD D_KL", "S-GD keys", "clear-sky potential");
        foreach (SweepCase c in cases)
        {
            keys.AddRow(c.Orbit, F(c.DivergenceUrad, "F0"), c.TargetReached ? Bits(c.TargetDistributionBits) : "target unreachable",
                double.IsFinite(c.TargetDistributionKl) ? F(c.TargetDistributionKl, "F4") : "-", Bits(c.GreedyBits), Bits(c.ClearSkyPotentialBits));
        }

        AnsiConsole.Write(keys);
    }
}
