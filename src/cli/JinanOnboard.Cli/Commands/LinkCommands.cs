using System.CommandLine;
using JinanOnboard.Physics.Budgets;
using JinanOnboard.Physics.Parameters;
using JinanOnboard.Physics.Timeline;
using JinanOnboard.Orbit.Ephemeris;
using JinanOnboard.Orbit.Passes;
using JinanOnboard.Orbit.Sites;
using JinanOnboard.Orbit.Synthetic;
using JinanOnboard.Orbit.TwoLineElements;
using Spectre.Console;
using static JinanOnboard.Cli.Commands.OrbitCliSupport;

namespace JinanOnboard.Cli.Commands;

/// <summary><c>jinan link budget</c> and <c>jinan link pass</c> (issue 4 item 8).</summary>
internal static partial class CommandCatalog
{
    /// <summary>Default culmination of a synthetic pass: 22:30 Beijing time, the Jinan-1 pass time (a fixed date keeps runs reproducible).</summary>
    private static readonly DateTime DefaultSyntheticCulmination = JinanOnboard.Config.Model.PassSettings.DefaultCulminationUtc; // the bench pass's default (one place)

    static partial void AddLink(RootCommand root)
    {
        var link = new Command("link", "Link budgets (downlink, uplink, inter-satellite) and per-second pass timelines of a physics parameter set (--physics).");
        link.Subcommands.Add(CreateLinkBudgetCommand());
        link.Subcommands.Add(CreateLinkPassCommand());
        root.Subcommands.Add(link);
    }

    private static Command CreateLinkBudgetCommand()
    {
        var command = new Command("budget", "Every loss term in dB and the total for one geometry.");
        (Option<string> physics, Option<string?> refusedConfig) = PhysicsOption("Physics parameter set: jinan1 (default), micius-downlink, micius-uplink, ring-constellation, or a JSON path.");
        var range = new Option<double>("--range-km") { Description = "Slant range (or inter-satellite distance), km.", Required = true };
        var elevation = new Option<double?>("--elevation-deg") { Description = "Elevation, degrees (not used by the inter-satellite link)." };
        var cloud = new Option<double?>("--cloud") { Description = "Cloud index 0 (clear) .. 150 (overcast)." };
        var pointing = new Option<double?>("--pointing-error-urad") { Description = "Instantaneous pointing error for the dynamic pointing loss, µrad." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        foreach (Option o in new Option[] { physics, refusedConfig, range, elevation, cloud, pointing, json })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse => Run(() => RefuseConfig(parse.GetValue(refusedConfig)) ?? RunBudget(parse.GetValue(physics), parse.GetValue(range), parse.GetValue(elevation), parse.GetValue(cloud), parse.GetValue(pointing), parse.GetValue(json))));
        return command;
    }

    /// <summary>
    /// The link verbs take a physics parameter set, what a run configuration calls its <c>physics</c> key, so the option
    /// is --physics: --config names a whole run configuration for bench, payload and ground. The old spelling stays
    /// known (hidden) only to be refused with the right name, instead of a parse error that does not say what to use.
    /// </summary>
    private static (Option<string> Physics, Option<string?> RefusedConfig) PhysicsOption(string description) =>
        (new Option<string>("--physics") { Description = description, DefaultValueFactory = _ => "jinan1" },
         new Option<string?>("--config") { Hidden = true });

    private static int? RefuseConfig(string? config) => config is null
        ? null
        : throw new UserErrorException($"--config names a run configuration (bench, payload, ground); the link verbs take a physics set: use --physics {config}");

