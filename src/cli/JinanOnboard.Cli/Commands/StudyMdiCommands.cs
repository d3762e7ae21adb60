using System.CommandLine;
using System.Globalization;
using JinanOnboard.Cli.Pictures;
using JinanOnboard.Orbit.Ephemeris;
using JinanOnboard.Orbit.Sites;
using JinanOnboard.Orbit.TwoLineElements;
using JinanOnboard.Physics.Parameters;
using JinanOnboard.Studies.MdiFeasibility.Study;
using Spectre.Console;
using static JinanOnboard.Cli.Commands.OrbitCliSupport;

namespace JinanOnboard.Cli.Commands;

/// <summary><c>jinan study mdi</c>: space MDI-QKD through an untrusted satellite, two uplinks (issue 19 part 3, models.md §3, §11).</summary>
internal static partial class CommandCatalog
{
    private const double MaxMdiDays = 14;

    static partial void AddStudyMdi(Command study)
    {
        var command = new Command("mdi", "Space MDI-QKD feasibility: two ground stations uplink to a satellite that makes the Bell-state measurement. Prints the common-visibility windows, dual-uplink loss, key with per-slot optimised and fixed intensities, Doppler and the senders' arrival-time offset, and says whether (and by how many dB it is not) feasible.");
        var siteA = new Option<string>("--site-a") { Description = "Alice's ground station: a name (Jinan, Hefei, Wuhan, Nanshan, the cities of models.md §8) or lat,lon,height_m.", DefaultValueFactory = _ => "Jinan" };
        var siteB = new Option<string>("--site-b") { Description = "Bob's ground station, as --site-a.", DefaultValueFactory = _ => "Hefei" };
        var config = new Option<string>("--config") { Description = "Uplink physics parameter set (default micius-uplink) or a JSON path.", DefaultValueFactory = _ => "micius-uplink" };
        var tle = new Option<FileInfo?>("--tle") { Description = "TLE file of the satellite (SGP4; the first set is used). Without it a circular orbit of --height-km is placed over the sites' midpoint." };
        var from = new Option<string?>("--from") { Description = "With --tle: start of the search, ISO 8601 UTC (default: the TLE epoch)." };
        var days = new Option<double>("--days") { Description = "With --tle: days searched for common windows (default 3, at most 14).", DefaultValueFactory = _ => 3 };
        var height = new Option<double>("--height-km") { Description = "Circular-orbit height, km (default 500; ignored with --tle).", DefaultValueFactory = _ => 500 };
        var night = new Option<string>("--night-of") { Description = "Circular orbit: the date (UTC) whose local midnight over the midpoint the pass culminates at (default 2026-03-20).", DefaultValueFactory = _ => "2026-03-20" };
        var minElevation = new Option<double>("--min-elevation-deg") { Description = "Lowest elevation of both uplinks, deg (default: the set's, 10).", DefaultValueFactory = _ => double.NaN };
        var receiverRadius = new Option<double>("--receiver-radius-m") { Description = "Override the satellite receiver aperture radius R_r, m (default: the set's 0.15).", DefaultValueFactory = _ => double.NaN };
        var slot = new Option<double>("--slot-s") { Description = "Intensity-optimisation slot, s (5-25, default 10).", DefaultValueFactory = _ => 10 };
        var rate = new Option<double>("--rate-hz") { Description = "Pulse-pair rate, Hz (default 1e8: assumed, Micius's 100 MHz source; the study gives none).", DefaultValueFactory = _ => 1e8 };
        var sweep = new Option<string?>("--sweep") { Description = "Sweep one parameter: height (400-600 km, circular orbit), elevation (5-15 deg), aperture (satellite receiver radius 0.15-1 m), turbulence (ground C_0 1e-15..1e-13)." };
        var outDir = new Option<DirectoryInfo?>("--out") { Description = "Write mdi.json and mdi.png (key per pass against the swept parameter, or the window's loss and key) into this directory." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables." };
        foreach (Option o in new Option[] { siteA, siteB, config, tle, from, days, height, night, minElevation, receiverRadius, slot, rate, sweep, outDir, json })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse => Run(() => RunStudyMdi(new MdiCliInput(
            parse.GetValue(siteA)!, parse.GetValue(siteB)!, parse.GetValue(config)!, parse.GetValue(tle), parse.GetValue(from), parse.GetValue(days),
            parse.GetValue(height), parse.GetValue(night)!, parse.GetValue(minElevation), parse.GetValue(receiverRadius), parse.GetValue(slot),
            parse.GetValue(rate), parse.GetValue(sweep), parse.GetValue(outDir), parse.GetValue(json)))));
        study.Subcommands.Add(command);
    }

