using System.Text.Json;

namespace JinanOnboard.EndToEnd.Tests;

/// <summary>`jinan bench --record` then `jinan replay`: the recorded time tags, re-indexed offline, name every detection as the live OGS did.</summary>
public sealed class RecordAndReplayTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Replaying_the_ground_recording_reproduces_the_live_detection_stream()
    {
        string output = JinanProcess.NewDirectory();
        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "bench", "--transport", "tcp", "--duration-s", "10", "--out", output, "--record", "--json");
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.StandardError}");
        using JsonDocument report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        JsonElement ground = report.RootElement.GetProperty("ground");

        JinanProcess.Result replay = await JinanProcess.RunAsync(Timeout, "replay", Path.Combine(output, "ground.jrec"), "--json");
        Assert.True(replay.ExitCode == 0, replay.StandardError);
        using JsonDocument replayed = JsonDocument.Parse(replay.StandardOutput);
        JsonElement result = replayed.RootElement;
        Assert.Equal("ground", result.GetProperty("role").GetString());
        Assert.Equal(0, result.GetProperty("torn_tail_bytes").GetInt64());
        Assert.True(result.GetProperty("detections").GetInt64() > 100_000);
        Assert.Equal(ground.GetProperty("detections").GetInt64(), result.GetProperty("detections").GetInt64());
        Assert.Equal(ground.GetProperty("detections_digest").GetString(), result.GetProperty("detections_digest").GetString());
        Assert.Equal(ground.GetProperty("time_tags").GetInt64(), result.GetProperty("time_tags").GetInt64());

        JinanProcess.Result payload = await JinanProcess.RunAsync(Timeout, "replay", Path.Combine(output, "payload.jrec"), "--json");
        Assert.True(payload.ExitCode == 0, payload.StandardError);
        using JsonDocument payloadResult = JsonDocument.Parse(payload.StandardOutput);
        JsonElement[] streams = [.. payloadResult.RootElement.GetProperty("streams").EnumerateArray()];
        Assert.All(streams, s => Assert.Equal("link", s.GetProperty("stream").GetString()));
        Assert.Contains(streams, s => s.GetProperty("direction").GetString() == "outgoing" && s.GetProperty("last_pass_s").GetDouble() > 9);
    }

    [Fact]
    public async Task A_file_that_is_not_a_recording_is_one_line_and_exit_code_2()
    {
        string path = Path.Combine(JinanProcess.NewDirectory(), "not.jrec");
        await File.WriteAllTextAsync(path, "hello");
        JinanProcess.Result replay = await JinanProcess.RunAsync(Timeout, "replay", path);
        Assert.Equal(2, replay.ExitCode);
        Assert.Contains("not a JinanOnboard recording", replay.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", replay.StandardError, StringComparison.Ordinal);
    }
}
