using System.CommandLine;
using JinanOnboard.Orbit.Ephemeris;
using JinanOnboard.Orbit.Frames;
using JinanOnboard.Orbit.Passes;
using JinanOnboard.Orbit.Sites;
using JinanOnboard.Orbit.TwoLineElements;
using Spectre.Console;
using static JinanOnboard.Cli.Commands.OrbitCliSupport;

namespace JinanOnboard.Cli.Commands;

/// <summary><c>jinan orbit propagate</c> and <c>jinan orbit passes</c> (issue 4 item 8).</summary>
internal static partial class CommandCatalog
{
    private const int MaxPropagationSteps = 1_000_000;

    static partial void AddOrbit(RootCommand root)
    {
        var orbit = new Command("orbit", "Orbit propagation (SGP4/SDP4) and pass prediction over ground sites.");
        orbit.Subcommands.Add(CreateOrbitPropagateCommand());
        orbit.Subcommands.Add(CreateOrbitPassesCommand());
        root.Subcommands.Add(orbit);
    }

    private static Command CreateOrbitPropagateCommand()
    {
        var command = new Command("propagate", "Propagate a TLE: per step the TEME and Earth-fixed position (km) and velocity (km/s).");
        var tle = new Option<FileInfo>("--tle") { Description = "TLE file (2- or 3-line sets; the first set is used).", Required = true };
        var from = new Option<string>("--from") { Description = "Start time, ISO 8601 UTC.", Required = true };
        var to = new Option<string>("--to") { Description = "End time, ISO 8601 UTC.", Required = true };
        var step = new Option<double>("--step-s") { Description = "Step in seconds.", DefaultValueFactory = _ => 60.0 };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        foreach (Option o in new Option[] { tle, from, to, step, json })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse => Run(() => RunPropagate(parse.GetValue(tle), parse.GetValue(from), parse.GetValue(to), parse.GetValue(step), parse.GetValue(json))));
        return command;
    }

    private static int RunPropagate(FileInfo? tleFile, string? fromText, string? toText, double stepS, bool json)
    {
        (Tle tle, IEphemeris ephemeris) = LoadTle(tleFile);
        (DateTime from, DateTime to) = ParseWindow(fromText, toText, maxDays: 366);
        Positive(stepS, "--step-s", 86400);
        double spanS = (to - from).TotalSeconds;
        if (spanS / stepS > MaxPropagationSteps)
        {
            throw new UserErrorException($"{Math.Ceiling(spanS / stepS)} steps requested; at most {MaxPropagationSteps} (raise --step-s or shorten the window)");
        }

        var rows = new List<PropagationRow>();
        string? error = null;
        for (long i = 0; ; i++)
        {
            double t = Math.Min(i * stepS, spanS);
            DateTime utc = from.AddTicks((long)Math.Round(t * TimeSpan.TicksPerSecond));
            try
            {
                TemeState teme = ephemeris.StateAt(utc);
                EcefState ecef = TemeToEcef.Convert(teme, utc);
                rows.Add(new PropagationRow(Iso(utc), (utc - tle.EpochUtc).TotalMinutes, Xyz(teme.PositionKm), Xyz(teme.VelocityKmPerS), Xyz(ecef.PositionKm), Xyz(ecef.VelocityKmPerS)));
            }
            catch (OrbitPropagationException ex)
            {
                error = $"propagation stopped at {Iso(utc)} ({F(ex.MinutesSinceEpoch, "F3")} min since epoch, SGP4 error {ex.ErrorCode}): {ex.Message}";
                break;
            }

            if (t >= spanS)
            {
                break;
            }
        }

        if (json)
        {
            CliJson.Write(new PropagationOutput(tle.Name ?? string.Empty, tle.CatalogNumber, Iso(tle.EpochUtc), stepS, rows, error));
        }
        else
        {
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(tle.Name ?? "satellite")}[/] #{tle.CatalogNumber}, epoch {Iso(tle.EpochUtc)}");
            var table = new Table().AddColumns("time (UTC)", "TEME x y z (km)", "TEME vx vy vz (km/s)", "ECEF x y z (km)", "ECEF vx vy vz (km/s)");
            foreach (PropagationRow r in rows)
            {
                table.AddRow(r.TimeUtc, Triple(r.TemePositionKm, "F3"), Triple(r.TemeVelocityKmPerS, "F6"), Triple(r.EcefPositionKm, "F3"), Triple(r.EcefVelocityKmPerS, "F6"));
            }

            AnsiConsole.Write(table);
        }

        if (error is not null)
        {
            Console.Error.WriteLine($"jinan: {error}");
            return ExitCodes.Failure;
        }

        return ExitCodes.Ok;
    }

    private static Command CreateOrbitPassesCommand()
    {
        var command = new Command("passes", "Passes of a TLE over a site: rise/set at the minimum elevation, maximum elevation and its time.");
        var tle = new Option<FileInfo>("--tle") { Description = "TLE file (the first set is used).", Required = true };
        var site = new Option<string>("--site") { Description = "Site name (Jinan, Hefei, Wuhan, Nanshan, the scheduling cities; city:NAME) or lat,lon,height_m.", Required = true };
        var from = new Option<string>("--from") { Description = "Window start, ISO 8601 UTC.", Required = true };
        var to = new Option<string>("--to") { Description = "Window end, ISO 8601 UTC.", Required = true };
        var minElevation = new Option<double>("--min-elevation-deg") { Description = "Minimum elevation, degrees.", DefaultValueFactory = _ => 10.0 };
        var nightOnly = new Option<bool>("--night-only") { Description = "Keep only the parts of passes with the Sun below --max-sun-elevation-deg." };
        var maxSun = new Option<double>("--max-sun-elevation-deg") { Description = "Darkness limit for --night-only, degrees.", DefaultValueFactory = _ => -12.0 };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        foreach (Option o in new Option[] { tle, site, from, to, minElevation, nightOnly, maxSun, json })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse => Run(() => RunPasses(
            parse.GetValue(tle), parse.GetValue(site), parse.GetValue(from), parse.GetValue(to),
            parse.GetValue(minElevation), parse.GetValue(nightOnly), parse.GetValue(maxSun), parse.GetValue(json))));
        return command;
    }

    private static int RunPasses(FileInfo? tleFile, string? siteText, string? fromText, string? toText, double minElevationDeg, bool nightOnly, double maxSunDeg, bool json)
    {
        (Tle tle, IEphemeris ephemeris) = LoadTle(tleFile);
        GroundSite site = ParseSite(siteText);
        (DateTime from, DateTime to) = ParseWindow(fromText, toText, maxDays: 62);
        var options = new PassSearchOptions
        {
            MinElevationDeg = InRange(minElevationDeg, "--min-elevation-deg", 0, 89),
            NightOnly = nightOnly,
            MaxSunElevationDeg = InRange(maxSunDeg, "--max-sun-elevation-deg", -90, 90),
        };
        IReadOnlyList<SatellitePass> passes;
        try
        {
            passes = PassFinder.Find(ephemeris, site, from, to, options);
        }
        catch (OrbitPropagationException ex)
        {
            throw new UserErrorException($"the orbit cannot be propagated over the window ({F(ex.MinutesSinceEpoch, "F3")} min since epoch, SGP4 error {ex.ErrorCode}): {ex.Message}", ExitCodes.Failure);
        }

        var output = new PassesOutput(
            tle.Name ?? string.Empty, tle.CatalogNumber, SiteOf(site), Iso(from), Iso(to), options.MinElevationDeg, nightOnly, options.MaxSunElevationDeg,
            [.. passes.Select(p => new PassRow(Iso(p.RiseUtc), Iso(p.SetUtc), Iso(p.MaxElevationUtc), p.MaxElevationDeg, p.Duration.TotalSeconds, p.RiseAzimuthDeg, p.SetAzimuthDeg, p.StartsAtWindowEdge, p.EndsAtWindowEdge))]);
        if (json)
        {
            CliJson.Write(output);
            return ExitCodes.Ok;
        }

        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(tle.Name ?? "satellite")}[/] over [bold]{Markup.Escape(site.Name)}[/]: {passes.Count} pass(es) above {F(options.MinElevationDeg, "F1")} deg{(nightOnly ? " at night" : string.Empty)}");
        var table = new Table().AddColumns("rise (UTC)", "set (UTC)", "max elevation (UTC)", "max el (deg)", "duration (s)", "rise az", "set az");
        foreach (PassRow r in output.Passes)
        {
            table.AddRow(r.RiseUtc, r.SetUtc, r.MaxElevationUtc, F(r.MaxElevationDeg, "F2"), F(r.DurationS, "F1"), F(r.RiseAzimuthDeg, "F1"), F(r.SetAzimuthDeg, "F1"));
        }

        AnsiConsole.Write(table);
        return ExitCodes.Ok;
    }

    private static SiteOutput SiteOf(GroundSite site) =>
        new(site.Name, site.Position.LatitudeDeg, site.Position.LongitudeDeg, site.Position.HeightM, site.HeightAssumed);

    private static string Triple(double[] v, string format) => $"{F(v[0], format)} {F(v[1], format)} {F(v[2], format)}";

    private sealed record PropagationRow(string TimeUtc, double MinutesSinceEpoch, double[] TemePositionKm, double[] TemeVelocityKmPerS, double[] EcefPositionKm, double[] EcefVelocityKmPerS);

    private sealed record PropagationOutput(string Satellite, int CatalogNumber, string EpochUtc, double StepS, IReadOnlyList<PropagationRow> Steps, string? Error);

    private sealed record SiteOutput(string Name, double LatitudeDeg, double LongitudeDeg, double HeightM, bool HeightAssumed);

    private sealed record PassRow(string RiseUtc, string SetUtc, string MaxElevationUtc, double MaxElevationDeg, double DurationS, double RiseAzimuthDeg, double SetAzimuthDeg, bool StartsAtWindowEdge, bool EndsAtWindowEdge);

    private sealed record PassesOutput(string Satellite, int CatalogNumber, SiteOutput Site, string FromUtc, string ToUtc, double MinElevationDeg, bool NightOnly, double MaxSunElevationDeg, IReadOnlyList<PassRow> Passes);
}
