using System.Globalization;
using System.Text.Json;

namespace JinanOnboard.Physics.Parameters;

/// <summary>
/// A named set of physics parameters (parameters.md) loaded from JSON under configs/physics/.
/// Keys are "section.key" paths; every key is range-checked on load, unknown keys are rejected,
/// and the keys listed in "assumed" are those not published (kept visible as the brief requires).
/// Keys starting with "_" are notes and ignored.
/// </summary>
public sealed class PhysicsParameterSet
{
    /// <summary>Folder, relative to the repository root, holding the shipped sets.</summary>
    public const string ConfigFolder = "configs/physics";

    private readonly Dictionary<string, double> _numbers;
    private readonly Dictionary<string, double[]> _arrays;
    private readonly Dictionary<string, string> _texts;

    private PhysicsParameterSet(string sourcePath, Dictionary<string, double> numbers, Dictionary<string, double[]> arrays, Dictionary<string, string> texts, IReadOnlyList<string> assumed)
    {
        SourcePath = sourcePath;
        _numbers = numbers;
        _arrays = arrays;
        _texts = texts;
        Assumed = assumed;
        Name = texts["name"];
        Description = texts.GetValueOrDefault("description", string.Empty);
        Kind = texts["link.kind"] switch
        {
            "downlink" => LinkKind.Downlink,
            "uplink" => LinkKind.Uplink,
            _ => LinkKind.InterSatellite,
        };
    }

    /// <summary>The set's name ("jinan1", "micius-downlink", ...).</summary>
    public string Name { get; }

    /// <summary>One line saying what the set models.</summary>
    public string Description { get; }

    /// <summary>The file it was loaded from.</summary>
    public string SourcePath { get; }

    /// <summary>The link model the set describes.</summary>
    public LinkKind Kind { get; }

    /// <summary>Keys whose values are engineering assumptions, not published figures.</summary>
    public IReadOnlyList<string> Assumed { get; }

    /// <summary>All numeric keys present.</summary>
    public IEnumerable<string> NumberKeys => _numbers.Keys;

    /// <summary>Signal wavelength, metres.</summary>
    public double WavelengthM => Number("source.wavelength_nm") * 1e-9;

    /// <summary>Whether a numeric key is present.</summary>
    public bool Has(string key) => _numbers.ContainsKey(key) || _arrays.ContainsKey(key);

    /// <summary>A numeric key's value; throws <see cref="ParameterSetException"/> naming the file and key when absent.</summary>
    public double Number(string key) =>
        _numbers.TryGetValue(key, out double v) ? v : throw new ParameterSetException($"{SourcePath}: required key '{key}' is missing");

    /// <summary>A numeric key's value, or <paramref name="fallback"/> when absent.</summary>
    public double NumberOr(string key, double fallback) => _numbers.TryGetValue(key, out double v) ? v : fallback;

    /// <summary>An array key's values; throws when absent.</summary>
    public IReadOnlyList<double> Array(string key) =>
        _arrays.TryGetValue(key, out double[]? v) ? v : throw new ParameterSetException($"{SourcePath}: required key '{key}' is missing");

    /// <summary>A text key's value, or null.</summary>
    public string? Text(string key) => _texts.GetValueOrDefault(key);

    /// <summary>Whether a key is marked as assumed.</summary>
    public bool IsAssumed(string key) => Assumed.Contains(key, StringComparer.Ordinal);

    /// <summary>
    /// A copy of this set with one numeric key set to <paramref name="value"/> (added if absent), for parameter sweeps.
    /// The key must be a known number key and the value inside its schema range; the copy is re-checked like a loaded set.
    /// </summary>
    /// <exception cref="ParameterSetException">Unknown or non-numeric key, or a value outside the allowed range.</exception>
    public PhysicsParameterSet WithNumber(string key, double value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ParameterSpec spec = ParameterSchema.Find(key) ?? throw new ParameterSetException($"{SourcePath}: unknown key '{key}'");
        if (spec.Kind != ParameterKind.Number)
        {
            throw new ParameterSetException($"{SourcePath}: key '{key}' is not a single number");
        }

        if (!double.IsFinite(value))
        {
            throw new ParameterSetException($"{SourcePath}: key '{key}' must be a finite number, got {value.ToString(CultureInfo.InvariantCulture)}");
        }

        var numbers = new Dictionary<string, double>(_numbers, StringComparer.Ordinal) { [key] = CheckRange(SourcePath, spec, value) };
        var copy = new PhysicsParameterSet(SourcePath, numbers, _arrays, _texts, Assumed);
        LinkRequirements.Check(copy);
        return copy;
    }

