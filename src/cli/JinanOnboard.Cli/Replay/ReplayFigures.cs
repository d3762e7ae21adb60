using System.Text.Json.Nodes;
using JinanOnboard.Cli.Bench;

namespace JinanOnboard.Cli.Replay;

/// <summary>
/// The figures a replay is judged by (protocol-spec/replay.md): the bench report's distillation figures (key hashes,
/// per-packet QBER, PA blocks), taken from the OGS's details the same way <see cref="BenchReport"/> takes them, and their
/// differences between the recorded pass (the OGS's Summary message in the recording) and the replay.
/// </summary>
internal static class ReplayFigures
{
    /// <summary>The deterministic figures compared, in report order.</summary>
    public static readonly string[] Compared = ["detections", "sifted_bits", "sifted_packets", "qber_per_packet", "pa_key_bits", "final_key_bits", "pa_blocks", "ground_key_sha256"];

    /// <summary>The figures of an OGS whose details (result details or Summary body) are <paramref name="ground"/>.</summary>
    public static JsonObject Of(JsonNode? ground)
    {
        var root = new JsonObject { ["ground"] = ground?.DeepClone(), ["payload"] = null };
        BenchReport.AddDistillation(root);
        // Σ ℓ over the PA blocks: the key privacy amplification makes, stored or not (a changed-settings replay can
        // confirm only the blocks the recorded payload answered, replay.md).
        root["pa_key_bits"] = root["pa_blocks"] is JsonArray blocks ? blocks.Sum(b => b?["l"]?.GetValue<long>() ?? 0) : null;
        var figures = new JsonObject();
        foreach (string name in Compared)
        {
            figures[name] = root[name]?.DeepClone();
        }

        return figures;
    }

    /// <summary>Each compared figure that differs: {figure, recorded, replayed}.</summary>
    public static JsonArray Differences(JsonObject recorded, JsonObject replayed)
    {
        var differences = new JsonArray();
        foreach (string name in Compared)
        {
            if (!JsonNode.DeepEquals(recorded[name], replayed[name]))
            {
                differences.Add(new JsonObject { ["figure"] = name, ["recorded"] = recorded[name]?.DeepClone(), ["replayed"] = replayed[name]?.DeepClone() });
            }
        }

        return differences;
    }

    /// <summary>The approved figures of a golden replay: status and every compared figure of <paramref name="report"/>.</summary>
    public static JsonObject Approvable(JsonObject report)
    {
        var approved = new JsonObject { ["status"] = report["status"]?.DeepClone() };
        foreach (string name in Compared)
        {
            approved[name] = report[name]?.DeepClone();
        }

        return approved;
    }

    /// <summary>Each field of the approved report <paramref name="path"/> that <paramref name="report"/> does not reproduce: {figure, approved, replayed}.</summary>
    public static JsonArray AgainstApproved(JsonObject report, string path)
    {
        JsonObject approved;
        try
        {
            approved = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new UserErrorException($"--approved {path}: not a JSON object");
        }
        catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"--approved {path}: {ex.Message}");
        }

        var differences = new JsonArray();
        foreach ((string name, JsonNode? value) in approved)
        {
            if (!JsonNode.DeepEquals(value, report[name]))
            {
                differences.Add(new JsonObject { ["figure"] = name, ["approved"] = value?.DeepClone(), ["replayed"] = report[name]?.DeepClone() });
            }
        }

        return differences;
    }
}