    private static int RunBudget(string? physicsName, double rangeKm, double? elevationDeg, double? cloud, double? pointingUrad, bool json)
    {
        PhysicsParameterSet set = LoadConfig(physicsName);
        Positive(rangeKm, "--range-km", 1e6);
        double elevation = double.NaN;
        if (set.Kind != LinkKind.InterSatellite)
        {
            elevation = elevationDeg ?? throw new UserErrorException($"--elevation-deg is required for the {set.Kind} set '{set.Name}'");
            if (!(elevation > 0) || elevation > 90)
            {
                throw new UserErrorException($"--elevation-deg {F(elevation, "G")} must be in (0, 90]");
            }
        }

        if (cloud is double c)
        {
            InRange(c, "--cloud", 0, 150);
        }

        if (pointingUrad is double p)
        {
            InRange(p, "--pointing-error-urad", 0, 10000);
        }

        LinkBudget b = new LinkBudgetCalculator(set).Compute(rangeKm, elevation, cloud, pointingUrad);
        var output = new BudgetOutput(set.Name, set.Kind.ToString(), set.Assumed, BudgetRowOf(b));
        if (json)
        {
            CliJson.Write(output);
            return ExitCodes.Ok;
        }

        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(set.Name)}[/] ({set.Kind}) at {F(rangeKm, "F1")} km{(set.Kind == LinkKind.InterSatellite ? string.Empty : $", {F(elevation, "F1")} deg")}");
        var table = new Table().AddColumns("term", "loss (dB)");
        foreach ((string name, double db) in Terms(b))
        {
            table.AddRow(name, F(db, "F3"));
        }

        table.AddRow("[bold]total[/]", $"[bold]{F(b.TotalLossDb, "F3")}[/]");
        AnsiConsole.Write(table);
        AnsiConsole.WriteLine($"transmittance {F(b.Transmittance, "E4")}, beam radius at receiver {F(b.BeamRadiusAtReceiverM, "F3")} m" + (double.IsNaN(b.FriedParameterM) ? string.Empty : $", Fried parameter {F(b.FriedParameterM * 100, "F2")} cm"));
        // The pointing loops' assumed values (apt.*) do not enter the budget: counted here, listed by --json and `jinan apt sim`.
        string[] budgetAssumed = [.. set.Assumed.Where(k => !k.StartsWith("apt.", StringComparison.Ordinal))];
        int pointingAssumed = set.Assumed.Count - budgetAssumed.Length;
        if (budgetAssumed.Length > 0)
        {
            AnsiConsole.WriteLine($"assumed values: {string.Join(", ", budgetAssumed)}" + (pointingAssumed > 0 ? $" (and {pointingAssumed} of the pointing loops, apt.*)" : string.Empty));
        }

