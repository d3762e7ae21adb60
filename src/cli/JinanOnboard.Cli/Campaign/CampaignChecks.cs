namespace JinanOnboard.Cli.Campaign;

/// <summary>
/// The four checks of a run (issue: no hang past a bound, keys equal, no block in one store only, statuses consistent),
/// each returning what it expected next to what it saw.
/// </summary>
internal static class CampaignChecks
{
    /// <summary>
    /// A run may take the pass (real time only), give-up silence and a generous 120 s for process start-up and
    /// distillation on a loaded machine; past that the campaign stops it and records a hang.
    /// </summary>
    public static double HangBoundS(CampaignRunPlan plan, double giveUpS) => 120 + giveUpS + (plan.Realtime ? plan.DurationS : 0);

    public static CheckOutcome NoHang(PassSeen pass, PassSeen? next, double boundS)
    {
        string seen = next is null ? $"{pass.WallSeconds:0.0} s" : $"{pass.WallSeconds:0.0} s, next contact {next.WallSeconds:0.0} s";
        bool hung = pass.Hung || next?.Hung == true;
        return new CheckOutcome(!hung, $"each pass ends within {boundS:0} s", hung ? $"hang: stopped after {seen}" : seen);
    }

    /// <summary>Keys equal whenever both sides completed; nothing to compare otherwise (the store check covers it).</summary>
    public static CheckOutcome KeysEqual(PassSeen pass) => pass.BothCompleted
        ? new CheckOutcome(pass.KeysIdentical, "identical keys (both completed)", pass.KeysIdentical ? "identical" : "DIFFERENT")
        : new CheckOutcome(null, "identical keys when both complete", "not both completed");

    /// <summary>
    /// No block in one store only: both stores hash alike after a completed pass, or — after any other ending, when
    /// blocks may be pending on one side — after the clean next contact, which settles them.
    /// </summary>
    public static CheckOutcome StoresAgree(PassSeen pass, PassSeen? next)
    {
        PassSeen settled = next ?? pass;
        string where = next is null ? "after the pass" : "after the next contact";
        if (next is not null && !next.BothCompleted)
        {
            return new CheckOutcome(false, "the clean next contact completes and both stores hash alike",
                $"next contact {next.Payload.Status}/{next.Ground.Status}{(next.Error is null ? "" : ": " + next.Error)}");
        }

        string? payload = settled.Payload.KeyStoreSha256;
        string? ground = settled.Ground.KeyStoreSha256;
        bool same = payload is not null && payload == ground;
        return new CheckOutcome(same, $"key_store_sha256 equal {where}", same ? $"equal ({payload![..12]}…)" : $"payload {payload ?? "-"}, ground {ground ?? "-"}");
    }

    /// <summary>The statuses the plan's fault allows, against those seen.</summary>
    public static CheckOutcome StatusesConsistent(CampaignRunPlan plan, PassSeen pass)
    {
        string seen = $"payload {Describe(pass.Payload)}, ground {Describe(pass.Ground)}";
        if (pass.Hung)
        {
            return new CheckOutcome(false, "the pass ends", "hang: " + seen);
        }

        if (plan.Kill is { } kill)
        {
            return Drill(pass, kill.Side, seen, "killed (no result)", victim => !victim.HasResult && victim.StoppedByBench is not null);
        }

        if (plan.Terminate is { } term)
        {
            return Drill(pass, term.Side, seen, "interrupted (exit 143)", victim => victim.Status == "interrupted" && victim.ExitCode == 143);
        }

        if (plan.Primary == "outage_beyond_give_up")
        {
            // One side gives up; the other hears it close the session (link_lost) or only damaged frames (link_degraded).
            string[] allowed = ["link_lost", "link_degraded"];
            bool ok = allowed.Contains(pass.Payload.Status) && allowed.Contains(pass.Ground.Status)
                && (pass.Payload.Status == "link_lost" || pass.Ground.Status == "link_lost");
            return new CheckOutcome(ok, "link_lost on at least one side, the other link_lost or link_degraded", seen);
        }

        // clean, burst loss, bit errors, outages shorter than give-up: the pass rides them out.
        return new CheckOutcome(pass.BothCompleted, "both completed", seen);
    }

    /// <summary>
    /// A drill: the victim ends as the signal makes it and the peer link_lost. A drill that came after the victim had
    /// already ended (the bench records no stop then) is a pass that outran it: both must have completed.
    /// </summary>
    private static CheckOutcome Drill(PassSeen pass, string side, string seen, string victimExpected, Func<SideSeen, bool> victimOk)
    {
        SideSeen victim = pass.Side(side);
        SideSeen peer = pass.Side(side == "payload" ? "ground" : "payload");
        if (victim.StoppedByBench is null && victim.HasResult && victim.Status == "completed")
        {
            return new CheckOutcome(pass.BothCompleted, $"the signal came after the {side} ended: both completed", seen);
        }

        bool ok = victimOk(victim) && peer.Status == "link_lost";
        return new CheckOutcome(ok, $"{side} {victimExpected}, the peer link_lost", seen);
    }

    private static string Describe(SideSeen side) => side.ExitCode is { } code ? $"{side.Status} (exit {code})" : side.Status;
}
