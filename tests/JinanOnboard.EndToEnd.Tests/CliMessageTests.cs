using System.Text.Json;

namespace JinanOnboard.EndToEnd.Tests;

/// <summary>The tool verbs (`jinan ldpc bench`, `jinan pa`, `jinan link`): progress on stderr, one-line refusals with exit 2.</summary>
public sealed class CliMessageTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Ldpc_bench_shows_progress_on_stderr_and_keeps_stdout_the_json_result()
    {
        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "ldpc", "bench", "--qber", "0.02", "--frames", "3", "--json");

        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Contains("ldpc bench: frame 1/3 (", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("ldpc bench: frame 3/3 (", run.StandardError, StringComparison.Ordinal);
        using JsonDocument result = JsonDocument.Parse(run.StandardOutput); // nothing but the result on stdout
        Assert.Equal(3, result.RootElement.GetProperty("frames").GetInt32());
    }

    [Fact]
    public async Task Pa_refuses_more_output_bits_than_input_bits()
    {
        string directory = JinanProcess.NewDirectory();
        string input = Path.Combine(directory, "in.bin");
        string seed = Path.Combine(directory, "seed.bin");
        string output = Path.Combine(directory, "out.bin");
        File.WriteAllBytes(input, new byte[4]); // n = 32 bits
        File.WriteAllBytes(seed, new byte[16]); // enough for n + m − 1 = 64 bits, so only m > n can be the objection

        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "pa", "--seed", seed, "--in", input, "--out-bits", "33", "--out", output);

        AssertOneLineUsageError(run, "jinan: --out-bits 33 exceeds the 32 input bits: privacy amplification can only shorten its input.");
        Assert.False(File.Exists(output));

        JinanProcess.Result equal = await JinanProcess.RunAsync(Timeout, "pa", "--seed", seed, "--in", input, "--out-bits", "32", "--out", output);
        Assert.True(equal.ExitCode == 0, equal.StandardError);
    }

    [Theory]
    [InlineData("budget", "--range-km", "800", "--elevation-deg", "40")]
    [InlineData("pass", "--synthetic-max-elevation-deg", "60", "--site", "Jinan")]
    public async Task Link_verbs_take_the_physics_set_as_physics_and_refuse_config_naming_it(string verb, string o1, string v1, string o2, string v2)
    {
        JinanProcess.Result refused = await JinanProcess.RunAsync(Timeout, "link", verb, "--config", "jinan1", o1, v1, o2, v2, "--json");
        AssertOneLineUsageError(refused, "jinan: --config names a run configuration (bench, payload, ground); the link verbs take a physics set: use --physics jinan1");

        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "link", verb, "--physics", "micius-downlink", o1, v1, o2, v2, "--json");
        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Contains("micius-downlink", run.StandardOutput, StringComparison.Ordinal);
    }

    private static void AssertOneLineUsageError(JinanProcess.Result run, string line)
    {
        ConfigurationErrorTests.AssertOneLineUsageError(run, line);
        Assert.Equal(string.Empty, run.StandardOutput.Trim());
    }
}
