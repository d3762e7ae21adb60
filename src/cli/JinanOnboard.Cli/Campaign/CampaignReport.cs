using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace JinanOnboard.Cli.Campaign;

/// <summary>campaign.json (every run: plan, what was seen, the checks as data; totals) and the table on stdout.</summary>
internal static class CampaignReport
{
    public static JsonObject Json(CampaignRequest request, IReadOnlyList<CampaignRunResult> runs, double wallSeconds) => new()
    {
        ["runs_requested"] = request.Runs,
        ["seed"] = request.Seed,
        ["duration_s"] = request.DurationS,
        ["parallel"] = request.Parallel,
        ["transport"] = "tcp",
        ["wall_seconds"] = Math.Round(wallSeconds, 1),
        ["passed"] = runs.All(r => r.Passed),
        ["totals"] = Totals(runs),
        ["runs"] = new JsonArray(runs.Select(Run).ToArray<JsonNode?>()),
    };

    public static JsonObject Totals(IReadOnlyList<CampaignRunResult> runs) => new()
    {
        ["runs"] = runs.Count,
        ["passed"] = runs.Count(r => r.Passed),
        ["hangs"] = runs.Count(r => r.NoHang.Passed == false),
        ["mismatched_keys"] = runs.Count(r => r.KeysEqual.Passed == false),
        ["one_store_blocks"] = runs.Count(r => r.StoresAgree.Passed == false),
        ["inconsistent_statuses"] = runs.Count(r => r.StatusesConsistent.Passed == false),
        ["next_contacts"] = runs.Count(r => r.NextContact is not null),
        ["by_fault"] = new JsonObject(runs.GroupBy(r => r.Plan.Primary).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.Count()))),
    };

    private static JsonObject Run(CampaignRunResult run)
    {
        CampaignRunPlan plan = run.Plan;
        return new JsonObject
        {
            ["run"] = plan.Index,
            ["seed"] = plan.Seed,
            ["fault"] = plan.Label,
            ["kinds"] = new JsonArray(plan.Kinds.Select(k => (JsonNode?)k).ToArray()),
            ["realtime"] = plan.Realtime,
            ["give_up_s"] = plan.GiveUpS,
            ["kill_after"] = plan.Kill is { } k ? $"{k.Side}:{k.AfterS.ToString(CultureInfo.InvariantCulture)}" : null,
            ["terminate_after"] = plan.Terminate is { } t ? $"{t.Side}:{t.AfterS.ToString(CultureInfo.InvariantCulture)}" : null,
            ["downlink"] = Faults(plan.Downlink),
            ["uplink"] = Faults(plan.Uplink),
            ["hang_bound_s"] = run.HangBoundS,
            ["pass"] = Pass(run.Pass),
            ["next_contact"] = run.NextContact is null ? null : Pass(run.NextContact),
            ["checks"] = new JsonObject
            {
                ["no_hang"] = Check(run.NoHang),
                ["keys_equal"] = Check(run.KeysEqual),
                ["no_block_in_one_store_only"] = Check(run.StoresAgree),
                ["statuses_consistent"] = Check(run.StatusesConsistent),
            },
            ["passed"] = run.Passed,
        };
    }

    private static JsonObject Faults(DirectionFaults f) => new()
    {
        ["gilbert_elliott"] = f.Burst is { } b
            ? new JsonObject { ["p_good_to_bad"] = b.PGoodToBad, ["p_bad_to_good"] = b.PBadToGood, ["loss_good"] = b.LossGood, ["loss_bad"] = b.LossBad, ["mean_loss"] = b.MeanLoss }
            : null,
        ["bit_error_rate"] = f.BitErrorRate,
        ["duplicate_probability"] = f.DuplicateProbability,
        ["reorder_probability"] = f.ReorderProbability,
        ["jitter_ms"] = f.JitterMs,
        ["outage"] = f.Outage is { } o ? new JsonObject { ["start_s"] = o.StartS, ["end_s"] = o.EndS } : null,
    };

    private static JsonObject Pass(PassSeen pass) => new()
    {
        ["out"] = pass.OutDirectory,
        ["status"] = pass.Status,
        ["hung"] = pass.Hung,
        ["wall_seconds"] = Math.Round(pass.WallSeconds, 2),
        ["payload"] = Side(pass.Payload),
        ["ground"] = Side(pass.Ground),
        ["keys_identical"] = pass.KeysIdentical,
        ["final_key_bits"] = pass.FinalKeyBits,
        ["error"] = pass.Error,
    };

    private static JsonObject Side(SideSeen side) => new()
    {
        ["status"] = side.Status,
        ["exit_code"] = side.ExitCode,
        ["stopped_by_bench"] = side.StoppedByBench,
        ["key_store_sha256"] = side.KeyStoreSha256,
    };

    private static JsonObject Check(CheckOutcome check) => new()
    {
        ["passed"] = check.Passed,
        ["expected"] = check.Expected,
        ["seen"] = check.Seen,
    };

    /// <summary>One row per run, then the totals.</summary>
    public static void Print(CampaignRequest request, IReadOnlyList<CampaignRunResult> runs, JsonObject root, string path)
    {
        IAnsiConsole console = AnsiConsole.Console;
        if (Console.IsOutputRedirected)
        {
            // Redirected to a log, Spectre assumes 80 columns and wraps every cell; a log has room for one row per run.
            console.Profile.Width = Math.Max(console.Profile.Width, 150);
        }

        console.MarkupLine($"[bold]JinanOnboard campaign[/] — {runs.Count} runs, seed {request.Seed}, {request.DurationS:0.#} s passes over tcp");
        var table = new Table().AddColumns("run", "fault", "payload", "ground", "key bits", "wall s", "next contact", "checks");
        foreach (CampaignRunResult run in runs)
        {
            string checks = run.Passed ? "[green]ok[/]" : $"[red]{Markup.Escape(string.Join(", ", run.Failed()))}[/]";
            string next = run.NextContact is { } n ? $"{n.Status} {n.WallSeconds:0.0} s" : "-";
            table.AddRow(run.Plan.Index.ToString(CultureInfo.InvariantCulture), Markup.Escape(run.Plan.Label), Markup.Escape(Status(run.Pass.Payload)),
                Markup.Escape(Status(run.Pass.Ground)), run.Pass.FinalKeyBits?.ToString(CultureInfo.InvariantCulture) ?? "-",
                run.Pass.WallSeconds.ToString("0.0", CultureInfo.InvariantCulture), Markup.Escape(next), checks);
        }

        console.Write(table);
        JsonObject totals = root["totals"]!.AsObject();
        var summary = new Table().AddColumns("runs", "passed", "hangs", "mismatched keys", "one-store blocks", "inconsistent statuses", "next contacts", "wall s");
        summary.AddRow(T(totals["runs"]), T(totals["passed"]), T(totals["hangs"]), T(totals["mismatched_keys"]), T(totals["one_store_blocks"]),
            T(totals["inconsistent_statuses"]), T(totals["next_contacts"]), T(root["wall_seconds"]));
        console.Write(summary);
        console.MarkupLine($"campaign: {Markup.Escape(path)}");
    }

    private static string Status(SideSeen side) => side.ExitCode is { } code ? $"{side.Status} ({code})" : side.Status;

    private static string T(JsonNode? node) => node?.ToString() ?? "-";
}
