using System.Globalization;
using System.Text.Json;

namespace JinanOnboard.Devices.Profiles;

/// <summary>Typed reads of one JSON object of a profile, each failure a one-line <see cref="DeviceProfileException"/> naming the key.</summary>
internal sealed class EntryReader(JsonElement element, string where, string keyPrefix = "")
{
    public JsonElement Element { get; } = element;

    public string Where { get; } = where;

    public void RejectUnknown(IReadOnlyCollection<string> known)
    {
        foreach (JsonProperty property in Element.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                throw Error(property.Name, $"unknown (expected one of {string.Join(", ", known)})");
            }
        }
    }

    public T Choice<T>(string key, bool required, params (string Name, T Value)[] choices)
    {
        string names = string.Join(", ", choices.Select(c => c.Name));
        if (!Element.TryGetProperty(key, out JsonElement value))
        {
            return required ? throw Error(key, $"required, one of {names}") : default!;
        }

        string? text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        foreach ((string name, T choice) in choices)
        {
            if (name == text)
            {
                return choice;
            }
        }

        throw Error(key, $"expected one of {names}, got {value.GetRawText()}");
    }

    public bool Boolean(string key)
    {
        if (!Element.TryGetProperty(key, out JsonElement value))
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error(key, $"expected true or false, got {value.GetRawText()}"),
        };
    }

    public T? Address<T>(string key, Func<string, T?> parse, string formats)
        where T : class
    {
        if (!Element.TryGetProperty(key, out JsonElement value))
        {
            return null;
        }

        string? text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return (text is null ? null : parse(text)) ?? throw Error(key, $"expected {formats}, got {value.GetRawText()}");
    }

    public double Number(string key, double min, double max, double fallback)
    {
        if (!Element.TryGetProperty(key, out JsonElement value))
        {
            return fallback;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double number) || number < min || number > max)
        {
            throw Error(key, $"expected a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, got {value.GetRawText()}");
        }

        return number;
    }

    private DeviceProfileException Error(string key, string problem) => new($"{Where}: key '{keyPrefix}{key}': {problem}");
}
