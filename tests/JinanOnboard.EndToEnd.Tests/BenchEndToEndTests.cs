using System.Text.Json;

namespace JinanOnboard.EndToEnd.Tests;

/// <summary>`jinan bench` with payload and ground as two real OS processes.</summary>
public sealed class BenchEndToEndTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Theory]
    [InlineData("tcp")]
    [InlineData("unix")]
    [InlineData("udp")]
    [InlineData("serial")]
    public async Task A_short_pass_completes_between_two_processes(string transport)
    {
        string output = JinanProcess.NewDirectory();
        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "bench", "--transport", transport, "--duration-s", "10", "--out", output, "--json");
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\nstdout:\n{run.StandardOutput}\nstderr:\n{run.StandardError}");

        using JsonDocument report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        JsonElement root = report.RootElement;
        Assert.Equal("completed", root.GetProperty("status").GetString());
        int payloadPid = root.GetProperty("processes").GetProperty("payload").GetProperty("pid").GetInt32();
        int groundPid = root.GetProperty("processes").GetProperty("ground").GetProperty("pid").GetInt32();
        Assert.NotEqual(payloadPid, groundPid);
        Assert.NotEqual(Environment.ProcessId, payloadPid);
        Assert.Equal(10, root.GetProperty("pass_seconds").GetDouble());

        JsonElement downlink = root.GetProperty("link").GetProperty("downlink");
        Assert.True(downlink.GetProperty("frames_received").GetInt64() > 0);
        // 10 s of 9.5 kHz sync words all arrived at the ground.
        long syncSent = root.GetProperty("payload").GetProperty("sync_words_sent").GetInt64();
        Assert.Equal(syncSent, root.GetProperty("ground").GetProperty("sync_words_received").GetInt64());
        Assert.InRange(syncSent, 94_000, 96_000);
    }

    [Fact]
    public async Task A_configured_outage_fires_at_its_pass_time_in_a_fast_mode_pass()
    {
        // A 60 s pass in fast mode lasts a few seconds of wall time: on the wall clock since connection an outage at
        // 20–24 s would never come. On the pass clock it must drop the downlink CADUs sent while the pass time is in
        // [20 s, 24 s) (4 s of pass: at fast-mode speed over 100 ms of wall time, long enough for the writer to send
        // frames in it even on a loaded machine; 2 s was seen to fall between two frames under load), and the link layer must still deliver every sync word afterwards (the stalled pass coasts out
        // of the outage at real-time rate, well inside the 5 s loss-of-link timeout).
        string directory = JinanProcess.NewDirectory();
        string config = Path.Combine(directory, "outage.json");
        File.WriteAllText(config, """{ "link": { "downlink": { "outages": [ { "start_s": 20, "end_s": 24, "reason": "cloud" } ] } } }""");
        string output = Path.Combine(directory, "run");
        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "bench", "--config", config, "--transport", "tcp", "--duration-s", "60", "--out", output, "--json");
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\nstdout:\n{run.StandardOutput}\nstderr:\n{run.StandardError}");

        using JsonDocument report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        JsonElement root = report.RootElement;
        Assert.False(root.GetProperty("realtime").GetBoolean());
        Assert.True(root.GetProperty("wall_seconds").GetDouble() < 60, "the pass should run faster than real time");
        JsonElement downlink = root.GetProperty("link").GetProperty("downlink");
        Assert.True(downlink.GetProperty("emulation").GetProperty("chunks_in_outage").GetInt64() > 0, downlink.ToString());
        Assert.Equal(0, root.GetProperty("link").GetProperty("uplink").GetProperty("emulation").GetProperty("chunks_in_outage").GetInt64());
        Assert.InRange(downlink.GetProperty("utilisation").GetDouble(), double.Epsilon, 1.0);
        long syncSent = root.GetProperty("payload").GetProperty("sync_words_sent").GetInt64();
        Assert.Equal(syncSent, root.GetProperty("ground").GetProperty("sync_words_received").GetInt64());
    }

    [Fact]
    public async Task Killing_the_payload_mid_pass_makes_the_bench_fail_with_a_clear_message_instead_of_hanging()
    {
        string output = JinanProcess.NewDirectory();
        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "bench", "--transport", "tcp", "--realtime", "--duration-s", "60", "--kill-after", "payload:3", "--out", output);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("payload killed by the bench after 3 s, as --kill-after payload:3 asked (no result)", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("ground link lost", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("crashed", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.StandardError, StringComparison.Ordinal);
    }

    /// <summary>
    /// Killed at 0 s the payload never connects, so the ground is still waiting when the supervision grace ends and the
    /// bench stops it: the line says the bench stopped both and why, and calls neither a crash.
    /// </summary>
    [Fact]
    public async Task A_side_the_bench_stops_itself_is_reported_as_stopped_by_the_bench_not_as_a_crash()
    {
        string output = JinanProcess.NewDirectory();
        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "bench", "--kill-after", "payload:0", "--out", output);
        Assert.Equal(1, run.ExitCode);
        string line = run.StandardError.Trim().Split('\n')[^1];
        Assert.Equal(
            "jinan bench: payload killed by the bench after 0 s, as --kill-after payload:0 asked (no result); "
            + "ground stopped by the bench: still running 15 s (loss of link 5 s + 10 s) after the payload ended (no result)",
            line);
        Assert.DoesNotContain("crashed", run.StandardError, StringComparison.Ordinal);
        using JsonDocument report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        JsonElement processes = report.RootElement.GetProperty("processes");
        Assert.Equal("stopped by bench", processes.GetProperty("payload").GetProperty("status").GetString());
        Assert.Equal("stopped by bench", processes.GetProperty("ground").GetProperty("status").GetString());
        Assert.StartsWith("stopped by the bench: still running 15 s", processes.GetProperty("ground").GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_configuration_is_one_line_and_exit_code_2()
    {
        string directory = JinanProcess.NewDirectory();
        string config = Path.Combine(directory, "bad.json");
        File.WriteAllText(config, """{ "link": { "downlink": { "rate_bps": -5 } } }""");
        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "bench", "--config", config, "--out", directory);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("link.downlink.rate_bps = -5 is out of range", run.StandardError, StringComparison.Ordinal);
        Assert.Single(run.StandardError.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_missing_key_file_names_the_file()
    {
        string directory = JinanProcess.NewDirectory();
        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "payload", "--keys", Path.Combine(directory, "nokeys"), "--endpoint", "tcp://127.0.0.1:9");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(Path.Combine(directory, "nokeys", "payload.key"), run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_ground_is_a_clear_error()
    {
        string directory = JinanProcess.NewDirectory();
        JinanProcess.Result keys = await JinanProcess.RunAsync(Timeout, "keys", "init", "--out", directory);
        Assert.Equal(0, keys.ExitCode);
        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "payload", "--keys", directory, "--endpoint", "tcp://127.0.0.1:9?connectTimeoutMs=1000");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("127.0.0.1:9", run.StandardError, StringComparison.Ordinal);
    }
}

/// <summary>Key distillation between two real processes: identical keys, reproducible from the seed.</summary>
public sealed class DistillationEndToEndTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Two_processes_over_tcp_distil_identical_keys_and_the_same_seed_gives_the_same_keys()
    {
        JsonElement first = await RunAsync(seed: 7);
        JsonElement second = await RunAsync(seed: 7);
        JsonElement other = await RunAsync(seed: 8);

        string key = first.GetProperty("ground_key_sha256").GetString()!;
        Assert.Equal(key, first.GetProperty("payload_key_sha256").GetString());
        Assert.True(first.GetProperty("final_key_bits").GetInt64() > 0, "expected a final key from a 40 s pass at culmination");
        Assert.True(first.GetProperty("sifted_packets").GetInt32() >= 2);
        foreach (JsonElement qber in first.GetProperty("qber_per_packet").EnumerateArray())
        {
            Assert.InRange(qber.GetDouble(), 0.002, 0.05);
        }

        Assert.Equal(key, second.GetProperty("ground_key_sha256").GetString());
        Assert.Equal(first.GetProperty("final_key_bits").GetInt64(), second.GetProperty("final_key_bits").GetInt64());
        Assert.NotEqual(key, other.GetProperty("ground_key_sha256").GetString());
        Assert.Equal(other.GetProperty("ground_key_sha256").GetString(), other.GetProperty("payload_key_sha256").GetString());
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_keys_over_another_transport()
    {
        JsonElement tcp = await RunAsync(seed: 7);
        JsonElement unix = await RunAsync(seed: 7, transport: "unix");

        Assert.True(unix.GetProperty("final_key_bits").GetInt64() > 0);
        Assert.Equal(tcp.GetProperty("ground_key_sha256").GetString(), unix.GetProperty("ground_key_sha256").GetString());
        Assert.Equal(unix.GetProperty("ground_key_sha256").GetString(), unix.GetProperty("payload_key_sha256").GetString());
    }

    private static async Task<JsonElement> RunAsync(int seed, string transport = "tcp")
    {
        string output = JinanProcess.NewDirectory();
        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "bench", "--transport", transport, "--duration-s", "40", "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", output, "--json");
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\nstderr:\n{run.StandardError}");
        using JsonDocument report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        return report.RootElement.Clone();
    }
}
