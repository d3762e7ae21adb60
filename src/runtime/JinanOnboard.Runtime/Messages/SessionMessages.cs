using JinanOnboard.Primitives.Wire;

namespace JinanOnboard.Runtime.Messages;

/// <summary>SessionControl (APID 0x030) message types.</summary>
public static class SessionMessageTypes
{
    /// <summary>Payload → ground: a pass begins (<see cref="PassStart"/>).</summary>
    public const byte PassStart = 1;

    /// <summary>Payload → ground: the payload's pass clock reached the end (<see cref="PassComplete"/>).</summary>
    public const byte PassComplete = 2;

    /// <summary>Ground → payload: the ground's end-of-session summary (<see cref="SessionSummary"/>).</summary>
    public const byte Summary = 3;
}

/// <summary>Layout: u64 pass_id, f64 duration_s, u64 run_seed.</summary>
public sealed record PassStart(ulong PassId, double DurationS, ulong RunSeed)
{
    private const int Length = 24;

    public byte[] Encode()
    {
        var body = new byte[Length];
        var writer = new WireWriter(body);
        writer.U64(PassId);
        writer.F64(DurationS);
        writer.U64(RunSeed);
        return body;
    }

    public static PassStart Decode(ReadOnlySpan<byte> body)
    {
        var reader = new WireReader(body, "pass start");
        ulong passId = reader.U64("pass_id");
        double duration = reader.F64("duration_s");
        if (!double.IsFinite(duration) || duration <= 0)
        {
            throw reader.Fail("duration_s", $"{duration} s is not positive");
        }

        var start = new PassStart(passId, duration, reader.U64("run_seed"));
        reader.End();
        return start;
    }
}

/// <summary>Layout: u64 sync_words_sent, f64 pass_time_s.</summary>
public sealed record PassComplete(ulong SyncWordsSent, double PassTimeS)
{
    private const int Length = 16;

    public byte[] Encode()
    {
        var body = new byte[Length];
        var writer = new WireWriter(body);
        writer.U64(SyncWordsSent);
        writer.F64(PassTimeS);
        return body;
    }

    public static PassComplete Decode(ReadOnlySpan<byte> body)
    {
        var reader = new WireReader(body, "pass complete");
        var complete = new PassComplete(reader.U64("sync_words_sent"), reader.F64("pass_time_s"));
        reader.End();
        return complete;
    }
}
