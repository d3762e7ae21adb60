using System.Text.Json;

namespace JinanOnboard.EndToEnd.Tests;

/// <summary>
/// The pointing loops in the two firmware processes, through their drivers, steering the light of the bench (issue 16):
/// a beacon lost for 10 s costs the detections of its window, both ends lose lock and acquire again, and the pass ends
/// with equal keys.
/// </summary>
public sealed class PointingBenchTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_beacon_lost_for_10_s_empties_its_window_and_the_loops_lock_again()
    {
        string directory = JinanProcess.NewDirectory();
        string config = Path.Combine(directory, "beacon.json");
        File.WriteAllText(config, """{ "pass": { "duration_s": 40 }, "link": { "downlink": { "outages": [ { "start_s": 15, "end_s": 25, "reason": "beacon" } ] } } }""");
        string output = Path.Combine(directory, "out");

        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "bench", "--config", config, "--out", output, "--json");
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\nstdout:\n{run.StandardOutput}\nstderr:\n{run.StandardError}");

        using JsonDocument report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        JsonElement root = report.RootElement;
        Assert.True(root.GetProperty("keys_identical").GetBoolean());
        JsonElement ground = root.GetProperty("ground");

        // Detected pulses per second of pass: the window after the loops let go (16–24 s) against before and after it.
        long[] perSecond = [.. ground.GetProperty("channel_simulation").GetProperty("detected_pulses_per_second").EnumerateArray().Select(e => e.GetInt64())];
        double before = perSecond[5..15].Average();
        double during = perSecond[16..25].Average();
        double after = perSecond[27..39].Average();
        Assert.True(during < 0.01 * before, $"detections per second before {before:F0}, during {during:F0}");
        Assert.True(after > 0.8 * before, $"detections per second before {before:F0}, after {after:F0}");

        // The light followed each end's pointing: T_point near zero in the window, back up after.
        JsonElement coupling = ground.GetProperty("pointing_coupling");
        foreach (string end in new[] { "payload", "ogs" })
        {
            double[] tPoint = [.. coupling.GetProperty(end).GetProperty("t_point_per_s").EnumerateArray().Select(e => e.GetDouble())];
            Assert.True(tPoint[17..24].Max() < 0.01, $"{end}: T_point in the window up to {tPoint[17..24].Max()}");
            Assert.True(tPoint[27..39].Min() > 0.5, $"{end}: T_point after the window down to {tPoint[27..39].Min()}");
        }

        // Both ends lost lock in the window and locked again after it.
        foreach (string side in new[] { "payload", "ground" })
        {
            JsonElement apt = root.GetProperty(side).GetProperty("apt");
            JsonElement[] events = [.. apt.GetProperty("events").EnumerateArray()];
            Assert.Contains(events, e => e.GetProperty("kind").GetString() == "lock_lost" && e.GetProperty("time_s").GetDouble() is > 15 and < 25);
            Assert.Contains(events, e => e.GetProperty("kind").GetString() == "lock_acquired" && e.GetProperty("time_s").GetDouble() > 25
                && e.GetProperty("detail").GetString()!.StartsWith("fine lock", StringComparison.Ordinal));
            Assert.Equal("fine_lock", apt.GetProperty("acquisition").GetProperty("final_state").GetString());
        }
    }

    [Fact]
    public async Task An_end_that_never_locks_ends_its_pass_with_no_fine_lock_and_says_why()
    {
        // The OGS's coarse lock asks for 1 µrad from a gimbal whose camera error is tens of µrad: it can never lock.
        string directory = JinanProcess.NewDirectory();
        var physics = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(JinanProcess.RepositoryRoot, "configs", "physics", "jinan1.json")))!;
        physics["apt"]!["ogs"]!["coarse_lock_urad"] = 1;
        physics["apt"]!["acquisition"]!["timeout_s"] = 10;
        string physicsPath = Path.Combine(directory, "nolock-physics.json");
        File.WriteAllText(physicsPath, physics.ToJsonString());
        string config = Path.Combine(directory, "nolock.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new { pass = new { duration_s = 20 }, physics = physicsPath }));
        string output = Path.Combine(directory, "out");

        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "bench", "--config", config, "--out", output, "--json");

        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}\nstdout:\n{run.StandardOutput}\nstderr:\n{run.StandardError}");
        using JsonDocument report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        JsonElement root = report.RootElement;
        JsonElement ground = root.GetProperty("processes").GetProperty("ground");
        Assert.Equal("no_fine_lock", ground.GetProperty("status").GetString());
        Assert.Equal(1, ground.GetProperty("exit_code").GetInt32());
        Assert.Contains("OGS APT: no fine lock within 10 s: the coarse error never stayed within 1 µrad", ground.GetProperty("error").GetString(), StringComparison.Ordinal);
        JsonElement payload = root.GetProperty("processes").GetProperty("payload");
        Assert.Equal("completed", payload.GetProperty("status").GetString());
        Assert.Equal(0, payload.GetProperty("exit_code").GetInt32());
        JsonElement acquisition = root.GetProperty("ground").GetProperty("apt").GetProperty("acquisition");
        Assert.Equal(JsonValueKind.Null, acquisition.GetProperty("time_to_fine_lock_s").ValueKind);
        Assert.StartsWith("no fine lock within 10 s", acquisition.GetProperty("failure_reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_default_bench_reports_both_ends_loops_in_their_published_ranges()
    {
        (JinanProcess.Result run, string reportPath) = await DefaultMinutePass.GetAsync();
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\nstdout:\n{run.StandardOutput}\nstderr:\n{run.StandardError}");

        using JsonDocument report = JsonDocument.Parse(File.ReadAllText(reportPath));
        JsonElement root = report.RootElement;
        Assert.True(root.GetProperty("keys_identical").GetBoolean());
        double Rms(string side, string loop) => root.GetProperty(side).GetProperty("apt").GetProperty("loops").EnumerateArray()
            .Single(l => l.GetProperty("name").GetString() == loop).GetProperty("rms_urad").GetDouble();

        // Published ranges (issue 16): payload fine 0.55–1.6 µrad, OGS fine 3.3–4.0 µrad, attitude 280–350 µrad.
        Assert.InRange(Rms("payload", "payload.fine"), 0.55, 1.6);
        Assert.InRange(Rms("ground", "ogs.fine"), 3.3, 4.0);
        Assert.InRange(Rms("payload", "payload.attitude"), 200, 350);

        // The payload's beam pointing reached the OGS half over the optical path and set the channel's coupling.
        JsonElement payloadCoupling = root.GetProperty("ground").GetProperty("pointing_coupling").GetProperty("payload");
        Assert.True(payloadCoupling.GetProperty("coupled").GetBoolean());
        Assert.True(payloadCoupling.GetProperty("completed").GetBoolean());
        Assert.Equal(60 * 2000 + 1, payloadCoupling.GetProperty("samples").GetInt64());
    }
}
