using System.Text.Json;
using JinanOnboard.Primitives.Recording;

namespace JinanOnboard.EndToEnd.Tests;

/// <summary>One short bench pass with --record, shared by the replay tests (the pass is deterministic: running it once is enough).</summary>
public sealed class RecordedBenchPass : IAsyncLifetime
{
    public string Output { get; } = JinanProcess.NewDirectory();

    public string GroundRecording => Path.Combine(Output, "ground.jrec");

    public string PayloadRecording => Path.Combine(Output, "payload.jrec");

    public JsonElement Report { get; private set; }

    public async Task InitializeAsync()
    {
        JinanProcess.Result run = await JinanProcess.RunAsync(TimeSpan.FromMinutes(3), "bench", "--transport", "tcp", "--duration-s", "10", "--out", Output, "--record", "--json");
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.StandardError}");
        using JsonDocument report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Output, "report.json")));
        Report = report.RootElement.Clone();
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>
/// `jinan bench --record` then `jinan replay` (protocol-spec/replay.md): the ground-only replay re-runs the pass through
/// the current OGS against the recorded payload messages and reproduces the live report; the two recordings agree frame
/// by frame; changed PA settings re-distil; settings the payload's messages depend on are refused.
/// </summary>
public sealed class RecordAndReplayTests(RecordedBenchPass pass) : IClassFixture<RecordedBenchPass>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Replaying_the_ground_recording_reproduces_the_live_pass()
    {
        JsonElement ground = pass.Report.GetProperty("ground");
        string output = JinanProcess.NewDirectory();
        JinanProcess.Result replay = await JinanProcess.RunAsync(Timeout, "replay", pass.GroundRecording, "--out", output, "--json");
        Assert.True(replay.ExitCode == 0, replay.StandardError);
        using JsonDocument replayed = JsonDocument.Parse(replay.StandardOutput);
        JsonElement result = replayed.RootElement;
        Assert.Equal("completed", result.GetProperty("status").GetString());

        // The recorded tags, re-indexed offline, name every detection as the live OGS did (recording-seam.md §Replay).
        Assert.Equal("ground", result.GetProperty("role").GetString());
        Assert.Equal(0, result.GetProperty("torn_tail_bytes").GetInt64());
        Assert.True(result.GetProperty("detections").GetInt64() > 100_000);
        Assert.Equal(ground.GetProperty("detections_digest").GetString(), result.GetProperty("detections_digest").GetString());
        Assert.Equal(ground.GetProperty("time_tags").GetInt64(), result.GetProperty("time_tags").GetInt64());

        // The whole chain re-run through the current OGS gives the live report's figures.
        foreach (string figure in new[] { "detections", "sifted_bits", "sifted_packets", "final_key_bits", "ground_key_sha256" })
        {
            Assert.Equal(pass.Report.GetProperty(figure).ToString(), result.GetProperty(figure).ToString());
        }

        Assert.Equal(pass.Report.GetProperty("payload_key_sha256").GetString(), result.GetProperty("ground_key_sha256").GetString());
        Assert.True(result.GetProperty("final_key_bits").GetInt64() > 0);
        Assert.True(JsonElement.DeepEquals(pass.Report.GetProperty("qber_per_packet"), result.GetProperty("qber_per_packet")));
        Assert.True(JsonElement.DeepEquals(pass.Report.GetProperty("pa_blocks"), result.GetProperty("pa_blocks")));
        Assert.True(result.GetProperty("identical_to_recording").GetBoolean());
        Assert.True(File.Exists(Path.Combine(output, "report.json")));
    }

    [Fact]
    public async Task A_payload_recording_alone_lists_its_link_streams()
    {
        JinanProcess.Result payload = await JinanProcess.RunAsync(Timeout, "replay", pass.PayloadRecording, "--json");
        Assert.True(payload.ExitCode == 0, payload.StandardError);
        using JsonDocument payloadResult = JsonDocument.Parse(payload.StandardOutput);
        JsonElement[] streams = [.. payloadResult.RootElement.GetProperty("streams").EnumerateArray()];
        Assert.All(streams, s => Assert.Equal("link", s.GetProperty("stream").GetString()));
        Assert.Contains(streams, s => s.GetProperty("direction").GetString() == "outgoing" && s.GetProperty("last_pass_s").GetDouble() > 9);
    }

    [Fact]
    public async Task Both_recordings_agree_frame_by_frame_and_a_changed_frame_is_named()
    {
        JinanProcess.Result check = await JinanProcess.RunAsync(Timeout, "replay", pass.PayloadRecording, pass.GroundRecording, "--json");
        Assert.True(check.ExitCode == 0, check.StandardOutput + check.StandardError);
        using (JsonDocument result = JsonDocument.Parse(check.StandardOutput))
        {
            Assert.Equal(JsonValueKind.Null, result.RootElement.GetProperty("divergence").ValueKind);
            JsonElement down = result.RootElement.GetProperty("directions")[0];
            Assert.True(down.GetProperty("frames_received").GetInt64() > 10);
        }

        // One byte of one sent frame changed (its record CRC made again, so the file itself is sound): the ground received
        // a frame the payload's recording says it never sent.
        string tampered = Path.Combine(JinanProcess.NewDirectory(), "payload.jrec");
        long changedRecord = Tamper(pass.PayloadRecording, tampered);
        JinanProcess.Result diverged = await JinanProcess.RunAsync(Timeout, "replay", tampered, pass.GroundRecording, "--json");
        Assert.Equal(1, diverged.ExitCode);
        using JsonDocument report = JsonDocument.Parse(diverged.StandardOutput);
        JsonElement first = report.RootElement.GetProperty("divergence");
        Assert.Equal("downlink", first.GetProperty("direction").GetString());
        Assert.Equal(4 + 40 - 4, first.GetProperty("byte_offset").GetInt32());
        Assert.True(first.GetProperty("record_index").GetInt64() >= 0, $"changed record {changedRecord}");
    }

    [Fact]
    public async Task A_changed_pa_setting_re_distils_and_a_setting_the_payload_depends_on_is_refused()
    {
        JinanProcess.Result changed = await JinanProcess.RunAsync(Timeout, "replay", pass.GroundRecording, "--out", JinanProcess.NewDirectory(), "--set", "distillation.epsilon_sec=1e-6", "--json");
        Assert.True(changed.ExitCode == 0, changed.StandardError);
        using JsonDocument report = JsonDocument.Parse(changed.StandardOutput);
        JsonElement root = report.RootElement;
        Assert.Equal("1e-6", root.GetProperty("settings").GetProperty("distillation.epsilon_sec").GetString());
        string[] differing = [.. root.GetProperty("differences").EnumerateArray().Select(d => d.GetProperty("figure").GetString()!)];
        Assert.Contains("pa_key_bits", differing);
        Assert.True(root.GetProperty("pa_key_bits").GetInt64() > root.GetProperty("recorded").GetProperty("pa_key_bits").GetInt64());
        Assert.Equal(pass.Report.GetProperty("sifted_bits").GetInt64(), root.GetProperty("sifted_bits").GetInt64());

        JinanProcess.Result refused = await JinanProcess.RunAsync(Timeout, "replay", pass.GroundRecording, "--set", "distillation.sample_fraction=0.2");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("distillation.sample_fraction", refused.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refused.StandardError, StringComparison.Ordinal);
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

    /// <summary>
    /// Copies a recording with byte 40 of the frames in its 20th to 24th outgoing link records flipped (five, so that one the
    /// emulated link lost does not hide the change); returns the first changed record's index.
    /// </summary>
    private static long Tamper(string source, string destination)
    {
        using RecordingReader reader = RecordingReader.Open(source);
        using var writer = new RecordingWriter(destination, reader.MetadataJson);
        long index = 0, outgoing = 0, changed = -1;
        foreach (RecordedUnit unit in reader.ReadAll())
        {
            byte[] data = unit.Data;
            if (unit.Stream == "link" && unit.Direction == TapDirection.Outgoing && ++outgoing is >= 20 and <= 24)
            {
                data = (byte[])data.Clone();
                data[4 + 40] ^= 0x5A; // past the 4-byte sync marker: byte 40 of the frame, in its packet zone
                changed = changed < 0 ? index : changed;
            }

            writer.Observe(unit.Stream, unit.Direction, unit.PassTime, data);
            index++;
        }

        return changed;
    }
}
