using System.Text.Json;

namespace JinanOnboard.EndToEnd.Tests;

/// <summary>
/// The golden recording (tests/golden/replay, README there): a recorded payload played into the current `jinan ground`
/// (`jinan replay --as payload`) must reproduce the approved report field by field; a ground of another configuration
/// refuses the recorded plan and the replay names the differing keys.
/// </summary>
public sealed class GoldenReplayTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private static string Golden(string file) => Path.Combine(JinanProcess.RepositoryRoot, "tests", "golden", "replay", file);

    [Fact]
    public async Task The_current_ground_driven_by_the_golden_payload_recording_reproduces_the_approved_report()
    {
        string root = JinanProcess.NewDirectory();
        string keys = Path.Combine(root, "keys");
        Assert.Equal(0, (await JinanProcess.RunAsync(Timeout, "keys", "init", "--out", keys)).ExitCode);
        string output = Path.Combine(root, "replay");

        (JinanProcess.Result ground, JinanProcess.Result replay) = await JinanProcess.RunGroundThenPayloadAsync(
            Timeout,
            ["ground", "--config", Golden("golden-config.json"), "--keys", keys, "--out", Path.Combine(root, "ground"), "--endpoint", "tcp://127.0.0.1:0"],
            endpoint => ["replay", Golden("payload.jrec"), "--as", "payload", "--endpoint", endpoint, "--payload-secrets", keys, "--out", output,
                "--approved", Golden("approved-report.json"), "--json"]);

        Assert.True(replay.ExitCode == 0, $"replay exit {replay.ExitCode}\n{replay.StandardOutput}\n{replay.StandardError}");
        Assert.True(ground.ExitCode == 0, $"ground exit {ground.ExitCode}\n{ground.StandardError}");
        using JsonDocument report = JsonDocument.Parse(replay.StandardOutput);
        Assert.Equal(0, report.RootElement.GetProperty("approved").GetProperty("differences").GetArrayLength());
        Assert.True(report.RootElement.GetProperty("identical_to_recording").GetBoolean());
        Assert.True(report.RootElement.GetProperty("final_key_bits").GetInt64() > 0);

        // The live ground's own result agrees with what its summary told the replay.
        using JsonDocument groundResult = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(root, "ground", "result.json")));
        Assert.Equal(report.RootElement.GetProperty("ground_key_sha256").GetString(), groundResult.RootElement.GetProperty("details").GetProperty("key_sha256").GetString());
    }

    [Fact]
    public async Task A_ground_of_another_configuration_is_refused_with_the_differing_keys_named()
    {
        string root = JinanProcess.NewDirectory();
        string keys = Path.Combine(root, "keys");
        Assert.Equal(0, (await JinanProcess.RunAsync(Timeout, "keys", "init", "--out", keys)).ExitCode);

        (_, JinanProcess.Result replay) = await JinanProcess.RunGroundThenPayloadAsync(
            Timeout,
            ["ground", "--keys", keys, "--out", Path.Combine(root, "ground"), "--endpoint", "tcp://127.0.0.1:0"],
            endpoint => ["replay", Golden("payload.jrec"), "--as", "payload", "--endpoint", endpoint, "--payload-secrets", keys, "--out", Path.Combine(root, "replay")]);

        Assert.Equal(2, replay.ExitCode);
        Assert.Contains("distillation.packet_bits: 24000 here, 100000 at the peer", replay.StandardError, StringComparison.Ordinal);
        Assert.Contains("pass.duration_s", replay.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", replay.StandardError, StringComparison.Ordinal);
    }
}
