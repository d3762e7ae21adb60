using System.Globalization;
using System.Text.Json;

namespace JinanOnboard.Distillation.FiniteKey;

/// <summary>
/// Reads the counts.json document of protocol-spec/finite-key-input.md into a
/// <see cref="FiniteKeyInput"/>. Errors name the field and what is wrong.
/// </summary>
public static class FiniteKeyInputJson
{
    private static readonly string[] KnownFields =
        ["intensities", "probabilities", "z", "x", "lambda_ec", "epsilon_sec", "epsilon_cor", "bound"];

    /// <summary>Parses and validates a counts.json document.</summary>
    /// <exception cref="FormatException">The document is not valid JSON or a field is missing or mistyped.</exception>
    /// <exception cref="ArgumentException">A value is out of range (see <see cref="FiniteKeyAnalysis"/>).</exception>
    public static FiniteKeyInput Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"counts.json is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("counts.json must hold one JSON object.");
            }

            foreach (JsonProperty property in root.EnumerateObject())
            {
                // A misspelt optional field would otherwise fall back to its default without a word.
                if (Array.IndexOf(KnownFields, property.Name) < 0)
                {
                    throw new FormatException($"counts.json: unknown field '{property.Name}' (expected one of {string.Join(", ", KnownFields)}).");
                }
            }

            var decoy = new DecoySettings(
                ReadDoubleTriple(root, "intensities"),
                ReadDoubleTriple(root, "probabilities"));
            var input = new FiniteKeyInput(
                decoy,
                ReadBasis(root, "z"),
                ReadBasis(root, "x"),
                ReadDouble(Required(root, "lambda_ec"), "lambda_ec"),
                root.TryGetProperty("epsilon_sec", out JsonElement epsSec) ? ReadDouble(epsSec, "epsilon_sec") : 1e-10,
                root.TryGetProperty("epsilon_cor", out JsonElement epsCor) ? ReadDouble(epsCor, "epsilon_cor") : 1e-10,
                root.TryGetProperty("bound", out JsonElement bound) ? ReadBound(bound) : DeviationBound.Chernoff);
            FiniteKeyInputValidator.Validate(input);
            return input;
        }
    }

    private static JsonElement Required(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out JsonElement value)
            ? value
            : throw new FormatException($"counts.json: field '{name}' is missing.");

    private static BasisCounts ReadBasis(JsonElement root, string basis)
    {
        JsonElement element = Required(root, basis);
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"counts.json: field '{basis}' must be an object with arrays 'n' and 'm'.");
        }

        return new BasisCounts(ReadLongTriple(element, "n", $"{basis}.n"), ReadLongTriple(element, "m", $"{basis}.m"));
    }

    private static PerIntensity<double> ReadDoubleTriple(JsonElement parent, string name)
    {
        JsonElement[] items = ReadTriple(parent, name, name);
        return new(ReadDouble(items[0], name), ReadDouble(items[1], name), ReadDouble(items[2], name));
    }

    private static PerIntensity<long> ReadLongTriple(JsonElement parent, string name, string path)
    {
        JsonElement[] items = ReadTriple(parent, name, path);
        return new(ReadLong(items[0], path), ReadLong(items[1], path), ReadLong(items[2], path));
    }

    private static JsonElement[] ReadTriple(JsonElement parent, string name, string path)
    {
        JsonElement element = Required(parent, name);
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() != 3)
        {
            throw new FormatException($"counts.json: field '{path}' must be an array of 3 numbers (signal, decoy, vacuum).");
        }

        return [.. element.EnumerateArray()];
    }

    private static double ReadDouble(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out double value)
            ? value
            : throw new FormatException($"counts.json: field '{path}' must be a number.");

    private static long ReadLong(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out long value)
            ? value
            : throw new FormatException($"counts.json: field '{path}' must hold whole numbers (counts).");

    private static DeviationBound ReadBound(JsonElement element)
    {
        string? text = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        return text?.ToLower(CultureInfo.InvariantCulture) switch
        {
            "chernoff" => DeviationBound.Chernoff,
            "hoeffding" => DeviationBound.Hoeffding,
            _ => throw new FormatException("counts.json: field 'bound' must be \"chernoff\" or \"hoeffding\"."),
        };
    }
}
