using System.Text.Json;

namespace JinanOnboard.EndToEnd.Tests;

/// <summary>
/// The compensator calibration run by the two firmware processes over the link (issues 16 and 17): the payload sends
/// H, V, D, A, the OGS counts them at the bench's decoder and reports, the payload solves and sets its ELL14 plates
/// through the driver, and the OGS half-wave plate follows the pass geometry through its own.
/// </summary>
public sealed class PolarizationOverLinkTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task The_default_bench_calibrates_over_the_link_to_at_least_25_dB_and_keeps_the_channel_error_below_1_percent()
    {
        (JinanProcess.Result run, string reportPath) = await DefaultMinutePass.GetAsync();
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\nstdout:\n{run.StandardOutput}\nstderr:\n{run.StandardError}");

        using JsonDocument report = JsonDocument.Parse(File.ReadAllText(reportPath));
        JsonElement root = report.RootElement;
        Assert.True(root.GetProperty("keys_identical").GetBoolean());

        // What the payload's firmware measured, from counts the OGS sent over the link.
        JsonElement payload = root.GetProperty("payload").GetProperty("polarization_calibration");
        Assert.True(payload.GetProperty("succeeded").GetBoolean(), payload.GetProperty("reason").GetString());
        Assert.True(payload.GetProperty("requests").GetInt32() >= 8, "at least a survey and a verification round of four states");
        Assert.Equal(payload.GetProperty("requests").GetInt64(), root.GetProperty("ground").GetProperty("reference_counts_answered").GetInt64());

        // The OGS half's truth for the plates the payload left: the contrast reached, and the channel over the window.
        JsonElement polarization = root.GetProperty("polarization");
        Assert.Equal("compensated", polarization.GetProperty("mode").GetString());
        JsonElement calibration = polarization.GetProperty("calibration");
        Assert.True(calibration.GetProperty("succeeded").GetBoolean());
        Assert.Equal(payload.GetProperty("angles_deg").GetProperty("hwp").GetDouble(), calibration.GetProperty("angles_deg").GetProperty("hwp").GetDouble());
        Assert.True(calibration.GetProperty("contrast_db").GetProperty("z").GetDouble() >= 25);
        Assert.True(calibration.GetProperty("contrast_db").GetProperty("x").GetDouble() >= 25);
        Assert.True(polarization.GetProperty("channel_error_mean").GetDouble() < 0.01);
        Assert.Equal(61, polarization.GetProperty("channel_error_per_s").GetArrayLength());

        // The OGS plate followed every second of the pass through its driver.
        JsonElement hwp = root.GetProperty("ground").GetProperty("ogs_hwp");
        Assert.Equal(61, hwp.GetProperty("moves").GetInt32());
        Assert.Equal(JsonValueKind.Null, hwp.GetProperty("fault").ValueKind);
    }

    [Fact]
    public async Task Without_the_loops_the_plates_travel_alone_and_switching_compensation_off_raises_the_qber()
    {
        string directory = JinanProcess.NewDirectory();
        double MeanQber(JsonElement root) => root.GetProperty("qber_per_packet").EnumerateArray().Select(e => e.GetDouble()).Average();
        async Task<JsonDocument> RunAsync(string mode)
        {
            string config = Path.Combine(directory, $"{mode}.json");
            File.WriteAllText(config, $$"""{ "pass": { "duration_s": 60 }, "bench": { "apt": "off", "polarization": "{{mode}}" } }""");
            string output = Path.Combine(directory, mode);
            JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "bench", "--config", config, "--out", output, "--json");
            Assert.True(run.ExitCode == 0, $"{mode}: exit {run.ExitCode}\nstdout:\n{run.StandardOutput}\nstderr:\n{run.StandardError}");
            return JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        }

        using JsonDocument compensated = await RunAsync("compensated");
        using JsonDocument off = await RunAsync("off");
        JsonElement on = compensated.RootElement;
        Assert.True(on.GetProperty("payload").GetProperty("polarization_calibration").GetProperty("succeeded").GetBoolean());
        Assert.Equal("connected", on.GetProperty("payload").GetProperty("polarization_bench").GetProperty("optical_path").GetString());
        Assert.True(on.GetProperty("polarization").GetProperty("channel_error_mean").GetDouble() < 0.01);
        Assert.False(off.RootElement.GetProperty("payload").TryGetProperty("polarization_calibration", out _));
        Assert.True(MeanQber(off.RootElement) > MeanQber(on) + 0.02, $"QBER off {MeanQber(off.RootElement):P2}, compensated {MeanQber(on):P2}");
    }
}
