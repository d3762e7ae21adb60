using System.Globalization;
using System.Text.Json.Nodes;

namespace JinanOnboard.Cli.Bench;

/// <summary>Numbers read back from a firmware result, which writes non-finite values as the literals "NaN", "Infinity", "-Infinity".</summary>
internal static class ReportNumbers
{
    /// <summary>The value of a JSON number or named floating-point literal; null for a missing node or anything else.</summary>
    public static double? AsDouble(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        if (value.TryGetValue(out double number))
        {
            return number;
        }

        return value.TryGetValue(out string? text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) ? parsed : null;
    }

    /// <summary>As <see cref="AsDouble"/>, but null unless finite (e.g. the sampled QBER of a packet that has no sample yet).</summary>
    public static double? AsFinite(JsonNode? node) => AsDouble(node) is double d && double.IsFinite(d) ? d : null;
}
