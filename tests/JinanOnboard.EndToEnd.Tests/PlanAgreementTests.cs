using System.Text.Json;

namespace JinanOnboard.EndToEnd.Tests;

/// <summary>
/// The two firmware processes compare their run plans in the link handshake (protocol-spec/delivery.md §Plan
/// agreement): a mismatch is refused on both sides, with the differing keys named, before any key material is made.
/// </summary>
public sealed class PlanAgreementTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_mismatched_plan_is_refused_on_both_sides_with_the_keys_named()
    {
        string root = JinanProcess.NewDirectory();
        string keys = Path.Combine(root, "keys");
        Assert.Equal(0, (await JinanProcess.RunAsync(Timeout, "keys", "init", "--out", keys)).ExitCode);

        (JinanProcess.Result ground, JinanProcess.Result payload) = await JinanProcess.RunGroundThenPayloadAsync(
            Timeout,
            ["ground", "--keys", keys, "--out", Path.Combine(root, "ground"), "--seed", "5", "--duration-s", "20", "--endpoint", "tcp://127.0.0.1:0"],
            endpoint => ["payload", "--keys", keys, "--out", Path.Combine(root, "payload"), "--seed", "6", "--duration-s", "30", "--endpoint", endpoint]);

        foreach ((string side, JinanProcess.Result run, string here, string peer) in new[] { ("ground", ground, "5", "6"), ("payload", payload, "6", "5") })
        {
            Assert.True(run.ExitCode == 2, $"{side} exit {run.ExitCode}\n{run.StandardError}");
            using JsonDocument result = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, side, "result.json")));
            Assert.Equal("configuration_error", result.RootElement.GetProperty("status").GetString());
            string error = result.RootElement.GetProperty("error").GetString()!;
            Assert.Contains($"seed: {here} here, {peer} at the peer", error, StringComparison.Ordinal);
            Assert.Contains("pass.duration_s", error, StringComparison.Ordinal);
            Assert.Equal(0, result.RootElement.GetProperty("details").GetProperty("final_key_bits").GetInt64());
            Assert.False(Directory.Exists(Path.Combine(root, side, "keystore")) && Directory.EnumerateFiles(Path.Combine(root, side, "keystore"), "*.jks").Any(f => new FileInfo(f).Length > 0 && !f.EndsWith("pending-keys.jks", StringComparison.Ordinal)),
                $"{side} stored key material");
        }
    }
}