        return ExitCodes.Ok;
    }

    private static Command CreateLinkPassCommand()
    {
        var command = new Command("pass", "Per-second timeline of one pass: elevation, range, range rate, loss terms, transmittance, detection and background rates.");
        (Option<string> physics, Option<string?> refusedConfig) = PhysicsOption("Physics parameter set (default jinan1).");
        var tle = new Option<FileInfo?>("--tle") { Description = "TLE file: the first pass over --site after --from is used." };
        var site = new Option<string>("--site") { Description = "Site name or lat,lon,height_m.", Required = true };
        var from = new Option<string?>("--from") { Description = "With --tle: search start, ISO 8601 UTC." };
        var to = new Option<string?>("--to") { Description = "With --tle: search end (default --from + 2 days)." };
        var synthetic = new Option<double?>("--synthetic-max-elevation-deg") { Description = "Instead of a TLE: a circular 500 km Sun-synchronous pass with this maximum elevation." };
        var at = new Option<string?>("--at") { Description = "Synthetic pass culmination, ISO 8601 UTC (default 2026-01-15T14:30:00Z, 22:30 Beijing time, as the bench pass)." };
        var nightOnly = new Option<bool>("--night-only") { Description = "With --tle: only night passes." };
        var cloud = new Option<double?>("--cloud") { Description = "Cloud index 0 .. 150." };
        var step = new Option<double>("--step-s") { Description = "Sample step, seconds.", DefaultValueFactory = _ => 1.0 };
        var rural = new Option<bool>("--rural") { Description = "No urban sky glow in the background (e.g. Nanshan)." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table (the table shows every 10th sample)." };
        foreach (Option o in new Option[] { physics, refusedConfig, tle, site, from, to, synthetic, at, nightOnly, cloud, step, rural, json })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse => Run(() => RefuseConfig(parse.GetValue(refusedConfig)) ?? RunLinkPass(new LinkPassRequest(
            parse.GetValue(physics), parse.GetValue(tle), parse.GetValue(site), parse.GetValue(from), parse.GetValue(to), parse.GetValue(synthetic),
            parse.GetValue(at), parse.GetValue(nightOnly), parse.GetValue(cloud), parse.GetValue(step), parse.GetValue(rural), parse.GetValue(json)))));
        return command;
    }

    private static int RunLinkPass(LinkPassRequest r)
    {
        PhysicsParameterSet set = LoadConfig(r.Physics);
        if (set.Kind == LinkKind.InterSatellite)
        {
            throw new UserErrorException($"set '{set.Name}' describes an inter-satellite link, which has no ground pass; use 'jinan link budget'");
        }

        GroundSite site = ParseSite(r.Site);
        Positive(r.StepS, "--step-s", 60);
        if (r.Cloud is double c)
        {
            InRange(c, "--cloud", 0, 150);
        }

        if ((r.Tle is null) == (r.SyntheticMaxElevationDeg is null))
        {
            throw new UserErrorException("give either --tle FILE --from ISO or --synthetic-max-elevation-deg E");
        }

        IEphemeris ephemeris;
        string source;
        double minElevation = set.NumberOr("orbit.min_elevation_deg", 10);
        var search = new PassSearchOptions { MinElevationDeg = minElevation, NightOnly = r.NightOnly, MaxSunElevationDeg = set.NumberOr("orbit.max_sun_elevation_deg", -12) };
        SatellitePass? pass;
        try
        {
            if (r.Tle is not null)
            {
                (Tle tle, ephemeris) = LoadTle(r.Tle);
                DateTime from = ParseUtc(r.From, "--from");
                DateTime to = r.To is null ? from.AddDays(2) : ParseUtc(r.To, "--to");
                if (to <= from || (to - from).TotalDays > 62)
                {
                    throw new UserErrorException("--to must be after --from and at most 62 days later");
                }

                pass = PassFinder.Find(ephemeris, site, from, to, search).FirstOrDefault();
                source = string.IsNullOrWhiteSpace(tle.Name) ? $"TLE #{tle.CatalogNumber}" : $"TLE {tle.Name.Trim()} #{tle.CatalogNumber}";
                if (pass is null)
                {
                    throw new UserErrorException($"no pass of {source} over {site.Name} above {F(minElevation, "F1")} deg{(r.NightOnly ? " at night" : string.Empty)} between {Iso(from)} and {Iso(to)}", ExitCodes.Failure);
                }
            }
            else
            {
                double e = InRange(r.SyntheticMaxElevationDeg!.Value, "--synthetic-max-elevation-deg", minElevation + 0.1, 90);
                DateTime culmination = r.At is null ? DefaultSyntheticCulmination : ParseUtc(r.At, "--at");
                CircularOrbit orbit = SyntheticPass.Create(site, e, culmination, set.NumberOr("orbit.altitude_km", SyntheticPass.DefaultAltitudeKm));
                ephemeris = orbit;
                source = $"synthetic circular {F(orbit.RadiusKm - CircularOrbit.EarthRadiusKm, "F0")} km Sun-synchronous orbit, i = {F(orbit.InclinationDeg, "F2")} deg";
                pass = PassFinder.Find(orbit, site, culmination.AddMinutes(-20), culmination.AddMinutes(20), search with { NightOnly = false }).FirstOrDefault()
                    ?? throw new UserErrorException("synthetic pass not found (internal)", ExitCodes.Failure);
            }
        }
        catch (OrbitPropagationException ex)
        {
            throw new UserErrorException($"the orbit cannot be propagated ({F(ex.MinutesSinceEpoch, "F3")} min since epoch, SGP4 error {ex.ErrorCode}): {ex.Message}", ExitCodes.Failure);
        }

        PassTimeline timeline = PassTimeline.ForPass(ephemeris, site, pass, set, new PassTimelineOptions { StepS = r.StepS, CloudIndex = r.Cloud, UrbanSky = !r.Rural });
        var samples = timeline.Samples.Select(s => new SampleRow(
            Iso(s.TimeUtc), s.PassSeconds, s.ElevationDeg, s.AzimuthDeg, s.RangeKm, s.RangeRateKmPerS, timeline.OneWayDelayS(s.PassSeconds),
            BudgetRowOf(s.Budget), s.SignalDetectionRatePerS, s.BackgroundCountsPerSPerDetector, s.SunElevationDeg, s.MoonSeparationDeg)).ToList();
        var output = new LinkPassOutput(set.Name, source, SiteOf(site), Iso(pass.RiseUtc), Iso(pass.SetUtc), Iso(pass.MaxElevationUtc), pass.MaxElevationDeg, pass.Duration.TotalSeconds, set.Assumed, samples);
        if (r.Json)
        {
            CliJson.Write(output);
            return ExitCodes.Ok;
        }

        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(set.Name)}[/] over [bold]{Markup.Escape(site.Name)}[/]: {Markup.Escape(source)}");
        AnsiConsole.WriteLine($"rise {output.RiseUtc}, max {F(pass.MaxElevationDeg, "F2")} deg at {output.MaxElevationUtc}, set {output.SetUtc} ({F(pass.Duration.TotalSeconds, "F1")} s)");
        var table = new Table().AddColumns("t (s)", "el (deg)", "az (deg)", "range (km)", "rate (km/s)", "geo", "atm", "point", "total (dB)", "signal (1/s)", "bg (1/s/det)");
        for (int i = 0; i < samples.Count; i++)
        {
            if (i % 10 != 0 && i != samples.Count - 1)
            {
                continue;
            }

            SampleRow s = samples[i];
            table.AddRow(F(s.PassS, "F0"), F(s.ElevationDeg, "F2"), F(s.AzimuthDeg, "F1"), F(s.RangeKm, "F1"), F(s.RangeRateKmPerS, "F3"),
                F(s.Budget.GeometricLossDb + s.Budget.TurbulenceLossDb, "F2"), F(s.Budget.AtmosphereLossDb, "F2"), F(s.Budget.PointingLossDb, "F2"),
                F(s.Budget.TotalLossDb, "F2"), F(s.SignalDetectionRatePerS, "F0"), F(s.BackgroundCountsPerSPerDetector, "F1"));
        }

        AnsiConsole.Write(table);
        return ExitCodes.Ok;
    }

    private static BudgetRow BudgetRowOf(LinkBudget b) => new(
        b.RangeKm, b.ElevationDeg, b.GeometricLossDb, b.TurbulenceLossDb, b.AtmosphereLossDb, b.PointingLossDb, b.OpticsLossDb, b.CouplingLossDb, b.DetectorLossDb,
        b.TotalLossDb, b.Transmittance, b.BeamRadiusAtReceiverM, b.FriedParameterM);

    private static IEnumerable<(string Name, double Db)> Terms(LinkBudget b) =>
    [
        ("geometric (diffraction/spreading)", b.GeometricLossDb),
        ("turbulence (beam wander)", b.TurbulenceLossDb),
        ("atmosphere", b.AtmosphereLossDb),
        ("pointing", b.PointingLossDb),
        ("optics", b.OpticsLossDb),
        ("coupling", b.CouplingLossDb),
        ("detector", b.DetectorLossDb),
    ];

    private sealed record LinkPassRequest(
        string? Physics, FileInfo? Tle, string? Site, string? From, string? To, double? SyntheticMaxElevationDeg, string? At, bool NightOnly, double? Cloud, double StepS, bool Rural, bool Json);

    private sealed record BudgetRow(
        double RangeKm, double ElevationDeg, double GeometricLossDb, double TurbulenceLossDb, double AtmosphereLossDb, double PointingLossDb, double OpticsLossDb,
        double CouplingLossDb, double DetectorLossDb, double TotalLossDb, double Transmittance, double BeamRadiusAtReceiverM, double FriedParameterM);

    private sealed record BudgetOutput(string Config, string Kind, IReadOnlyList<string> Assumed, BudgetRow Budget);

    private sealed record SampleRow(
        string TimeUtc, double PassS, double ElevationDeg, double AzimuthDeg, double RangeKm, double RangeRateKmPerS, double OneWayDelayS,
        BudgetRow Budget, double SignalDetectionRatePerS, double BackgroundCountsPerSPerDetector, double SunElevationDeg, double MoonSeparationDeg);

    private sealed record LinkPassOutput(
        string Config, string Source, SiteOutput Site, string RiseUtc, string SetUtc, string MaxElevationUtc, double MaxElevationDeg, double DurationS,
        IReadOnlyList<string> Assumed, IReadOnlyList<SampleRow> Samples);
}
