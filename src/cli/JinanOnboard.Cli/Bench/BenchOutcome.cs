using JinanOnboard.Runtime.Hosting;

namespace JinanOnboard.Cli.Bench;

/// <summary>Both sides' results and, if the bench failed, one line saying why.</summary>
internal sealed record BenchOutcome(FirmwareResult? Payload, FirmwareResult? Ground, string? Failure)
{
    public int? PayloadPid { get; init; } = Payload?.ProcessId;

    public int? GroundPid { get; init; } = Ground?.ProcessId;

    public int? PayloadExitCode { get; init; } = Payload?.ExitCode;

    public int? GroundExitCode { get; init; } = Ground?.ExitCode;

    /// <summary>Sides the bench killed itself, with why (report.json shows them as stopped by the bench, not as no result).</summary>
    public IReadOnlyDictionary<string, string> StoppedByBench { get; init; } = new Dictionary<string, string>();


    /// <summary>
    /// The pass's status in the sides' one vocabulary: "completed" when both completed, else the gravest side's status
    /// (configuration_error, failed, link_degraded, link_lost, interrupted); a side that left no result is "interrupted"
    /// when the bench stopped it itself, else "failed".
    /// </summary>
    public string Status
    {
        get
        {
            if (Payload is null || Ground is null)
            {
                bool stoppedByBench = (Payload is not null || StoppedByBench.ContainsKey("payload")) && (Ground is not null || StoppedByBench.ContainsKey("ground"));
                return stoppedByBench ? "interrupted" : "failed";
            }

            string[] gravity = ["configuration_error", "failed", "link_degraded", "link_lost", "interrupted"];
            return gravity.FirstOrDefault(s => Payload.Status == s || Ground.Status == s)
                ?? (Payload.Status == "completed" && Ground.Status == "completed" ? "completed" : "failed");
        }
    }

    /// <param name="stoppedByBench">Sides the bench killed itself (fault drill, or still running after the supervision grace), with why.</param>
    public static BenchOutcome From(FirmwareResult? payload, FirmwareResult? ground, IReadOnlyDictionary<string, string>? stoppedByBench = null)
    {
        var problems = new List<string>();
        foreach ((string side, FirmwareResult? result) in new[] { ("payload", payload), ("ground", ground) })
        {
            if (result is null && stoppedByBench is not null && stoppedByBench.TryGetValue(side, out string? why))
            {
                problems.Add($"{side} {why} (no result)");
            }
            else if (result is null)
            {
                problems.Add($"{side} produced no result (it crashed or was killed)");
            }
            else if (result.Status != "completed")
            {
                problems.Add($"{side} {result.Status.Replace('_', ' ')}: {result.Error}");
            }
        }

        string? failure = problems.Count == 0 ? null : string.Join("; ", problems);
        return new BenchOutcome(payload, ground, failure) { StoppedByBench = stoppedByBench ?? new Dictionary<string, string>() };
    }
}
