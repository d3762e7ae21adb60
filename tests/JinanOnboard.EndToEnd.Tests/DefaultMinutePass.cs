namespace JinanOnboard.EndToEnd.Tests;

/// <summary>
/// The default bench over 60 s of pass (`jinan bench --duration-s 60 --json`), run once for every test that reads its
/// report: the pass is a function of configuration and seed, so one run serves the loop checks and the polarization checks.
/// </summary>
internal static class DefaultMinutePass
{
    private static readonly Lazy<Task<(JinanProcess.Result Run, string ReportPath)>> Pass = new(RunAsync);

    /// <summary>The run and its report.json path.</summary>
    public static Task<(JinanProcess.Result Run, string ReportPath)> GetAsync() => Pass.Value;

    private static async Task<(JinanProcess.Result, string)> RunAsync()
    {
        string output = Path.Combine(JinanProcess.NewDirectory(), "out");
        JinanProcess.Result run = await JinanProcess.RunAsync(TimeSpan.FromMinutes(3), "bench", "--duration-s", "60", "--out", output, "--json");
        return (run, Path.Combine(output, "report.json"));
    }
}
