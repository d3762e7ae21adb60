using JinanOnboard.Protocol.Delivery;

namespace JinanOnboard.Runtime.Hosting;

/// <summary>What one firmware process reports when its session ends (written as JSON, snake_case).</summary>
public sealed record FirmwareResult
{
    public required string Role { get; init; }

    public required int ProcessId { get; init; }

    /// <summary>
    /// One vocabulary on both sides and in the bench: "completed" (every block settled), "link_lost" (no valid frame
    /// for link.give_up_s, the transport failed, or the peer vanished), "link_degraded" (frames arrive but too few to
    /// make progress), "interrupted" (SIGINT/SIGTERM, or the peer's operator stopped it), "no_fine_lock" (the session completed but an
    /// APT end never reached fine lock, so no key could be made: the error says why), "configuration_error" or
    /// "failed" (anything else: a bug or an I/O error, with its message).
    /// </summary>
    public required string Status { get; init; }

    public string? Error { get; init; }

    /// <summary>The signal that interrupted the side ("SIGINT", "SIGTERM"), when status is "interrupted".</summary>
    public string? Signal { get; init; }

    public double PassSeconds { get; init; }

    public double WallSeconds { get; init; }

    public LinkStatisticsSnapshot? Link { get; init; }

    /// <summary>Every period the link was down (no valid frame for loss_of_link_s) that the session rode out or ended in.</summary>
    public IReadOnlyList<LinkDownPeriod> LinkOutages { get; init; } = [];

    /// <summary>Share of the peer's frames that did not arrive intact (1 − received / the peer's highest frame number).</summary>
    public double? FrameErrorRate { get; init; }

    /// <summary>What the link emulation did to this side's transmit direction.</summary>
    public EmulationStatistics? Emulation { get; init; }

    /// <summary>Role-specific figures (sync words, telemetry, distillation...).</summary>
    public IReadOnlyDictionary<string, object> Details { get; init; } = new Dictionary<string, object>();

    /// <summary>
    /// Process exit code: 0 completed, 1 failure, 2 configuration/usage error, 128 + signal number when a
    /// signal interrupted the side (130 SIGINT, 143 SIGTERM), the shell's convention, so a supervisor tells
    /// "stopped on request" from "failed".
    /// </summary>
    public int ExitCode => Status switch
    {
        "completed" => 0,
        "configuration_error" => 2,
        "interrupted" when Signal == "SIGINT" => 130,
        "interrupted" when Signal == "SIGTERM" => 143,
        _ => 1,
    };
}

/// <summary>
/// Chunks (CADUs) of one transmit direction: offered to the emulated link, delivered (duplicate copies included), lost
/// to fades, dropped in outages, corrupted.
/// </summary>
public sealed record EmulationStatistics(long ChunksOffered, long ChunksDelivered, long ChunksLost, long ChunksInOutage, long ChunksCorrupted, long BitsFlipped)
{
    /// <summary>Extra copies delivered (link.DIRECTION.duplicate_probability); each is also in <see cref="ChunksDelivered"/>.</summary>
    public long ChunksDuplicated { get; init; }

    /// <summary>Chunks delivered after the chunk sent behind them (link.DIRECTION.reorder_probability).</summary>
    public long ChunksReordered { get; init; }

    /// <summary>"downlink" (payload) or "uplink" (ground).</summary>
    public string Direction { get; init; } = "";

    /// <summary>Line rate of the direction, bit/s.</summary>
    public double RateBps { get; init; }

    /// <summary>Bits the line delivered (corrupted chunks included, duplicate copies not: they take no line time).</summary>
    public long BitsCarried { get; init; }

    /// <summary>Wall time from wrapping the connection to the result, seconds.</summary>
    public double LinkWallSeconds { get; init; }

    /// <summary>Bits carried / (rate × link wall time): how busy the window kept the line.</summary>
    public double Utilisation { get; init; }
}

/// <summary>One period the link was down: from the pass time it was declared down to the pass time it came up (null: it never did).</summary>
public sealed record LinkDownPeriod(double DownAtPassS, double? UpAtPassS, double DownAtSessionS, double? SilentS)
{
    public static IReadOnlyList<LinkDownPeriod> FromChanges(IReadOnlyList<LinkStateChange> changes)
    {
        var outages = new List<LinkDownPeriod>();
        foreach (LinkStateChange change in changes)
        {
            if (!change.Up)
            {
                outages.Add(new LinkDownPeriod(Math.Round(change.PassTime.TotalSeconds, 3), null, Math.Round(change.SessionTime.TotalSeconds, 3), null));
            }
            else if (outages.Count > 0 && outages[^1].UpAtPassS is null)
            {
                outages[^1] = outages[^1] with { UpAtPassS = Math.Round(change.PassTime.TotalSeconds, 3), SilentS = Math.Round(change.SilentFor.TotalSeconds, 3) };
            }
        }

        return outages;
    }
}
