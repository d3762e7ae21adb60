using System.Globalization;
using JinanOnboard.Physics.Parameters;
using JinanOnboard.Orbit.Ephemeris;
using JinanOnboard.Orbit.Sgp4;
using JinanOnboard.Orbit.Sites;
using JinanOnboard.Orbit.TwoLineElements;

namespace JinanOnboard.Cli.Commands;

/// <summary>Input parsing shared by the orbit and link verbs: every user mistake becomes one <see cref="UserErrorException"/> line.</summary>
internal static class OrbitCliSupport
{
    /// <summary>Earliest accepted time (first satellite) and latest (SGP4 two-digit years end in 2056; allow margin to 2100).</summary>
    private static readonly DateTime Earliest = new(1957, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Latest = new(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static int Run(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (UserErrorException ex)
        {
            Console.Error.WriteLine($"jinan: {ex.Message}");
            return ex.ExitCode;
        }
    }

    public static DateTime ParseUtc(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new UserErrorException($"{option} is required (ISO 8601 UTC, e.g. 2026-03-10T14:30:00Z)");
        }

        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime utc))
        {
            throw new UserErrorException($"{option} '{text}' is not an ISO 8601 time (e.g. 2026-03-10T14:30:00Z)");
        }

        if (utc < Earliest || utc >= Latest)
        {
            throw new UserErrorException($"{option} {Iso(utc)} is outside the supported years 1957-2099");
        }

        return DateTime.SpecifyKind(utc, DateTimeKind.Utc);
    }

    public static (DateTime From, DateTime To) ParseWindow(string? from, string? to, double maxDays)
    {
        DateTime f = ParseUtc(from, "--from");
        DateTime t = ParseUtc(to, "--to");
        if (t <= f)
        {
            throw new UserErrorException($"--to {Iso(t)} must be after --from {Iso(f)}");
        }

        if ((t - f).TotalDays > maxDays)
        {
            throw new UserErrorException(string.Create(CultureInfo.InvariantCulture, $"window of {(t - f).TotalDays:F1} days is longer than the {maxDays} days this verb accepts"));
        }

        return (f, t);
    }

    public static GroundSite ParseSite(string? text)
    {
        if (!GroundSite.TryParse(text, out GroundSite? site, out string error))
        {
            throw new UserErrorException(error);
        }

        return site;
    }

    public static (Tle Tle, IEphemeris Ephemeris) LoadTle(FileInfo? file)
    {
        if (file is null)
        {
            throw new UserErrorException("--tle FILE is required");
        }

        if (!file.Exists)
        {
            throw new UserErrorException($"TLE file '{file.FullName}' does not exist");
        }

        IReadOnlyList<Tle> sets;
        try
        {
            sets = TleFile.Load(file.FullName);
        }
        catch (TleFormatException ex)
        {
            throw new UserErrorException(ex.Message.Split('\n')[0]);
        }
        catch (IOException ex)
        {
            throw new UserErrorException($"cannot read TLE file '{file.FullName}': {ex.Message}");
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new UserErrorException($"cannot read TLE file '{file.FullName}': {ex.Message}");
        }

        if (sets.Count == 0)
        {
            throw new UserErrorException($"TLE file '{file.FullName}' holds no element set");
        }

        // The first set is used; a file of several satellites is read as "the first one" and said so in the output.
        return (sets[0], new Sgp4Propagator(sets[0]));
    }

    public static PhysicsParameterSet LoadConfig(string? name)
    {
        try
        {
            return PhysicsParameterSet.Named(name ?? "jinan1");
        }
        catch (ParameterSetException ex)
        {
            throw new UserErrorException(ex.Message);
        }
    }

    public static double Positive(double value, string option, double max)
    {
        if (!double.IsFinite(value) || value <= 0 || value > max)
        {
            throw new UserErrorException(string.Create(CultureInfo.InvariantCulture, $"{option} {value} must be in (0, {max}]"));
        }

        return value;
    }

    public static double InRange(double value, string option, double min, double max)
    {
        if (!double.IsFinite(value) || value < min || value > max)
        {
            throw new UserErrorException(string.Create(CultureInfo.InvariantCulture, $"{option} {value} must be in [{min}, {max}]"));
        }

        return value;
    }

    public static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Iso(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    public static double[] Xyz(Vec3 v) => [v.X, v.Y, v.Z];
}
