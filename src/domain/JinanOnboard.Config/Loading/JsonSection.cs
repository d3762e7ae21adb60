using System.Globalization;
using System.Text.Json;

namespace JinanOnboard.Config.Loading;

/// <summary>
/// A JSON object being read as configuration: every read names its full key path, checks type and
/// range, and at the end <see cref="RejectUnknownKeys"/> turns a typo into an error instead of a
/// silently ignored setting.
/// </summary>
internal sealed class JsonSection
{
    private readonly JsonElement _element;
    private readonly string _source;
    private readonly string _path;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public JsonSection(JsonElement element, string source, string path)
    {
        _source = source;
        _path = path;
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error(path.Length == 0 ? "(root)" : path, $"must be a JSON object, found {element.ValueKind}");
        }

        _element = element;
    }

    public JsonSection Section(string key)
    {
        string path = Combine(key);
        if (!TryGet(key, out JsonElement value))
        {
            return new JsonSection(EmptyObject, _source, path);
        }

        return new JsonSection(value, _source, path);
    }

    public double Double(string key, double defaultValue, double min, double max)
    {
        if (!TryGet(key, out JsonElement value))
        {
            return defaultValue;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double number) || !double.IsFinite(number))
        {
            throw Error(Combine(key), $"must be a number in [{Format(min)}, {Format(max)}], found {Describe(value)}");
        }

        if (number < min || number > max)
        {
            throw Error(Combine(key), $"= {Format(number)} is out of range [{Format(min)}, {Format(max)}]");
        }

        return number;
    }

    public double? OptionalDouble(string key, double min, double max)
    {
        if (!TryGet(key, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return Double(key, 0, min, max);
    }

    public long Integer(string key, long defaultValue, long min, long max)
    {
        if (!TryGet(key, out JsonElement value))
        {
            return defaultValue;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long number))
        {
            throw Error(Combine(key), $"must be an integer in [{min}, {max}], found {Describe(value)}");
        }

        if (number < min || number > max)
        {
            throw Error(Combine(key), $"= {number} is out of range [{min}, {max}]");
        }

        return number;
    }

    public ulong UnsignedInteger(string key, ulong defaultValue)
    {
        if (!TryGet(key, out JsonElement value))
        {
            return defaultValue;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetUInt64(out ulong number))
        {
            throw Error(Combine(key), $"must be an integer in [0, {ulong.MaxValue}], found {Describe(value)}");
        }

        return number;
    }

    public bool Boolean(string key, bool defaultValue)
    {
        if (!TryGet(key, out JsonElement value))
        {
            return defaultValue;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error(Combine(key), $"must be true or false, found {Describe(value)}"),
        };
    }

    public string String(string key, string defaultValue, IReadOnlyCollection<string>? allowed = null)
    {
        if (!TryGet(key, out JsonElement value))
        {
            return defaultValue;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw Error(Combine(key), $"must be a string, found {Describe(value)}");
        }

        string text = value.GetString()!;
        if (allowed is not null && !allowed.Contains(text))
        {
            throw Error(Combine(key), $"= \"{text}\" is not one of {string.Join(", ", allowed.Select(a => $"\"{a}\""))}");
        }

        return text;
    }

    public IReadOnlyList<JsonSection> Array(string key)
    {
        if (!TryGet(key, out JsonElement value))
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Error(Combine(key), $"must be an array, found {Describe(value)}");
        }

        var items = new List<JsonSection>();
        int index = 0;
        foreach (JsonElement item in value.EnumerateArray())
        {
            items.Add(new JsonSection(item, _source, $"{Combine(key)}[{index}]"));
            index++;
        }

        return items;
    }

    public void RejectUnknownKeys()
    {
        foreach (JsonProperty property in _element.EnumerateObject())
        {
            if (!_read.Contains(property.Name) && !property.Name.StartsWith('_'))
            {
                throw Error(Combine(property.Name), $"is not a known setting (known here: {string.Join(", ", _read.Order(StringComparer.Ordinal))})");
            }
        }
    }

    public ConfigurationException Error(string keyPath, string problem) => new($"{_source}: {keyPath} {problem}");

    public string Combine(string key) => _path.Length == 0 ? key : $"{_path}.{key}";

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    private bool TryGet(string key, out JsonElement value)
    {
        _read.Add(key);
        return _element.TryGetProperty(key, out value);
    }

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"\"{value.GetString()}\"",
        JsonValueKind.Number => value.GetRawText(),
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };
}
