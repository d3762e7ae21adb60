using System.CommandLine;
using System.Globalization;
using JinanOnboard.Cli.Pictures;
using JinanOnboard.Orbit.Sites;
using JinanOnboard.Physics.Parameters;
using JinanOnboard.Studies.RingTwinField.Geometry;
using JinanOnboard.Studies.RingTwinField.Study;
using Spectre.Console;
using static JinanOnboard.Cli.Commands.OrbitCliSupport;

namespace JinanOnboard.Cli.Commands;

/// <summary><c>jinan study ring</c>: end-to-end TF-QKD over a LEO ring without trusted nodes (issue 19 part 4, models.md §4, §9, §12).</summary>
internal static partial class CommandCatalog
{
    private const int MaxRingSatellites = 1000;

    static partial void AddStudyRing(Command study)
    {
        var command = new Command("ring", "LEO ring constellation with SNS-TF-QKD between neighbours: ring closure, per-link finite-key rates, and the end-to-end key between two ground stations by XOR forwarding over both directions of the ring, observed for 24 h, for each ring size.");
        var config = new Option<string>("--config") { Description = "Ring physics parameter set (default ring-constellation) or a JSON path.", DefaultValueFactory = _ => "ring-constellation" };
        var siteA = new Option<string>("--site-a") { Description = "Alice's ground station: a name or lat,lon,height_m (default Jinan).", DefaultValueFactory = _ => "Jinan" };
        var siteB = new Option<string>("--site-b") { Description = "Bob's ground station (default Hefei).", DefaultValueFactory = _ => "Hefei" };
        var nMin = new Option<int>("--n-min") { Description = "Smallest ring size (default: the smallest that closes).", DefaultValueFactory = _ => 0 };
        var nMax = new Option<int>("--n-max") { Description = "Largest ring size (default 100).", DefaultValueFactory = _ => 100 };
        var n = new Option<int>("--n") { Description = "A single ring size (instead of --n-min/--n-max).", DefaultValueFactory = _ => 0 };
        var hours = new Option<double>("--hours") { Description = "Observation period, h (default: the set's 24).", DefaultValueFactory = _ => double.NaN };
        var step = new Option<double>("--step-s") { Description = "Time step of the observation, s (default 10).", DefaultValueFactory = _ => 10 };
        var minElevation = new Option<double>("--min-elevation-deg") { Description = "Lowest elevation of a ground attachment, deg (default 10, models.md §1).", DefaultValueFactory = _ => 10 };
        var grazing = new Option<double>("--grazing-km") { Description = "Closure criterion: every inter-satellite line of sight passes this high above the surface, km (default 100, assumed).", DefaultValueFactory = _ => RingGeometry.DefaultGrazingHeightKm };
        var block = new Option<double>("--block-s") { Description = "Finite-key block length, s of pulses (default 100, assumed).", DefaultValueFactory = _ => 100 };
        var outDir = new Option<DirectoryInfo?>("--out") { Description = "Write ring.json and ring.png (rates per link and end to end against N, and a picture of the ring) into this directory." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        foreach (Option o in new Option[] { config, siteA, siteB, nMin, nMax, n, hours, step, minElevation, grazing, block, outDir, json })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse => Run(() => RunStudyRing(new RingCliInput(
            parse.GetValue(config)!, parse.GetValue(siteA)!, parse.GetValue(siteB)!, parse.GetValue(nMin), parse.GetValue(nMax), parse.GetValue(n),
            parse.GetValue(hours), parse.GetValue(step), parse.GetValue(minElevation), parse.GetValue(grazing), parse.GetValue(block),
            parse.GetValue(outDir), parse.GetValue(json)))));
        study.Subcommands.Add(command);
    }

    private static int RunStudyRing(RingCliInput input)
    {
        PhysicsParameterSet set = LoadConfig(input.Config);
        if (set.Kind != LinkKind.InterSatellite || !set.Has("ground_station.beam_waist_m"))
        {
            throw new UserErrorException($"--config '{input.Config}' is not a ring set (an inter-satellite set with ground_station.* keys, such as ring-constellation)");
        }

        GroundSite a = ParseSite(input.SiteA);
        GroundSite b = ParseSite(input.SiteB);
        RingScenario scenario = RingScenario.Default(set, a, b) with
        {
            ObservationHours = double.IsNaN(input.Hours) ? set.NumberOr("orbit.observation_period_h", 24) : InRange(input.Hours, "--hours", 0.01, 240),
            StepS = InRange(input.StepS, "--step-s", 0.1, 600),
            MinElevationDeg = ExclusiveElevation(input.MinElevationDeg),
            GrazingHeightKm = InRange(input.GrazingKm, "--grazing-km", 0, set.Number("orbit.altitude_km") - 1),
            BlockSeconds = InRange(input.BlockS, "--block-s", 1, 86400),
        };
        int nMinimum = scenario.Geometry.MinimumSatellites();
        (int from, int to) = RingSizes(input, scenario.Geometry, nMinimum);
        var study = new RingStudy(scenario);
        var results = new List<RingRunResult>();
        for (int size = from; size <= to; size++)
        {
            results.Add(study.Run(size));
        }

        RingReport report = RingReport.From(scenario, study, nMinimum, results);
        if (input.Out is not null)
        {
            string jsonPath = Path.Combine(input.Out.FullName, "ring.json");
            WriteTextFile(jsonPath, writer => CliJson.Write(report, writer));
            string png = StudyRingPicture.Save(report, scenario.Geometry, Path.Combine(input.Out.FullName, "ring.png"));
            if (!input.Json)
            {
                Console.WriteLine($"wrote {jsonPath} and {png}");
            }
        }

        if (input.Json)
        {
            CliJson.Write(report);
        }
        else
        {
            PrintRing(report);
        }

        return ExitCodes.Ok;
    }

