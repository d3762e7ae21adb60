using System.Globalization;
using System.Text.Json;
using JinanOnboard.Studies.Repeaters.Chain;

namespace JinanOnboard.Studies.Repeaters.Scenarios;

/// <summary>A scenario's geometry: two ground stations on a great circle and satellites evenly between them.</summary>
public sealed record RepeaterScenario(string Name, string Description, double StationSeparationKm, int Satellites, double StationOffsetKm);

/// <summary>
/// The study's configuration (configs/studies/repeater.json): memory settings, the physics sets the link losses come
/// from, the sweeps and the scenarios. Every value in it is assumed unless its note names a source.
/// </summary>
public sealed record RepeaterStudyConfig(
    string DownlinkParameterSet,
    string IslParameterSet,
    double AltitudeKm,
    double MinIslRayAltitudeKm,
    double LinkInitialError,
    RepeaterSettings Settings,
    IReadOnlyList<double> CoherenceSweepS,
    IReadOnlyList<double> CutoffSweepS,
    IReadOnlyList<RepeaterScenario> Scenarios)
{
    /// <summary>Path of the shipped configuration relative to the repository root.</summary>
    public const string DefaultRelativePath = "configs/studies/repeater.json";

    /// <summary>Parse and range-check the JSON text; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="FormatException">Bad JSON, a missing key or a value out of range (one line naming the key).</exception>
    public static RepeaterStudyConfig Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{source}: not valid JSON (line {ex.LineNumber + 1}): {ex.Message.Split('\n')[0]}", ex);
        }

        using (doc)
        {
            var r = new Reader(doc.RootElement, source);
            var settings = new RepeaterSettings(
                CoherenceTimeS: r.Number("memory.coherence_time_s", 1e-9, double.PositiveInfinity),
                CutoffS: r.Number("memory.cutoff_s", 1e-9, double.PositiveInfinity),
                MemoryEfficiency: r.Number("memory.efficiency", 1e-12, 1),
                Modes: (int)r.Number("memory.modes", 1, 1e7),
                ModeRateHz: r.Number("source.mode_rate_hz", 1, 1e13),
                SwapSuccessProbability: r.Number("swap.success_probability", 1e-12, 1),
                ErrorCorrectionInefficiency: r.Number("key.error_correction_inefficiency", 1, 10));
            var scenarios = new List<RepeaterScenario>();
            foreach ((JsonElement s, string at) in r.Objects("scenarios"))
            {
                var sr = new Reader(s, $"{source} {at}");
                scenarios.Add(new RepeaterScenario(
                    sr.Text("name"),
                    sr.Text("description"),
                    sr.Number("station_separation_km", 1, 20_000),
                    (int)sr.Number("satellites", 1, 100),
                    sr.Number("station_offset_km", 0, 20_000)));
            }

            if (scenarios.Count == 0)
            {
                throw new FormatException($"{source}: 'scenarios' holds no scenario");
            }

            return new RepeaterStudyConfig(
                r.Text("downlink_parameter_set"),
                r.Text("isl_parameter_set"),
                r.Number("altitude_km", 150, 2000),
                r.Number("min_isl_ray_altitude_km", 0, 1000),
                r.Number("link_initial_error", 0, 0.4999),
                settings,
                r.Numbers("sweep.coherence_times_s", 1e-9, double.PositiveInfinity),
                r.Numbers("sweep.cutoffs_s", 1e-9, double.PositiveInfinity),
                scenarios);
        }
    }

    /// <summary>The scenario called <paramref name="name"/>, or null.</summary>
    public RepeaterScenario? Scenario(string name) => Scenarios.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));

    /// <summary>Reads "section.key" paths of one JSON object with one-line errors.</summary>
    private readonly struct Reader(JsonElement root, string source)
    {
        public double Number(string path, double min, double max)
        {
            JsonElement e = Find(path);
            if (e.ValueKind != JsonValueKind.Number)
            {
                throw new FormatException($"{source}: '{path}' must be a number");
            }

            double v = e.GetDouble();
            if (!(v >= min && v <= max))
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{source}: '{path}' = {v} must be in [{min}, {max}]"));
            }

            return v;
        }

        public IReadOnlyList<double> Numbers(string path, double min, double max)
        {
            JsonElement e = Find(path);
            if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() == 0)
            {
                throw new FormatException($"{source}: '{path}' must be a non-empty array of numbers");
            }

            var values = new List<double>();
            foreach (JsonElement item in e.EnumerateArray())
            {
                double v = item.ValueKind == JsonValueKind.Number ? item.GetDouble() : double.NaN;
                if (!(v >= min && v <= max))
                {
                    throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{source}: '{path}' holds {item.GetRawText()}, each value must be a number in [{min}, {max}]"));
                }

                values.Add(v);
            }

            return values;
        }

        public string Text(string path)
        {
            JsonElement e = Find(path);
            return e.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(e.GetString())
                ? e.GetString()!
                : throw new FormatException($"{source}: '{path}' must be a non-empty string");
        }

        public IEnumerable<(JsonElement Element, string At)> Objects(string path)
        {
            JsonElement e = Find(path);
            if (e.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException($"{source}: '{path}' must be an array of objects");
            }

            int i = 0;
            foreach (JsonElement item in e.EnumerateArray())
            {
                yield return item.ValueKind == JsonValueKind.Object ? (item, $"{path}[{i}]") : throw new FormatException($"{source}: '{path}[{i}]' must be an object");
                i++;
            }
        }

        private JsonElement Find(string path)
        {
            JsonElement e = root;
            foreach (string part in path.Split('.'))
            {
                if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(part, out e))
                {
                    throw new FormatException($"{source}: required key '{path}' is missing");
                }
            }

            return e;
        }
    }
}
