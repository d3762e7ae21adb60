using JinanOnboard.Cli.Bench;

namespace JinanOnboard.Cli.Campaign;

/// <summary>Burst loss of one direction: the Gilbert–Elliott chain of link.DIRECTION.gilbert_elliott.</summary>
internal sealed record BurstLoss(double PGoodToBad, double PBadToGood, double LossGood, double LossBad)
{
    /// <summary>Long-run loss rate π_G·h_G + π_B·h_B (protocol-spec/transports.md §4.3), for the fault's label.</summary>
    public double MeanLoss
    {
        get
        {
            double bad = PGoodToBad / (PGoodToBad + PBadToGood);
            return (1 - bad) * LossGood + bad * LossBad;
        }
    }
}

/// <summary>One outage of one direction, in pass seconds (link.DIRECTION.outages).</summary>
internal sealed record OutageWindow(double StartS, double EndS)
{
    public double LengthS => EndS - StartS;
}

/// <summary>
/// The faults of one direction. A direction without any is clean: no loss, no bit errors, no outage, every frame once,
/// in order, after the pass's light time.
/// </summary>
internal sealed record DirectionFaults
{
    public static readonly DirectionFaults Clean = new();

    public BurstLoss? Burst { get; init; }

    public double BitErrorRate { get; init; }

    public OutageWindow? Outage { get; init; }

    /// <summary>link.DIRECTION.duplicate_probability.</summary>
    public double DuplicateProbability { get; init; }

    /// <summary>link.DIRECTION.reorder_probability.</summary>
    public double ReorderProbability { get; init; }

    /// <summary>link.DIRECTION.jitter_ms.</summary>
    public double JitterMs { get; init; }
}

/// <summary>
/// Run <see cref="Index"/> of a campaign: what the generator derived from (campaign seed, index). Everything needed
/// to repeat the run is here; the run's out dir holds the configuration written from it.
/// </summary>
internal sealed record CampaignRunPlan(int Index, ulong Seed, IReadOnlyList<string> Kinds, double DurationS)
{
    public DirectionFaults Downlink { get; init; } = DirectionFaults.Clean;

    public DirectionFaults Uplink { get; init; } = DirectionFaults.Clean;

    /// <summary>link.give_up_s for this run; null keeps the configuration's (60 s).</summary>
    public double? GiveUpS { get; init; }

    /// <summary>Real time only where the fault needs it: a signal "mid-pass" must land mid-pass however fast the machine is.</summary>
    public bool Realtime { get; init; }

    public FaultDrill? Kill { get; init; }

    public FaultDrill? Terminate { get; init; }

    /// <summary>The run's primary fault (the first kind); the others are combined with it.</summary>
    public string Primary => Kinds[0];

    /// <summary>One line for the table, e.g. "burst 21% down + ber 3e-05 both".</summary>
    public string Label => string.Join(" + ", Kinds.Select(Describe));

    private string Describe(string kind) => kind switch
    {
        "burst" => $"burst {Percent(Downlink.Burst ?? Uplink.Burst!)} {Directions(d => d.Burst is not null)}",
        "ber" => $"ber {Math.Max(Downlink.BitErrorRate, Uplink.BitErrorRate).ToString("0.0e0", System.Globalization.CultureInfo.InvariantCulture)} {Directions(d => d.BitErrorRate > 0)}",
        "outage" or "outage_beyond_give_up" => $"{(kind == "outage" ? "outage" : "outage>give-up")} {(Downlink.Outage ?? Uplink.Outage)!.LengthS:0.0}s {Directions(d => d.Outage is not null)}",
        "sigkill" => $"sigkill {Kill!.Side}@{Kill.AfterS:0.0}s",
        "sigterm" => $"sigterm {Terminate!.Side}@{Terminate.AfterS:0.0}s",
        "duplicate" => $"duplicate {Max(d => d.DuplicateProbability) * 100:0.0}% {Directions(d => d.DuplicateProbability > 0)}",
        "reorder" => $"reorder {Max(d => d.ReorderProbability) * 100:0.0}% {Directions(d => d.ReorderProbability > 0)}",
        "jitter" => $"jitter {Max(d => d.JitterMs):0.0}ms {Directions(d => d.JitterMs > 0)}",
        "disorder" => $"disorder dup {Max(d => d.DuplicateProbability) * 100:0.0}% reorder {Max(d => d.ReorderProbability) * 100:0.0}% "
            + $"jitter {Max(d => d.JitterMs):0}ms loss {Percent(Downlink.Burst ?? Uplink.Burst!)} {Directions(d => d.JitterMs > 0)}",
        _ => kind,
    };

    private double Max(Func<DirectionFaults, double> value) => Math.Max(value(Downlink), value(Uplink));

    private static string Percent(BurstLoss burst) => $"{burst.MeanLoss * 100:0}%/bad {burst.LossBad * 100:0}%";

    private string Directions(Func<DirectionFaults, bool> has) => (has(Downlink), has(Uplink)) switch
    {
        (true, true) => "both",
        (true, false) => "down",
        _ => "up",
    };
}
