using System.Text.Json;

namespace JinanOnboard.Runtime.Hosting;

/// <summary>
/// The one machine-readable line a ground process prints on stdout once it listens, so a bench
/// (or a script) can start the payload against the real endpoint (port 0 resolved).
/// </summary>
public static class ListeningAnnouncement
{
    public static string ListeningLine(string endpoint) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["event"] = "listening", ["endpoint"] = endpoint });

    public static bool TryParseListening(string line, out string endpoint)
    {
        endpoint = string.Empty;
        if (!line.StartsWith('{'))
        {
            return false;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(line);
            if (document.RootElement.TryGetProperty("event", out JsonElement e) && e.GetString() == "listening"
                && document.RootElement.TryGetProperty("endpoint", out JsonElement value))
            {
                endpoint = value.GetString() ?? string.Empty;
                return endpoint.Length > 0;
            }
        }
        catch (JsonException)
        {
            // Not our line.
        }

        return false;
    }
}