    private static double ExclusiveElevation(double value) =>
        value > 0 && value < 90 ? value : throw new UserErrorException(string.Create(CultureInfo.InvariantCulture, $"--min-elevation-deg {value} must be above 0 and below 90"));

    private static (int From, int To) RingSizes(RingCliInput input, RingGeometry geometry, int nMinimum)
    {
        if (input.N != 0)
        {
            CheckRingSize(input.N, "--n", geometry, nMinimum);
            return (input.N, input.N);
        }

        int from = input.NMin == 0 ? nMinimum : input.NMin;
        CheckRingSize(from, "--n-min", geometry, nMinimum);
        CheckRingSize(input.NMax, "--n-max", geometry, nMinimum);
        if (input.NMax < from)
        {
            throw new UserErrorException($"--n-max {input.NMax} is below --n-min {from}");
        }

        return (from, input.NMax);
    }

    private static void CheckRingSize(int n, string option, RingGeometry geometry, int nMinimum)
    {
        if (n > MaxRingSatellites)
        {
            throw new UserErrorException($"{option} {n} is above {MaxRingSatellites} satellites");
        }

        if (n < 3 || !geometry.Closes(n))
        {
            throw new UserErrorException(string.Create(CultureInfo.InvariantCulture,
                $"{option} {n}: a ring of {n} does not close (its links must pass {geometry.GrazingHeightKm} km above the surface); the smallest ring at {geometry.AltitudeKm} km has {nMinimum} satellites"));
        }
    }

    private static void PrintRing(RingReport r)
    {
        WidenTablesWhenRedirected();
        AnsiConsole.MarkupLine(Markup.Escape($"Ring TF-QKD {r.StationA} <-> {r.StationB}: polar ring at {r.AltitudeKm} km, {r.ObservationHours} h from {Iso(r.EpochUtc)} in {r.StepS} s steps, min elevation {r.MinElevationDeg} deg"));
        AnsiConsole.MarkupLine(Markup.Escape($"closure: links must clear {r.GrazingHeightKm} km; smallest ring N = {r.SmallestRing}. SNS-TF rate table: key up to {r.MaxLinkLossWithKeyDb:F1} dB total loss ({r.BlockSeconds} s blocks at {r.RepetitionRateHz:G3} Hz)."));
        var table = new Table().AddColumns("N", "d km", "grazing km", "ISL dB", "ISL key b/s", "ISL bridge b/s", "connected", "ground dB A/B", "attach bridge b/s", "end-to-end bits", "mean b/s", "weakest key", "min breaking set");
        foreach (RingRunResult x in r.Rings)
        {
            table.AddRow(x.Satellites.ToString(CultureInfo.InvariantCulture), F(x.NeighbourDistanceKm, "F0"), F(x.LinkGrazingHeightKm, "F0"), F(x.InterSatelliteLossDb, "F1"),
                F(x.InterSatelliteLinkRateBitsPerS, "G3"), F(x.InterSatelliteBridgeRateBitsPerS, "G3"), F(x.ConnectedFraction * 100, "F1") + " %",
                x.ConnectedFraction > 0 ? $"{F(x.MeanGroundLossADb, "F1")}/{F(x.MeanGroundLossBDb, "F1")}" : "-", x.ConnectedFraction > 0 ? F(x.MeanAttachmentBridgeRateBitsPerS, "G3") : "-", F(x.EndToEndKeyBits, "G4"),
                F(x.MeanEndToEndRateBitsPerS, "G3"), Markup.Escape(x.WeakestKey), $"{x.SmallestRevealingSet}{(x.ThresholdEnumerated ? " (enumerated)" : " (rule)")}");
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(Markup.Escape(r.Security));
        AnsiConsole.MarkupLine(Markup.Escape($"assumed: {string.Join("; ", r.Assumed)}"));
    }
}

/// <summary>The options of <c>jinan study ring</c>, as given.</summary>
internal sealed record RingCliInput(
    string Config, string SiteA, string SiteB, int NMin, int NMax, int N, double Hours, double StepS, double MinElevationDeg, double GrazingKm,
    double BlockS, DirectoryInfo? Out, bool Json);
