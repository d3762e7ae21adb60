namespace JinanOnboard.Devices.Mirrors.PiE727;

/// <summary>How the E-727 binding waits, retries and checks.</summary>
public sealed record PiE727Options
{
    /// <summary>
    /// How long one attempt waits for a reply. The E-727 answers a query within its servo cycle (50 kHz, 20 µs; E-727
    /// user manual E727T0005 "Technical Data"); 200 ms leaves room for a loaded host and a serial line at 115 200 baud.
    /// </summary>
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Further attempts of an unanswered query (idempotent queries only; never commands).</summary>
    public int QueryRetryAttempts { get; init; } = 2;

    /// <summary>Pause before a query is resent.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// Ask <c>ERR?</c> after every set command (SVO, MOV, STP) in the same write, so a refused command surfaces as a typed
    /// error at the call that caused it. Costs no extra round trip: a set command has no reply of its own.
    /// </summary>
    public bool CheckErrorAfterCommands { get; init; } = true;

    /// <summary>Default options.</summary>
    public static PiE727Options Default { get; } = new();
}
