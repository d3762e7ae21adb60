using System.Globalization;
using JinanOnboard.Orbit.TwoLineElements;

namespace JinanOnboard.Orbit.Tests.Sgp4;

/// <summary>One propagated line of tcppver.out: minutes since epoch, TEME position (km) and velocity (km/s).</summary>
internal readonly record struct ExpectedState(double TimeMin, double X, double Y, double Z, double Vx, double Vy, double Vz);

/// <summary>One verification case: the TLE, the start/stop/step columns after column 69, and the expected output.</summary>
internal sealed record VerificationCase(string Id, Tle Tle, double StartMin, double StopMin, double StepMin, IReadOnlyList<ExpectedState> Expected)
{
    /// <summary>
    /// The times Vallado's test driver (testcpp) propagates to: epoch first, then start, start+step, ...
    /// while not past stop, then stop itself if the grid missed it. The driver stops at the first error.
    /// </summary>
    public IReadOnlyList<double> TimeGrid()
    {
        var times = new List<double> { 0.0 };
        double t = StartMin;
        while (t <= StopMin)
        {
            if (!(t == 0.0 && StartMin == 0.0))
            {
                times.Add(t);
            }

            t += StepMin;
        }

        if (t - StopMin < StepMin - 1e-6)
        {
            times.Add(StopMin);
        }

        return times;
    }
}

/// <summary>
/// Reader for Vallado's verification files: SGP4-VER.TLE (TLE pairs whose line 2 carries start, stop and
/// step minutes after column 69; hand-edited cases carry stale checksums) and tcppver.out ("NNNNN xx"
/// headers followed by lines whose first seven numbers are time, r and v).
/// </summary>
internal static class ValladoVerificationData
{
    private static readonly Lazy<IReadOnlyList<VerificationCase>> Cases = new(Load);

    public static IReadOnlyList<VerificationCase> All => Cases.Value;

    public static VerificationCase Get(string id) => All.Single(c => c.Id == id);

    private static List<VerificationCase> Load()
    {
        string dir = ReferenceFiles.Sgp4Directory();
        string[] tleLines = File.ReadAllLines(Path.Combine(dir, "SGP4-VER.TLE"));
        var sections = ReadTcppver(Path.Combine(dir, "tcppver.out"));
        var cases = new List<VerificationCase>();
        var seen = new Dictionary<int, int>();
        for (int i = 0; i < tleLines.Length; i++)
        {
            string line1 = tleLines[i];
            if (!line1.StartsWith("1 ", StringComparison.Ordinal))
            {
                continue;
            }

            string line2 = tleLines[++i];
            var tle = Tle.Parse(line1, line2, null, validateChecksums: false);
            double[] extra = line2[69..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            (int satnum, List<ExpectedState> expected) = sections[cases.Count];
            if (satnum != tle.CatalogNumber)
            {
                throw new InvalidDataException($"tcppver.out section {cases.Count} is {satnum}, SGP4-VER.TLE has {tle.CatalogNumber}");
            }

            seen[satnum] = seen.GetValueOrDefault(satnum) + 1;
            string id = seen[satnum] == 1
                ? satnum.ToString(CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"{satnum}-{seen[satnum]}");
            cases.Add(new VerificationCase(id, tle, extra[0], extra[1], extra[2], expected));
        }

        if (cases.Count != sections.Count)
        {
            throw new InvalidDataException($"{cases.Count} TLE cases but {sections.Count} tcppver.out sections");
        }

        return cases;
    }

    private static List<(int Satnum, List<ExpectedState> States)> ReadTcppver(string path)
    {
        var sections = new List<(int, List<ExpectedState>)>();
        foreach (string raw in File.ReadLines(path))
        {
            string[] fields = raw.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
            {
                continue;
            }

            if (fields.Length == 2 && fields[1] == "xx")
            {
                sections.Add((int.Parse(fields[0], CultureInfo.InvariantCulture), new List<ExpectedState>()));
                continue;
            }

            double F(int k) => double.Parse(fields[k], CultureInfo.InvariantCulture);
            sections[^1].Item2.Add(new ExpectedState(F(0), F(1), F(2), F(3), F(4), F(5), F(6)));
        }

        return sections;
    }
}
