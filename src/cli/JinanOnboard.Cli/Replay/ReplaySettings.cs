using System.Globalization;
using System.Text.Json.Nodes;
using JinanOnboard.Config.Loading;

namespace JinanOnboard.Cli.Replay;

/// <summary>
/// `jinan replay --set KEY=VALUE` (protocol-spec/replay.md §Changed settings): which settings a ground-only replay may
/// change, and the configuration file that carries them. Every distillation setting is in the plan agreement, so the
/// replay's payload peer follows the replay's own value; that is sound only for the settings the recorded payload's
/// messages up to privacy amplification do not depend on. The others are refused, naming the key.
/// </summary>
internal static class ReplaySettings
{
    /// <summary>Settings that act only from the PA step on (the OGS computes ℓ; the payload's sift results and syndromes stand).</summary>
    private static readonly HashSet<string> PaOnly = ["distillation.pa_block_bits", "distillation.epsilon_sec", "distillation.epsilon_cor", "distillation.deviation_bound"];

    /// <summary>Parses KEY=VALUE pairs; refuses what a replay cannot change, with one line naming the key.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(IEnumerable<string> pairs)
    {
        var settings = new List<KeyValuePair<string, string>>();
        foreach (string pair in pairs)
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new UserErrorException($"--set {pair}: expected KEY=VALUE, e.g. distillation.pa_block_bits=900000");
            }

            string key = pair[..equals].Trim();
            string value = pair[(equals + 1)..].Trim();
            if (!PaOnly.Contains(key))
            {
                throw new UserErrorException(key.StartsWith("distillation.", StringComparison.Ordinal)
                    ? $"--set {key}: the payload must agree to it and its recorded messages depend on it (sampling, packets, syndromes): a replay against the recorded payload cannot change it; changeable: {string.Join(", ", PaOnly.Order(StringComparer.Ordinal))}"
                    : $"--set {key}: not a setting a replay can change (changeable: {string.Join(", ", PaOnly.Order(StringComparer.Ordinal))})");
            }

            settings.RemoveAll(s => s.Key == key);
            settings.Add(new(key, value));
        }

        return settings;
    }

    /// <summary>
    /// Writes the recorded configuration with <paramref name="settings"/> applied to <paramref name="path"/> (the firmware
    /// reads files, as jinan campaign's runs); the caller resolves the plan from it, which validates every value.
    /// </summary>
    public static void WriteConfiguration(string recordedConfig, IReadOnlyList<KeyValuePair<string, string>> settings, string path)
    {
        string? file = File.Exists(recordedConfig) ? recordedConfig
            : ConfigurationLoader.FindConfigsDirectory() is { } directory && File.Exists(Path.Combine(directory, recordedConfig + ".json")) ? Path.Combine(directory, recordedConfig + ".json")
            : null;
        if (file is null)
        {
            throw new UserErrorException($"--set: the recording's configuration {recordedConfig} is not a file or a set in configs/ here, so it cannot be changed");
        }

        JsonObject root = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        foreach ((string key, string value) in settings)
        {
            string[] parts = key.Split('.');
            JsonObject section = root;
            foreach (string part in parts[..^1])
            {
                section = section[part] as JsonObject ?? (JsonObject)(section[part] = new JsonObject());
            }

            // Numbers stay numbers; the reader checks ranges and kinds and names the key when one is wrong.
            section[parts[^1]] = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number)
                ? (Math.Floor(number) == number && Math.Abs(number) < 1e15 ? JsonValue.Create((long)number) : JsonValue.Create(number))
                : JsonValue.Create(value);
        }

        root["name"] = $"{root["name"]?.GetValue<string>() ?? recordedConfig} (replay: {string.Join(", ", settings.Select(s => $"{s.Key}={s.Value}"))})";
        File.WriteAllText(path, root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }
}
