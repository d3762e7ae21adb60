using System.Text.Json;

namespace JinanOnboard.Runtime.Messages;

/// <summary>SessionControl (APID 0x030) message types.</summary>
public static class SessionMessageTypes
{
    /// <summary>Payload → ground: a pass begins (<see cref="PassStart"/>).</summary>
    public const byte PassStart = 1;

    /// <summary>Payload → ground: the payload's pass clock reached the end (<see cref="PassComplete"/>).</summary>
    public const byte PassComplete = 2;

    /// <summary>Either way: a side's end-of-session summary, a UTF-8 JSON object.</summary>
    public const byte Summary = 3;
}

/// <summary>Layout: u64 pass_id, f64 duration_s, u64 run_seed.</summary>
public sealed record PassStart(ulong PassId, double DurationS, ulong RunSeed)
{
    public byte[] Encode() => new WireWriter(24).U64(PassId).F64(DurationS).U64(RunSeed).ToArray();

    public static PassStart Decode(ReadOnlySpan<byte> body)
    {
        var reader = new WireReader(body, "pass start");
        var start = new PassStart(reader.U64(), reader.F64(), reader.U64());
        reader.ExpectEnd();
        if (!double.IsFinite(start.DurationS) || start.DurationS <= 0)
        {
            throw new MalformedMessageException($"pass start: duration {start.DurationS} s is not positive");
        }

        return start;
    }
}

/// <summary>Layout: u64 sync_words_sent, f64 pass_time_s.</summary>
public sealed record PassComplete(ulong SyncWordsSent, double PassTimeS)
{
    public byte[] Encode() => new WireWriter(16).U64(SyncWordsSent).F64(PassTimeS).ToArray();

    public static PassComplete Decode(ReadOnlySpan<byte> body)
    {
        var reader = new WireReader(body, "pass complete");
        var complete = new PassComplete(reader.U64(), reader.F64());
        reader.ExpectEnd();
        return complete;
    }
}

/// <summary>A side's end-of-session summary: a flat JSON object of named numbers and strings.</summary>
public static class SessionSummary
{
    public static byte[] Encode(IReadOnlyDictionary<string, object> values) => JsonSerializer.SerializeToUtf8Bytes(values);

    public static Dictionary<string, JsonElement> Decode(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(body)
                ?? throw new MalformedMessageException("summary: null");
        }
        catch (JsonException ex)
        {
            throw new MalformedMessageException($"summary: not a JSON object ({ex.Message})");
        }
    }
}
