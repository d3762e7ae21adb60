using System.Text.Json;

namespace JinanOnboard.EndToEnd.Tests;

/// <summary>
/// What a real laser link does to a pass (issue: the link and the operator): bit errors, a cloud longer than the
/// loss-of-link time, a link beyond what the channel coding carries. Both sides are real processes over TCP.
/// </summary>
public sealed class LinkFaultTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Bit_errors_of_one_in_ten_thousand_both_ways_are_corrected_and_the_keys_agree()
    {
        JsonElement root = await BenchAsync("""{ "link": { "downlink": { "bit_error_rate": 1e-4 }, "uplink": { "bit_error_rate": 1e-4 } } }""", "60", expectSuccess: true);

        Assert.Equal("completed", root.GetProperty("status").GetString());
        Assert.True(root.GetProperty("keys_identical").GetBoolean());
        Assert.True(root.GetProperty("final_key_bits").GetInt64() > 0);
        foreach (string direction in new[] { "downlink", "uplink" })
        {
            JsonElement link = root.GetProperty("link").GetProperty(direction);
            Assert.True(link.GetProperty("frames_corrected").GetInt64() > 0, link.ToString());
            Assert.True(link.GetProperty("symbols_corrected").GetInt64() >= link.GetProperty("frames_corrected").GetInt64());
        }
    }

    [Fact]
    public async Task Duplicated_reordered_and_jittered_frames_both_ways_still_give_equal_keys()
    {
        // netem-like disorder on both directions: 5 % of CADUs twice, 5 % swapped with the next, up to 5 ms extra delay.
        const string disorder = """{ "duplicate_probability": 0.05, "reorder_probability": 0.05, "jitter_ms": 5 }""";
        JsonElement root = await BenchAsync($$"""{ "link": { "downlink": {{disorder}}, "uplink": {{disorder}} } }""", "30", expectSuccess: true);

        Assert.Equal("completed", root.GetProperty("status").GetString());
        Assert.True(root.GetProperty("keys_identical").GetBoolean());
        Assert.True(root.GetProperty("final_key_bits").GetInt64() > 0);
        foreach (string direction in new[] { "downlink", "uplink" })
        {
            JsonElement link = root.GetProperty("link").GetProperty(direction);
            JsonElement emulation = link.GetProperty("emulation");
            long duplicated = emulation.GetProperty("chunks_duplicated").GetInt64();
            Assert.True(duplicated > 0 && emulation.GetProperty("chunks_reordered").GetInt64() > 0, emulation.ToString());

            // The receiver takes each copy for a replay, never for a forgery or a damaged frame.
            Assert.InRange(link.GetProperty("frames_replayed").GetInt64(), 1, duplicated);
            Assert.Equal(0, link.GetProperty("frames_bad_signature").GetInt64());
            Assert.Equal(0, link.GetProperty("frames_bad_crc").GetInt64());
        }
    }

    [Fact]
    public async Task A_ten_second_cloud_mid_pass_is_ridden_out_by_both_sides_with_a_smaller_key()
    {
        // The cloud covers pass 40-50 s of a 100 s pass in both directions: longer than the 5 s loss-of-link time, so
        // the link goes down, and the quantum signal and sync light are blocked too. The session lives on.
        JsonElement clear = await BenchAsync("{}", "100", expectSuccess: true);
        JsonElement cloudy = await BenchAsync(
            """{ "link": { "downlink": { "outages": [ { "start_s": 40, "end_s": 50, "reason": "cloud" } ] }, "uplink": { "outages": [ { "start_s": 40, "end_s": 50, "reason": "cloud" } ] } } }""",
            "100",
            expectSuccess: true,
            output: out string directory);

        Assert.Equal("completed", cloudy.GetProperty("status").GetString());
        Assert.True(cloudy.GetProperty("keys_identical").GetBoolean());
        long clearBits = clear.GetProperty("final_key_bits").GetInt64();
        long cloudyBits = cloudy.GetProperty("final_key_bits").GetInt64();
        Assert.InRange(cloudyBits, 1, clearBits - 1);

        using JsonDocument ground = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "ground.json")));
        Assert.Equal(1, ground.RootElement.GetProperty("details").GetProperty("indexer").GetProperty("sync_reacquisitions").GetInt64());
    }

    [Fact]
    public async Task In_real_time_a_ten_second_cloud_takes_the_link_down_and_up_again_and_both_sides_complete()
    {
        // Real time, so the outage lasts its 10 s on both sides' clocks: each side marks the link down after 5 s of
        // silence, keeps the session, brings it up when frames return, and completes. The ground's pass time comes from
        // the payload's sync words over the link, so it stands still at the cloud's start while the link is down.
        JsonElement root = await BenchAsync(
            """{ "pass": { "realtime": true }, "link": { "downlink": { "outages": [ { "start_s": 5, "end_s": 15, "reason": "cloud" } ] }, "uplink": { "outages": [ { "start_s": 5, "end_s": 15, "reason": "cloud" } ] } } }""",
            "22",
            expectSuccess: true,
            output: out string directory);

        Assert.Equal("completed", root.GetProperty("status").GetString());
        foreach (string side in new[] { "payload", "ground" })
        {
            using JsonDocument result = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, $"{side}.json")));
            JsonElement outage = Assert.Single(result.RootElement.GetProperty("link_outages").EnumerateArray());
            double down = outage.GetProperty("down_at_pass_s").GetDouble();
            Assert.InRange(down, 4.5, 13);
            Assert.InRange(outage.GetProperty("up_at_pass_s").GetDouble(), down, 18);
            Assert.InRange(outage.GetProperty("silent_s").GetDouble(), 8, 12);
        }
    }

    [Fact]
    public async Task Uncoded_frames_at_one_bit_error_in_ten_thousand_end_link_degraded_within_the_bound()
    {
        // Beyond what the link carries (an uncoded 4100-byte CADU arrives intact 4 % of the time): a bounded end with
        // the measured frame error rate, never a hang.
        var started = System.Diagnostics.Stopwatch.StartNew();
        JsonElement root = await BenchAsync(
            """{ "link": { "coding": "none", "downlink": { "bit_error_rate": 1e-4 }, "uplink": { "bit_error_rate": 1e-4 } } }""",
            "60",
            expectSuccess: false);

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(90), $"took {started.Elapsed}");
        Assert.Equal("link_degraded", root.GetProperty("status").GetString());
        Assert.Contains("frame error rate 0.", root.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    private static Task<JsonElement> BenchAsync(string config, string durationS, bool expectSuccess)
        => BenchAsync(config, durationS, expectSuccess, out _);

    private static Task<JsonElement> BenchAsync(string config, string durationS, bool expectSuccess, out string output)
    {
        string directory = JinanProcess.NewDirectory();
        string path = Path.Combine(directory, "config.json");
        File.WriteAllText(path, config);
        output = Path.Combine(directory, "run");
        return RunAsync(path, durationS, expectSuccess, output);
    }

    private static async Task<JsonElement> RunAsync(string config, string durationS, bool expectSuccess, string output)
    {
        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "bench", "--config", config, "--transport", "tcp", "--duration-s", durationS, "--out", output, "--json");
        Assert.True((run.ExitCode == 0) == expectSuccess, $"exit {run.ExitCode}\nstdout:\n{run.StandardOutput}\nstderr:\n{run.StandardError}");
        using JsonDocument report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        return report.RootElement.Clone();
    }
}
