using JinanOnboard.Runtime.Hosting;

namespace JinanOnboard.Cli.Bench;

/// <summary>Both sides' results and, if the bench failed, one line saying why.</summary>
internal sealed record BenchOutcome(FirmwareResult? Payload, FirmwareResult? Ground, string? Failure)
{
    public int? PayloadPid { get; init; } = Payload?.ProcessId;

    public int? GroundPid { get; init; } = Ground?.ProcessId;

    public int? PayloadExitCode { get; init; } = Payload?.ExitCode;

    public int? GroundExitCode { get; init; } = Ground?.ExitCode;

    /// <summary>
    /// The pass's status in the sides' one vocabulary: "completed" when both completed, else the gravest side's status
    /// (configuration_error, failed, link_degraded, link_lost, interrupted), "failed" when a side left no result.
    /// </summary>
    public string Status
    {
        get
        {
            if (Payload is null || Ground is null)
            {
                return "failed";
            }

            string[] gravity = ["configuration_error", "failed", "link_degraded", "link_lost", "interrupted"];
            return gravity.FirstOrDefault(s => Payload.Status == s || Ground.Status == s)
                ?? (Payload.Status == "completed" && Ground.Status == "completed" ? "completed" : "failed");
        }
    }

    public static BenchOutcome From(FirmwareResult? payload, FirmwareResult? ground)
    {
        var problems = new List<string>();
        foreach ((string side, FirmwareResult? result) in new[] { ("payload", payload), ("ground", ground) })
        {
            if (result is null)
            {
                problems.Add($"{side} produced no result (it crashed or was killed)");
            }
            else if (result.Status != "completed")
            {
                problems.Add($"{side} {result.Status.Replace('_', ' ')}: {result.Error}");
            }
        }

        string? failure = problems.Count == 0 ? null : string.Join("; ", problems);
        return new BenchOutcome(payload, ground, failure);
    }
}