    private static int RunStudyMdi(MdiCliInput input)
    {
        MdiScenario scenario = BuildMdiScenario(input);
        var options = new MdiStudyOptions
        {
            SlotS = InRange(input.SlotS, "--slot-s", 5, 25),
            PulseRateHz = Positive(input.RateHz, "--rate-hz", 1e12),
        };
        MdiSweepParameter? sweep = ParseMdiSweep(input.Sweep, scenario);
        MdiEvaluation evaluation;
        IReadOnlyList<MdiSweepPoint>? points = null;
        try
        {
            evaluation = MdiStudy.Run(scenario, options);
            if (sweep is MdiSweepParameter p)
            {
                points = MdiSweep.Run(scenario, p, MdiSweep.DefaultValues(p), options);
            }
        }
        catch (NoCommonVisibilityException ex)
        {
            throw new UserErrorException($"empty common visibility: {ex.Message}");
        }
        catch (OrbitPropagationException ex)
        {
            throw new UserErrorException($"the orbit cannot be propagated over the window: {ex.Message}");
        }

        MdiReport report = MdiReport.From(scenario, options, evaluation, sweep, points);
        if (input.Out is not null)
        {
            string jsonPath = Path.Combine(input.Out.FullName, "mdi.json");
            WriteTextFile(jsonPath, writer => CliJson.Write(report, writer));
            string png = StudyMdiPicture.Save(report, evaluation, Path.Combine(input.Out.FullName, "mdi.png"));
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
            PrintMdi(report);
        }

        return ExitCodes.Ok;
    }

    private static MdiScenario BuildMdiScenario(MdiCliInput input)
    {
        GroundSite a = ParseSite(input.SiteA);
        GroundSite b = ParseSite(input.SiteB);
        PhysicsParameterSet set = LoadConfig(input.Config);
        if (set.Kind != LinkKind.Uplink)
        {
            throw new UserErrorException($"--config '{input.Config}' is a {set.Kind} set; the MDI study needs an uplink set such as micius-uplink");
        }

        if (!double.IsNaN(input.ReceiverRadiusM))
        {
            if (!(input.ReceiverRadiusM > 0))
            {
                throw new UserErrorException(string.Create(CultureInfo.InvariantCulture, $"--receiver-radius-m {input.ReceiverRadiusM} must be a positive radius in metres"));
            }

            set = WithNumberOrUserError(set, "receiver.radius_m", input.ReceiverRadiusM, "--receiver-radius-m");
        }

        double minElevation = double.IsNaN(input.MinElevationDeg) ? set.NumberOr("orbit.min_elevation_deg", 10) : input.MinElevationDeg;
        if (!(minElevation > 0 && minElevation < 90))
        {
            throw new UserErrorException(string.Create(CultureInfo.InvariantCulture, $"--min-elevation-deg {minElevation} must be above 0 and below 90"));
        }

        MdiOrbitSource orbit;
        if (input.Tle is not null)
        {
            (Tle tle, IEphemeris ephemeris) = LoadTle(input.Tle);
            DateTime start = input.From is null ? tle.EpochUtc : ParseUtc(input.From, "--from");
            double d = InRange(input.Days, "--days", 0.01, MaxMdiDays);
            orbit = new MdiOrbitSource.FromEphemeris(ephemeris, tle.Name ?? $"#{tle.CatalogNumber}", start, start.AddDays(d));
        }
        else
        {
            InRange(input.HeightKm, "--height-km", 150, 2000);
            orbit = new MdiOrbitSource.Circular(input.HeightKm, ParseUtc(input.NightOf, "--night-of"));
        }

        return new MdiScenario(a, b, set, orbit, minElevation);
    }

    private static PhysicsParameterSet WithNumberOrUserError(PhysicsParameterSet set, string key, double value, string option)
    {
        try
        {
            return set.WithNumber(key, value);
        }
        catch (ParameterSetException ex)
        {
            throw new UserErrorException($"{option}: {ex.Message}");
        }
    }

