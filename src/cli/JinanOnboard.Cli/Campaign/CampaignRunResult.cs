namespace JinanOnboard.Cli.Campaign;

/// <summary>What one side of a pass ended with, as the bench's report.json shows it.</summary>
/// <param name="Status">The side's result status; "no result" when it left none (killed, crashed or stopped by the bench).</param>
/// <param name="StoppedByBench">Why the bench stopped this side itself, if it did (a drill, or the supervision grace).</param>
internal sealed record SideSeen(string Status, int? ExitCode, string? StoppedByBench, string? KeyStoreSha256)
{
    public bool HasResult => Status != "no result";
}

/// <summary>One pass of a run as seen: both sides, the key, the wall time, or that it hung.</summary>
internal sealed record PassSeen(string OutDirectory, bool Hung, double WallSeconds, SideSeen Payload, SideSeen Ground, string Status, bool KeysIdentical, long? FinalKeyBits, string? Error)
{
    public bool BothCompleted => Payload.Status == "completed" && Ground.Status == "completed";

    public SideSeen Side(string side) => side == "payload" ? Payload : Ground;
}

/// <summary>One check of a run, as data: passed, failed, or not applicable (Passed null), and what was expected and seen.</summary>
internal sealed record CheckOutcome(bool? Passed, string Expected, string Seen);

/// <summary>A run: its plan, the faulty pass, the clean next contact if one was needed, and the four checks.</summary>
internal sealed record CampaignRunResult(CampaignRunPlan Plan, PassSeen Pass, PassSeen? NextContact, double HangBoundS)
{
    public required CheckOutcome NoHang { get; init; }

    public required CheckOutcome KeysEqual { get; init; }

    public required CheckOutcome StoresAgree { get; init; }

    public required CheckOutcome StatusesConsistent { get; init; }

    public bool Passed => new[] { NoHang, KeysEqual, StoresAgree, StatusesConsistent }.All(c => c.Passed != false);

    /// <summary>The names of the failed checks, for the table.</summary>
    public IEnumerable<string> Failed()
    {
        foreach ((string name, CheckOutcome check) in new[] { ("hang", NoHang), ("keys", KeysEqual), ("stores", StoresAgree), ("statuses", StatusesConsistent) })
        {
            if (check.Passed == false)
            {
                yield return name;
            }
        }
    }
}
