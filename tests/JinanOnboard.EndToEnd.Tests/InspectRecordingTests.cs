using System.Text.Json;

namespace JinanOnboard.EndToEnd.Tests;

/// <summary>
/// `jinan inspect` on the recordings of a real 10 s bench pass, and the damage policy of inspect and replay
/// (recording-seam.md §Damage): corrupted bytes in the middle refuse the file unless --accept-damage; a torn tail is recovered.
/// </summary>
public sealed class InspectRecordingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private static readonly Lazy<Task<(JinanProcess.Result Run, string Output)>> Pass = new(async () =>
    {
        string output = Path.Combine(JinanProcess.NewDirectory(), "out");
        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "bench", "--duration-s", "10", "--out", output, "--record", "--json");
        return (run, output);
    });

    [Fact]
    public async Task Inspect_reports_the_pass_streams_link_and_the_payloads_qber_estimates()
    {
        (JinanProcess.Result run, string output) = await Pass.Value;
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.StandardError}");
        using JsonDocument report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        JsonElement ground = report.RootElement.GetProperty("ground");

        JsonElement result = await InspectJsonAsync(Path.Combine(output, "ground.jrec"));
        Assert.Equal(2, result.GetProperty("version").GetInt32());
        Assert.Equal("ground", result.GetProperty("role").GetString());
        Assert.Equal(0, result.GetProperty("torn_tail_bytes").GetInt64());
        Assert.Empty(result.GetProperty("damage").EnumerateArray());
        JsonElement tags = result.GetProperty("streams").EnumerateArray().Single(s => s.GetProperty("stream").GetString() == "time-tags");
        Assert.Equal(ground.GetProperty("time_tags").GetInt64(), tags.GetProperty("tags").GetInt64());
        Assert.InRange(tags.GetProperty("bytes_per_tag").GetDouble(), 1, 5);

        // The payload's frames as the ground received them: CRC-clean on the default link, Syndromes with QBER estimates.
        JsonElement incoming = result.GetProperty("links").EnumerateArray().Single(l => l.GetProperty("direction").GetString() == "incoming");
        Assert.True(incoming.GetProperty("frames").GetInt64() > 10);
        Assert.True(incoming.GetProperty("packets_per_apid").GetProperty("0x010").GetInt64() > 0); // sync words
        JsonElement[] qber = [.. incoming.GetProperty("packet_qber").EnumerateArray()];
        Assert.NotEmpty(qber);
        Assert.All(qber, p => Assert.InRange(p.GetProperty("qber").GetDouble(), 1e-4, 0.25));

        JsonElement payload = await InspectJsonAsync(Path.Combine(output, "payload.jrec"));
        Assert.Equal("payload", payload.GetProperty("role").GetString());
        JsonElement sent = payload.GetProperty("links").EnumerateArray().Single(l => l.GetProperty("direction").GetString() == "outgoing");
        Assert.Equal(0, sent.GetProperty("frames_bad_crc").GetInt64()); // the tap sees outgoing CADUs before the channel
        Assert.Equal(
            qber.Select(p => p.GetProperty("packet_id").GetInt32()),
            sent.GetProperty("packet_qber").EnumerateArray().Select(p => p.GetProperty("packet_id").GetInt32()));
    }

    [Fact]
    public async Task Corruption_in_the_middle_is_refused_unless_accepted_and_a_torn_tail_is_recovered()
    {
        (JinanProcess.Result run, string output) = await Pass.Value;
        Assert.True(run.ExitCode == 0, run.StandardError);
        byte[] clean = await File.ReadAllBytesAsync(Path.Combine(output, "ground.jrec"));
        string damaged = Path.Combine(JinanProcess.NewDirectory(), "damaged.jrec");
        byte[] bytes = (byte[])clean.Clone();
        for (int i = 0; i < 4; i++)
        {
            bytes[(bytes.Length / 2) + i] ^= 0x5A;
        }

        await File.WriteAllBytesAsync(damaged, bytes);
        foreach (string verb in new[] { "inspect", "replay" })
        {
            JinanProcess.Result refused = await JinanProcess.RunAsync(Timeout, verb, damaged);
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("damaged in the middle", refused.StandardError, StringComparison.Ordinal);
            Assert.Contains("  damaged at offset ", refused.StandardError, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", refused.StandardError, StringComparison.Ordinal);
        }

        JsonElement accepted = await InspectJsonAsync(damaged, "--accept-damage");
        JsonElement damage = Assert.Single(accepted.GetProperty("damage").EnumerateArray());
        Assert.InRange(damage.GetProperty("offset").GetInt64(), 0, bytes.Length / 2);
        Assert.InRange(damage.GetProperty("offset").GetInt64() + damage.GetProperty("length").GetInt64(), (bytes.Length / 2) + 4, bytes.Length);
        Assert.Equal(0, accepted.GetProperty("torn_tail_bytes").GetInt64());

        string torn = Path.Combine(JinanProcess.NewDirectory(), "torn.jrec");
        await File.WriteAllBytesAsync(torn, clean[..^7]);
        JsonElement recovered = await InspectJsonAsync(torn);
        Assert.True(recovered.GetProperty("torn_tail_bytes").GetInt64() > 7);
        Assert.Empty(recovered.GetProperty("damage").EnumerateArray());
    }

    private static async Task<JsonElement> InspectJsonAsync(string path, params string[] options)
    {
        JinanProcess.Result inspect = await JinanProcess.RunAsync(Timeout, ["inspect", path, "--json", .. options]);
        Assert.True(inspect.ExitCode == 0, inspect.StandardError);
        using JsonDocument document = JsonDocument.Parse(inspect.StandardOutput);
        return document.RootElement.Clone();
    }
}