    private static MdiSweepParameter? ParseMdiSweep(string? text, MdiScenario scenario)
    {
        if (text is null)
        {
            return null;
        }

        MdiSweepParameter parameter = text.Trim().ToLowerInvariant() switch
        {
            "height" => MdiSweepParameter.Height,
            "elevation" => MdiSweepParameter.Elevation,
            "aperture" => MdiSweepParameter.Aperture,
            "turbulence" => MdiSweepParameter.Turbulence,
            _ => throw new UserErrorException($"--sweep '{text}' must be one of height, elevation, aperture, turbulence"),
        };
        if (parameter == MdiSweepParameter.Height && scenario.Orbit is not MdiOrbitSource.Circular)
        {
            throw new UserErrorException("--sweep height needs the circular orbit (--height-km), not --tle");
        }

        return parameter;
    }

    /// <summary>Piped output has no terminal width; Spectre would fold the study tables to 80 columns.</summary>
    private static void WidenTablesWhenRedirected()
    {
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 200);
        }
    }

    private static void WriteTextFile(string path, Action<TextWriter> write)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            using var writer = new StreamWriter(path);
            write(writer);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"cannot write {path}: {ex.Message}");
        }
    }

    private static void PrintMdi(MdiReport r)
    {
        WidenTablesWhenRedirected();
        AnsiConsole.MarkupLine($"[bold]MDI-QKD[/] {Markup.Escape(r.SiteA)} + {Markup.Escape(r.SiteB)} via {Markup.Escape(r.Orbit)}, set {Markup.Escape(r.ParameterSet)}, min elevation {F(r.MinElevationDeg, "F1")} deg, slots {F(r.SlotS, "F0")} s, {F(r.PulseRateHz, "G3")} pulse pairs/s");
        AnsiConsole.MarkupLine(Markup.Escape($"MDI tolerates at most {F(r.MaxTolerableDualLossDb, "F1")} dB of total (dual-uplink) loss with optimised intensities, {F(r.MaxTolerableDualLossFixedDb, "F1")} dB with the fixed ones (two equal uplinks)."));
        var table = new Table().AddColumns("window start (UTC)", "s", "max el A/B", "dual loss min/mean/max dB", "key opt (bits)", "key fixed (bits)", "Doppler A/B GHz", "relative GHz", "ΔT µs", "dΔT/dt ns/s");
        foreach (MdiWindowRow w in r.Windows)
        {
            table.AddRow(Iso(w.StartUtc), F(w.DurationS, "F0"), $"{F(w.MaxElevationADeg, "F1")}/{F(w.MaxElevationBDeg, "F1")}",
                $"{F(w.MinDualLossDb, "F1")}/{F(w.MeanDualLossDb, "F1")}/{F(w.MaxDualLossDb, "F1")}", F(w.KeyOptimisedBits, "G4"), F(w.KeyFixedBits, "G4"),
                $"{F(w.MaxDopplerAHz / 1e9, "F2")}/{F(w.MaxDopplerBHz / 1e9, "F2")}", F(w.MaxRelativeDopplerHz / 1e9, "F2"),
                $"{F(w.MinArrivalOffsetUs, "F0")}-{F(w.MaxArrivalOffsetUs, "F0")}", F(w.MaxArrivalOffsetRateNsPerS, "F0"));
        }

        AnsiConsole.Write(table);
        if (r.Sweep is not null)
        {
            var sweep = new Table().AddColumns($"{r.Sweep.Parameter} ({r.Sweep.Unit})", "windows", "window s", "min dual loss dB", "best key opt (bits)", "best key fixed (bits)", "verdict");
            foreach (MdiSweepPoint p in r.Sweep.Points)
            {
                string verdict = p.Windows == 0 ? "no common visibility" : p.Feasible ? "feasible" : $"infeasible by {F(p.InfeasibleByDb, "F1")} dB";
                sweep.AddRow(F(p.Value, "G4"), p.Windows.ToString(CultureInfo.InvariantCulture), F(p.WindowSeconds, "F0"), F(p.MinDualLossDb, "F1"), F(p.BestWindowKeyOptimisedBits, "G4"), F(p.BestWindowKeyFixedBits, "G4"), verdict);
            }

            AnsiConsole.Write(sweep);
        }

        AnsiConsole.MarkupLine(Markup.Escape(r.Verdict));
        AnsiConsole.MarkupLine(Markup.Escape($"assumed: {string.Join("; ", r.Assumed)}"));
    }
}

/// <summary>The options of <c>jinan study mdi</c>, as given.</summary>
internal sealed record MdiCliInput(
    string SiteA, string SiteB, string Config, FileInfo? Tle, string? From, double Days, double HeightKm, string NightOf, double MinElevationDeg,
    double ReceiverRadiusM, double SlotS, double RateHz, string? Sweep, DirectoryInfo? Out, bool Json);
