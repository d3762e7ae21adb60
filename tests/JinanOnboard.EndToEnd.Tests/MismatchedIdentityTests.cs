using System.Text.Json;

namespace JinanOnboard.EndToEnd.Tests;

/// <summary>
/// Two sides started with keys from two different `jinan keys init` runs: every frame fails its signature check. The
/// one line each side ends with must say so and name the key files, not only that no valid frame arrived.
/// </summary>
public sealed class MismatchedIdentityTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Both_sides_end_link_lost_saying_every_signature_failed_and_naming_their_key_files()
    {
        string root = JinanProcess.NewDirectory();
        string groundKeys = Path.Combine(root, "ground-keys");
        string payloadKeys = Path.Combine(root, "payload-keys");
        foreach (string keys in new[] { groundKeys, payloadKeys })
        {
            JinanProcess.Result init = await JinanProcess.RunAsync(Timeout, "keys", "init", "--out", keys);
            Assert.True(init.ExitCode == 0, init.StandardError);
        }

        (JinanProcess.Result ground, JinanProcess.Result payload) = await JinanProcess.RunGroundThenPayloadAsync(
            Timeout,
            ["ground", "--keys", groundKeys, "--out", Path.Combine(root, "ground"), "--duration-s", "40",
             "--endpoint", "tcp://127.0.0.1:0", "--result", Path.Combine(root, "ground.json")],
            endpoint =>
            ["payload", "--keys", payloadKeys, "--out", Path.Combine(root, "payload"), "--duration-s", "40",
             "--endpoint", endpoint, "--result", Path.Combine(root, "payload.json")]);

        AssertSignatureDiagnosis(ground, Path.Combine(root, "ground.json"), "payload", Path.Combine(groundKeys, "payload.pub"), Path.Combine(groundKeys, "ground.key"));
        AssertSignatureDiagnosis(payload, Path.Combine(root, "payload.json"), "ground", Path.Combine(payloadKeys, "ground.pub"), Path.Combine(payloadKeys, "payload.key"));
    }

    private static void AssertSignatureDiagnosis(JinanProcess.Result run, string resultPath, string peer, string peerPublic, string ownPrivate)
    {
        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}\n{run.StandardError}");
        using JsonDocument result = JsonDocument.Parse(File.ReadAllText(resultPath));
        Assert.Equal("link_lost", result.RootElement.GetProperty("status").GetString());
        JsonElement link = result.RootElement.GetProperty("link");
        Assert.Equal(0, link.GetProperty("frames_received").GetInt64());
        long bad = link.GetProperty("frames_bad_signature").GetInt64();
        Assert.True(bad > 0);

        string error = result.RootElement.GetProperty("error").GetString()!;
        Assert.Contains($"every frame from the {peer} ({bad}) failed its signature check", error, StringComparison.Ordinal);
        Assert.Contains(peerPublic, error, StringComparison.Ordinal);
        Assert.Contains(ownPrivate, error, StringComparison.Ordinal);

        // The operator's one line is the same text.
        string[] failures = run.StandardError.Split('\n').Where(l => l.Contains(" fail: ", StringComparison.Ordinal)).ToArray();
        string line = Assert.Single(failures);
        Assert.EndsWith(error, line.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.StandardError, StringComparison.Ordinal);
    }
}
