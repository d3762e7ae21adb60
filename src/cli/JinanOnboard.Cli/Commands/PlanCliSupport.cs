using System.Globalization;
using JinanOnboard.Orbit.Ephemeris;
using JinanOnboard.Orbit.Sgp4;
using JinanOnboard.Orbit.TwoLineElements;
using JinanOnboard.Physics.Parameters;
using JinanOnboard.Studies.Scheduling.Cities;
using JinanOnboard.Studies.Scheduling.Keys;
using static JinanOnboard.Cli.Commands.OrbitCliSupport;

namespace JinanOnboard.Cli.Commands;

/// <summary>Inputs shared by <c>jinan plan schedule</c> and <c>jinan plan sweep</c>: the TLE, the window, the cities.</summary>
internal static class PlanCliSupport
{
    /// <summary>The shipped Micius element set, relative to the repository root.</summary>
    public const string DefaultTlePath = "configs/orbits/micius.tle";

    /// <summary>Default window start: the day of the shipped TLE's epoch (2024-01-16 03:46 UTC).</summary>
    public const string DefaultStart = "2024-01-16T00:00:00Z";

    /// <summary>Largest distance between the TLE epoch and the window start: SGP4 element sets age in days to weeks.</summary>
    public const double MaxTleAgeDays = 30;

    /// <summary>The TLE file given, or the shipped one found from the current or the program's directory.</summary>
    public static FileInfo ResolveTle(FileInfo? given)
    {
        if (given is not null)
        {
            return given;
        }

        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            string? root = PhysicsParameterSet.FindRepositoryRoot(start);
            if (root is not null && File.Exists(Path.Combine(root, DefaultTlePath)))
            {
                return new FileInfo(Path.Combine(root, DefaultTlePath));
            }
        }

        throw new UserErrorException($"no --tle given and the shipped {DefaultTlePath} was not found (run inside the repository or give --tle FILE)");
    }

    /// <summary>
    /// The element set of <paramref name="file"/> whose epoch is nearest <paramref name="startUtc"/>; refuses one more than
    /// <see cref="MaxTleAgeDays"/> away, naming both dates.
    /// </summary>
    public static (Tle Tle, IEphemeris Ephemeris) LoadTleFor(FileInfo file, DateTime startUtc)
    {
        (Tle first, _) = LoadTle(file);
        IReadOnlyList<Tle> all = TleFile.Load(file.FullName);
        Tle nearest = all.MinBy(t => Math.Abs((t.EpochUtc - startUtc).TotalDays)) ?? first;
        double days = (startUtc - nearest.EpochUtc).TotalDays;
        if (Math.Abs(days) > MaxTleAgeDays)
        {
            throw new UserErrorException(string.Create(CultureInfo.InvariantCulture,
                $"TLE too old for the window: epoch {Iso(nearest.EpochUtc)} of {file.Name}, window starts {Iso(startUtc)} ({Math.Abs(days):F0} days {(days > 0 ? "after" : "before")} the epoch; at most {MaxTleAgeDays} allowed)"));
        }

        return (nearest, new Sgp4Propagator(nearest));
    }

    public static IReadOnlyList<SchedulingCity> ParseCities(string? spec)
    {
        try
        {
            return CityNetwork.Select(spec);
        }
        catch (UnknownCityException ex)
        {
            throw new UserErrorException(ex.Message);
        }
    }

    public static ScheduleWindow ParseWindow(string? start, double days, int samplesPerInterval = 10)
    {
        DateTime startUtc = ParseUtc(start, "--start");
        if (!double.IsFinite(days) || days <= 0 || days > 31)
        {
            throw new UserErrorException(string.Create(CultureInfo.InvariantCulture, $"--days {days} must be in (0, 31]"));
        }

        if (days * 86400 < 10)
        {
            throw new UserErrorException(string.Create(CultureInfo.InvariantCulture, $"--days {days} is shorter than one 10 s interval"));
        }

        return ScheduleWindow.OfDays(startUtc, days, 10, samplesPerInterval);
    }

    public static PassGeometry Geometry(IEphemeris ephemeris, ScheduleWindow window, IReadOnlyList<SchedulingCity> cities, PhysicsParameterSet set)
    {
        try
        {
            return PassGeometry.Compute(ephemeris, window, cities, set.Number("orbit.min_elevation_deg"), set.Number("orbit.max_sun_elevation_deg"));
        }
        catch (AggregateException ex) when (ex.InnerException is OrbitPropagationException o)
        {
            throw new UserErrorException($"the orbit cannot be propagated over the window {Iso(window.StartUtc)} – {Iso(window.EndUtc)}: {o.Message}");
        }
        catch (OrbitPropagationException o)
        {
            throw new UserErrorException($"the orbit cannot be propagated over the window {Iso(window.StartUtc)} – {Iso(window.EndUtc)}: {o.Message}");
        }
        catch (ParameterSetException ex)
        {
            throw new UserErrorException(ex.Message);
        }
    }

    /// <summary>Wide tables stay one line per row when the output is a file or a pipe (Spectre assumes 80 columns there).</summary>
    public static void WideTablesWhenRedirected()
    {
        if (Console.IsOutputRedirected)
        {
            Spectre.Console.AnsiConsole.Profile.Width = 220;
        }
    }

    public static string Bits(double bits) => bits switch
    {
        >= 1e9 => F(bits / 1e9, "F2") + " Gbit",
        >= 1e6 => F(bits / 1e6, "F2") + " Mbit",
        >= 1e3 => F(bits / 1e3, "F1") + " kbit",
        _ => F(bits, "F0") + " bit",
    };
}