    /// <summary>Load and validate a set from a JSON file.</summary>
    /// <exception cref="ParameterSetException">Missing file, bad JSON, unknown key, wrong type or a value out of range.</exception>
    public static PhysicsParameterSet Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ParameterSetException($"{path}: cannot read parameter set: {ex.Message}", ex);
        }

        return Parse(text, path);
    }

    /// <summary>Parse and validate a set from JSON text; <paramref name="sourceName"/> is used in error messages.</summary>
    public static PhysicsParameterSet Parse(string json, string sourceName)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new ParameterSetException($"{sourceName}: not valid JSON (line {ex.LineNumber + 1}): {ex.Message.Split('\n')[0]}", ex);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ParameterSetException($"{sourceName}: the top level must be a JSON object");
            }

            var numbers = new Dictionary<string, double>(StringComparer.Ordinal);
            var arrays = new Dictionary<string, double[]>(StringComparer.Ordinal);
            var texts = new Dictionary<string, string>(StringComparer.Ordinal);
            var assumed = new List<string>();
            Flatten(doc.RootElement, prefix: "", sourceName, numbers, arrays, texts, assumed);
            Require(sourceName, texts, "name");
            Require(sourceName, texts, "link.kind");
            if (!numbers.ContainsKey("source.wavelength_nm"))
            {
                throw new ParameterSetException($"{sourceName}: required key 'source.wavelength_nm' is missing");
            }

            foreach (string key in assumed)
            {
                if (ParameterSchema.Find(key) is null)
                {
                    throw new ParameterSetException($"{sourceName}: 'assumed' lists unknown key '{key}'");
                }

                if (!numbers.ContainsKey(key) && !arrays.ContainsKey(key) && !texts.ContainsKey(key))
                {
                    throw new ParameterSetException($"{sourceName}: 'assumed' lists key '{key}' which the set does not define");
                }
            }

            CheckProbabilities(sourceName, arrays, "source.intensity_probabilities");
            CheckProbabilities(sourceName, arrays, "source.basis_probabilities");
            if (arrays.TryGetValue("source.intensities", out double[]? mu) && arrays.TryGetValue("source.intensity_probabilities", out double[]? p) && mu.Length != p.Length)
            {
                throw new ParameterSetException($"{sourceName}: 'source.intensities' has {mu.Length} values but 'source.intensity_probabilities' has {p.Length}");
            }

            var set = new PhysicsParameterSet(sourceName, numbers, arrays, texts, assumed);
            LinkRequirements.Check(set);
            return set;
        }
    }

    /// <summary>
    /// Find a set by name: first in <paramref name="extraDirectory"/> (as NAME.json or NAME), then in
    /// configs/physics/ of the repository found by walking up from the current directory and from the
    /// application directory to JinanOnboard.sln. A path to an existing file is loaded directly.
    /// </summary>
    public static PhysicsParameterSet Named(string name, string? extraDirectory = null)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ParameterSetException("parameter set name is empty");
        }

        if (File.Exists(name))
        {
            return Load(name);
        }

        var folders = new List<string>();
        if (extraDirectory is not null)
        {
            folders.Add(extraDirectory);
        }

        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            string? root = FindRepositoryRoot(start);
            if (root is not null)
            {
                folders.Add(Path.Combine(root, ConfigFolder));
            }
        }

        foreach (string folder in folders.Distinct(StringComparer.Ordinal))
        {
            foreach (string candidate in new[] { Path.Combine(folder, name + ".json"), Path.Combine(folder, name) })
            {
                if (File.Exists(candidate))
                {
                    return Load(candidate);
                }
            }
        }

        string known = string.Join(", ", folders.Where(Directory.Exists).SelectMany(f => Directory.EnumerateFiles(f, "*.json")).Select(Path.GetFileNameWithoutExtension).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        throw new ParameterSetException(folders.Count == 0
            ? $"parameter set '{name}' not found: no {ConfigFolder} folder (repository root with JinanOnboard.sln not found) and no directory given"
            : $"parameter set '{name}' not found in {string.Join(", ", folders.Distinct(StringComparer.Ordinal))}; known: {(known.Length == 0 ? "none" : known)}");
    }

    /// <summary>The directory holding JinanOnboard.sln at or above <paramref name="start"/>, or null.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "JinanOnboard.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static void Flatten(JsonElement obj, string prefix, string source, Dictionary<string, double> numbers, Dictionary<string, double[]> arrays, Dictionary<string, string> texts, List<string> assumed)
    {
        foreach (JsonProperty prop in obj.EnumerateObject())
        {
            if (prop.Name.StartsWith('_'))
            {
                continue;
            }

            string key = prefix.Length == 0 ? prop.Name : prefix + "." + prop.Name;
            if (prefix.Length == 0 && prop.Name == "assumed")
            {
                if (prop.Value.ValueKind != JsonValueKind.Array || prop.Value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                {
                    throw new ParameterSetException($"{source}: 'assumed' must be an array of key names");
                }

                assumed.AddRange(prop.Value.EnumerateArray().Select(e => e.GetString()!));
                continue;
            }

            if (prop.Value.ValueKind == JsonValueKind.Object)
            {
                Flatten(prop.Value, key, source, numbers, arrays, texts, assumed);
                continue;
            }

            ParameterSpec spec = ParameterSchema.Find(key) ?? throw new ParameterSetException($"{source}: unknown key '{key}'");
            if (numbers.ContainsKey(key) || arrays.ContainsKey(key) || texts.ContainsKey(key))
            {
                throw new ParameterSetException($"{source}: key '{key}' is given twice");
            }

            switch (spec.Kind)
            {
                case ParameterKind.Text:
                    if (prop.Value.ValueKind != JsonValueKind.String)
                    {
                        throw new ParameterSetException($"{source}: key '{key}' must be a string");
                    }

                    string word = prop.Value.GetString()!;
                    if (spec.Words is not null && !spec.Words.Contains(word, StringComparer.Ordinal))
                    {
                        throw new ParameterSetException($"{source}: key '{key}' = '{word}' is not one of {string.Join(", ", spec.Words)}");
                    }

                    texts[key] = word;
                    break;
                case ParameterKind.Number:
                    numbers[key] = CheckRange(source, spec, ReadNumber(source, key, prop.Value));
                    break;
                default:
                    if (prop.Value.ValueKind != JsonValueKind.Array || prop.Value.GetArrayLength() == 0)
                    {
                        throw new ParameterSetException($"{source}: key '{key}' must be a non-empty array of numbers");
                    }

                    arrays[key] = [.. prop.Value.EnumerateArray().Select(e => CheckRange(source, spec, ReadNumber(source, key, e)))];
                    break;
            }
        }
    }

    private static double ReadNumber(string source, string key, JsonElement e) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out double v) && double.IsFinite(v)
            ? v
            : throw new ParameterSetException($"{source}: key '{key}' must be a finite number, got {e.GetRawText()}");

    private static double CheckRange(string source, ParameterSpec spec, double v) =>
        v >= spec.Min && v <= spec.Max
            ? v
            : throw new ParameterSetException(string.Create(CultureInfo.InvariantCulture,
                $"{source}: key '{spec.Key}' = {v} is outside the allowed range [{spec.Min}, {spec.Max}]{(spec.Unit.Length > 0 ? " " + spec.Unit : string.Empty)}"));

    private static void Require(string source, Dictionary<string, string> texts, string key)
    {
        if (!texts.ContainsKey(key))
        {
            throw new ParameterSetException($"{source}: required key '{key}' is missing");
        }
    }

    private static void CheckProbabilities(string source, Dictionary<string, double[]> arrays, string key)
    {
        if (arrays.TryGetValue(key, out double[]? p) && Math.Abs(p.Sum() - 1.0) > 1e-9)
        {
            throw new ParameterSetException(string.Create(CultureInfo.InvariantCulture, $"{source}: key '{key}' must sum to 1, sums to {p.Sum()}"));
        }
    }
}
