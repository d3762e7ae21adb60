using System.Text.Json;
using JinanOnboard.Primitives.Wire;

namespace JinanOnboard.Runtime.Messages;

/// <summary>
/// The ground's end-of-session summary (messages.md §Summary): a UTF-8 JSON object whose members
/// are the ground's result details. The required counters are checked; every other member may be
/// of any JSON type, nested objects included, and unknown members are ignored, so the ground can
/// report more without breaking a payload built to an older list.
/// </summary>
public static class SessionSummary
{
    /// <summary>Members every summary carries: JSON integers from 0 to 2^64 − 1.</summary>
    public static readonly IReadOnlyList<string> RequiredCounters =
    [
        "sync_words_received",
        "sync_batches_received",
        "sync_contiguous_end",
        "housekeeping_sent",
        "payload_housekeeping_received",
        "unroutable_messages",
        "malformed_messages",
    ];

    // A repeated name would make "the" value of a member ambiguous between implementations.
    private static readonly JsonSerializerOptions Strict = new() { AllowDuplicateProperties = false };

    public static byte[] Encode(IReadOnlyDictionary<string, object> values) => JsonSerializer.SerializeToUtf8Bytes(values, Lenient);

    /// <summary>A detail that is not a finite number (a loop that never locked has no RMS) goes as "NaN": the pass must not fail on it.</summary>
    private static readonly JsonSerializerOptions Lenient = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>JSON, not fields, so the codec's reader has nothing to read; a bad body is still the one malformed exception.</summary>
    public static Dictionary<string, JsonElement> Decode(ReadOnlySpan<byte> body)
    {
        Dictionary<string, JsonElement> summary;
        try
        {
            summary = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(body, Strict)
                ?? throw new MalformedMessageException("summary: null");
        }
        catch (JsonException ex)
        {
            throw new MalformedMessageException($"summary: not a JSON object ({ex.Message})", ex);
        }

        foreach (string name in RequiredCounters)
        {
            if (!summary.TryGetValue(name, out JsonElement value))
            {
                throw new MalformedMessageException($"summary: required member {name} is missing");
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetUInt64(out _))
            {
                throw new MalformedMessageException($"summary: {name} is not an integer from 0 to 2^64 - 1 ({value.GetRawText()})");
            }
        }

        return summary;
    }
}
