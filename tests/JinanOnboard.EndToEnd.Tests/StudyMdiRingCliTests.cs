using System.Text.Json;

namespace JinanOnboard.EndToEnd.Tests;

/// <summary>`jinan study mdi` and `jinan study ring` (issue 19 parts 3 and 4): results, files and one-line refusals.</summary>
public sealed class StudyMdiRingCliTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Study_mdi_says_the_Micius_pair_is_infeasible_and_writes_its_json_and_picture()
    {
        string directory = JinanProcess.NewDirectory();
        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "study", "mdi", "--out", directory, "--json");

        Assert.True(run.ExitCode == 0, run.StandardError);
        using JsonDocument result = JsonDocument.Parse(run.StandardOutput);
        Assert.False(result.RootElement.GetProperty("feasible").GetBoolean());
        Assert.StartsWith("INFEASIBLE", result.RootElement.GetProperty("verdict").GetString(), StringComparison.Ordinal);
        Assert.True(result.RootElement.GetProperty("infeasible_by_db").GetDouble() > 15);
        Assert.True(File.Exists(Path.Combine(directory, "mdi.json")));
        Assert.True(new FileInfo(Path.Combine(directory, "mdi.png")).Length > 10_000);
    }

    [Theory]
    [InlineData("jinan: --min-elevation-deg 90 must be above 0 and below 90", "--min-elevation-deg", "90")]
    [InlineData("jinan: --receiver-radius-m -0.2 must be a positive radius in metres", "--receiver-radius-m", "-0.2")]
    [InlineData("jinan: --sweep 'width' must be one of height, elevation, aperture, turbulence", "--sweep", "width")]
    public async Task Study_mdi_refuses_bad_values_in_one_line(string line, string option, string value)
    {
        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "study", "mdi", option, value);

        ConfigurationErrorTests.AssertOneLineUsageError(run, line);
    }

    [Fact]
    public async Task Study_mdi_says_when_the_sites_never_see_the_satellite_together()
    {
        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "study", "mdi", "--site-b", "-33.9,18.4,0");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("jinan: empty common visibility: Jinan and -33.9,18.4,0 never see the satellite together", run.StandardError.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Study_ring_reports_a_small_ring_and_refuses_one_that_does_not_close()
    {
        string directory = JinanProcess.NewDirectory();
        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "study", "ring", "--n", "12", "--hours", "6", "--out", directory, "--json");

        Assert.True(run.ExitCode == 0, run.StandardError);
        using JsonDocument result = JsonDocument.Parse(run.StandardOutput);
        Assert.Equal(10, result.RootElement.GetProperty("smallest_ring").GetInt32());
        JsonElement ring = result.RootElement.GetProperty("rings")[0];
        Assert.Equal(12, ring.GetProperty("satellites").GetInt32());
        Assert.Equal(3, ring.GetProperty("smallest_revealing_set").GetInt32());
        Assert.True(new FileInfo(Path.Combine(directory, "ring.png")).Length > 10_000);

        JinanProcess.Result refused = await JinanProcess.RunAsync(Timeout, "study", "ring", "--n", "9");
        ConfigurationErrorTests.AssertOneLineUsageError(refused, "jinan: --n 9: a ring of 9 does not close (its links must pass 100 km above the surface); the smallest ring at 500 km has 10 satellites");
    }
}
