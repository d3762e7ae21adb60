namespace JinanOnboard.Devices.Waveplates.Elliptec;

/// <summary>
/// Timing of an Elliptec bus. The protocol manual gives no reply deadline, so every figure here is assumed (README,
/// "Timing"): a reply to a query is a few characters at 9600 baud (~1 ms each) plus the module's processing; a
/// motion reply comes when the module stops, and an ELL14 turns at most one revolution per move.
/// </summary>
public sealed record ElliptecBusOptions
{
    /// <summary>Wait for the reply to a query (<c>in</c>, <c>gs</c>, <c>gp</c>). Assumed.</summary>
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Wait for the reply to a motion (<c>ho</c>, <c>ma</c>), which comes when the module stops. Assumed.</summary>
    public TimeSpan MotionTimeout { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Retries after a timeout before the exchange fails (so 1 + this many attempts). Assumed.</summary>
    public int RetryAttempts { get; init; } = 2;

    /// <summary>Pause before each retry. Assumed.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Refuses non-positive timeouts and negative retry counts, in one line.</summary>
    public void Validate()
    {
        if (ReplyTimeout <= TimeSpan.Zero || MotionTimeout <= TimeSpan.Zero || RetryDelay < TimeSpan.Zero || RetryAttempts < 0)
        {
            throw new ArgumentException(
                $"Elliptec bus options need positive timeouts and a non-negative retry count (reply {ReplyTimeout}, motion {MotionTimeout}, retries {RetryAttempts}, delay {RetryDelay})");
        }
    }
}
