using System.Text.Json;

namespace JinanOnboard.EndToEnd.Tests;

/// <summary>`jinan study repeater`: a short run's JSON, the files of --out, and one-line refusals of bad input.</summary>
public sealed class StudyRepeaterTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_short_run_prints_both_scenarios_and_writes_json_and_picture()
    {
        string directory = JinanProcess.NewDirectory();

        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "study", "repeater", "--events", "20000", "--sweep", "cutoff", "--out", directory, "--json");

        Assert.True(run.ExitCode == 0, run.StandardError);
        using JsonDocument result = JsonDocument.Parse(run.StandardOutput);
        JsonElement[] scenarios = [.. result.RootElement.GetProperty("scenarios").EnumerateArray()];
        Assert.Equal(["a", "b"], scenarios.Select(s => s.GetProperty("scenario").GetString()));
        Assert.All(scenarios, s => Assert.Equal(20000, s.GetProperty("events").GetInt64()));
        Assert.True(scenarios[0].GetProperty("key_rate_bits_per_s").GetDouble() > scenarios[0].GetProperty("direct_bits_per_s").GetDouble());
        Assert.True(File.Exists(Path.Combine(directory, "repeater.json")));
        Assert.True(new FileInfo(Path.Combine(directory, "repeater.png")).Length > 1000);
    }

    [Theory]
    [InlineData("jinan: --events 0 must be a whole number in [1, 1e9]", "--events", "0")]
    [InlineData("jinan: --cutoff-s 0 must be a positive number of seconds (use --no-cutoff to keep qubits however old)", "--cutoff-s", "0")]
    [InlineData("jinan: --coherence-s -1 must be a positive number of seconds", "--coherence-s", "-1")]
    [InlineData("jinan: --scenario 'c' must be a, b or both", "--scenario", "c")]
    public async Task Bad_input_is_refused_in_one_line(string line, string option, string value)
    {
        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "study", "repeater", option, value);

        ConfigurationErrorTests.AssertOneLineUsageError(run, line);
    }
}
