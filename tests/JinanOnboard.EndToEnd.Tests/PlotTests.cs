using System.Text.Json;

namespace JinanOnboard.EndToEnd.Tests;

/// <summary>
/// <c>--plot</c> of <c>jinan apt sim</c> and <c>jinan bench</c> (issue 16 item 4): a PNG is written and named, the result
/// is unchanged, and a path that cannot be written is one line — a refusal (exit 2) for apt sim, a note beside the pass's
/// own result for the bench.
/// </summary>
public sealed class PlotTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    // Under /proc no directory can be created, even by root.
    private const string UnwritableDirectory = "/proc/jinan-plot-test";

    [Fact]
    public async Task Apt_sim_plot_writes_a_png_and_names_it()
    {
        string png = Path.Combine(JinanProcess.NewDirectory(), "pictures", "apt.png");
        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "apt", "sim", "--seconds", "5", "--plot", png);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\nstderr:\n{run.StandardError}");
        Assert.Contains($"wrote {png}", run.StandardOutput, StringComparison.Ordinal);
        AssertPng(png);
    }

    [Fact]
    public async Task Apt_sim_plot_keeps_stdout_the_json_result()
    {
        string png = Path.Combine(JinanProcess.NewDirectory(), "apt.png");
        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "apt", "sim", "--seconds", "2", "--plot", png, "--json");

        Assert.True(run.ExitCode == 0, run.StandardError);
        using JsonDocument result = JsonDocument.Parse(run.StandardOutput); // nothing but the result on stdout
        Assert.Equal(2, result.RootElement.GetProperty("pass_seconds").GetDouble());
        Assert.Contains($"wrote {png}", run.StandardError, StringComparison.Ordinal);
        AssertPng(png);
    }

    [Fact]
    public async Task Apt_sim_refuses_a_plot_path_it_cannot_write_in_one_line()
    {
        string png = Path.Combine(UnwritableDirectory, "apt.png");
        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "apt", "sim", "--seconds", "2", "--plot", png);

        ConfigurationErrorTests.AssertOneLineUsageError(run, $"jinan: --plot {png}: cannot create its directory");
        Assert.Equal(string.Empty, run.StandardOutput.Trim()); // refused before the run
    }

    [Fact]
    public async Task Bench_plot_writes_bench_png_after_the_pass()
    {
        string directory = JinanProcess.NewDirectory();
        string pictures = Path.Combine(directory, "pictures");
        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "bench", "--duration-s", "10", "--out", Path.Combine(directory, "out"), "--plot", pictures);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\nstdout:\n{run.StandardOutput}\nstderr:\n{run.StandardError}");
        string png = Path.Combine(pictures, "bench.png");
        Assert.Contains($"wrote {png}", run.StandardOutput, StringComparison.Ordinal);
        AssertPng(png);
    }

    [Fact]
    public async Task Bench_keeps_its_result_when_the_plot_cannot_be_written()
    {
        string output = Path.Combine(JinanProcess.NewDirectory(), "out");
        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "bench", "--duration-s", "3", "--out", output, "--plot", UnwritableDirectory, "--json");

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\nstderr:\n{run.StandardError}");
        using JsonDocument report = JsonDocument.Parse(run.StandardOutput);
        Assert.True(report.RootElement.GetProperty("keys_identical").GetBoolean());
        string[] plotLines = [.. run.StandardError.Split('\n').Where(l => l.Contains("--plot", StringComparison.Ordinal))];
        string line = Assert.Single(plotLines);
        Assert.StartsWith($"jinan bench: --plot {UnwritableDirectory}: no picture: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.StandardError, StringComparison.Ordinal);
    }

    private static void AssertPng(string path)
    {
        Assert.True(File.Exists(path), $"{path} was not written");
        byte[] bytes = File.ReadAllBytes(path);
        byte[] signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        Assert.Equal(signature, bytes[..8]);

        // A stacked figure with traces and text is tens of kilobytes; an empty canvas of that size compresses to a few.
        Assert.InRange(bytes.Length, 20_000, 5_000_000);
    }
}
