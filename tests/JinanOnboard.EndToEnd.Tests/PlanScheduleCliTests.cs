using System.Text.Json;

namespace JinanOnboard.EndToEnd.Tests;

/// <summary>`jinan plan schedule`: a short real run and its one-line refusals (unknown city, stale TLE, bad --days).</summary>
public sealed class PlanScheduleCliTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_day_for_three_cities_schedules_with_the_exact_programme_at_least_as_good_as_the_ga()
    {
        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "plan", "schedule", "--days", "1", "--cities", "Beijing,Jinan,Shanghai", "--no-clouds", "--ga-generations", "50", "--json");

        Assert.True(run.ExitCode == 0, run.StandardError);
        using JsonDocument result = JsonDocument.Parse(run.StandardOutput);
        JsonElement strategies = result.RootElement.GetProperty("strategies");
        Assert.Equal(3, strategies.GetArrayLength());
        foreach (JsonElement s in strategies.EnumerateArray().Take(2))
        {
            Assert.True(s.GetProperty("exact").GetProperty("objective").GetDouble() >= s.GetProperty("genetic").GetProperty("objective").GetDouble());
        }

        Assert.Equal(8640, result.RootElement.GetProperty("window").GetProperty("intervals").GetInt32());
    }

    [Fact]
    public async Task An_unknown_city_is_named()
    {
        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "plan", "schedule", "--cities", "Beijing,Atlantis");

        ConfigurationErrorTests.AssertOneLineUsageError(run, "jinan: unknown city 'Atlantis'; the study's cities are Urumqi, Lhasa, Xi'an, Chengdu, Shenyang, Beijing, Jinan, Hefei, Wuhan, Shanghai, Guangzhou");
    }

    [Fact]
    public async Task A_window_far_from_the_tle_epoch_is_refused_naming_both_dates()
    {
        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "plan", "schedule", "--start", "2026-01-15T00:00:00Z");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("TLE too old for the window: epoch 2024-01-16T03:46:35.177Z", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("window starts 2026-01-15T00:00:00.000Z", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_days_are_refused()
    {
        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "plan", "schedule", "--days", "0");

        ConfigurationErrorTests.AssertOneLineUsageError(run, "jinan: --days 0 must be in (0, 31]");
    }
}
