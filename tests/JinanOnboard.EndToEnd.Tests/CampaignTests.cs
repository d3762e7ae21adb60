using System.Text.Json;
using JinanOnboard.Cli.Campaign;

namespace JinanOnboard.EndToEnd.Tests;

/// <summary>
/// `jinan campaign`: the generator is a pure function of (seed, run) covering every fault kind, and a small fixed
/// campaign (an outage, SIGTERM of the ground, reordered frames, bit errors) passes every check end to end.
/// </summary>
public sealed class CampaignTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    [Fact]
    public void The_generator_is_deterministic_per_seed_and_covers_every_fault_kind_in_50_runs()
    {
        CampaignRunPlan[] plans = Enumerable.Range(0, 50).Select(i => CampaignGenerator.Generate(7, i, 30)).ToArray();
        CampaignRunPlan[] again = Enumerable.Range(0, 50).Select(i => CampaignGenerator.Generate(7, i, 30)).ToArray();
        Assert.Equal(plans.Select(p => JsonSerializer.Serialize(p)), again.Select(p => JsonSerializer.Serialize(p)));
        Assert.NotEqual(plans.Select(p => p.Label), Enumerable.Range(0, 50).Select(i => CampaignGenerator.Generate(8, i, 30).Label));
        Assert.Equal(50, plans.Select(p => p.Seed).Distinct().Count());

        Assert.Equal(CampaignGenerator.PrimaryKinds.Order(), plans.Select(p => p.Primary).Distinct().Order());
        Assert.Contains(plans, p => p.Kinds.Count > 1);
        Assert.Contains(plans, p => (p.Downlink == DirectionFaults.Clean) != (p.Uplink == DirectionFaults.Clean));
        foreach (string drill in new[] { "sigkill", "sigterm" })
        {
            Assert.Equal(new[] { "ground", "payload" }, plans.Where(p => p.Primary == drill).Select(p => (p.Kill ?? p.Terminate)!.Side).Distinct().Order());
        }

        foreach (CampaignRunPlan plan in plans)
        {
            foreach (DirectionFaults direction in new[] { plan.Downlink, plan.Uplink })
            {
                Assert.True(direction.Burst is null || direction.Burst.LossBad <= 0.5, plan.Label);
                Assert.True(direction.BitErrorRate == 0 || direction.BitErrorRate is >= 1e-6 and <= 1e-4, plan.Label);
                Assert.True(direction.Outage is null || direction.Outage.LengthS >= 1, plan.Label);
                Assert.InRange(direction.DuplicateProbability, 0, CampaignGenerator.MaxDisorderProbability);
                Assert.InRange(direction.ReorderProbability, 0, CampaignGenerator.MaxDisorderProbability);
                Assert.InRange(direction.JitterMs, 0, CampaignGenerator.MaxJitterMs);
            }

            if (plan.Primary == "disorder")
            {
                // Duplication, reordering and jitter over moderate loss, together on the same direction(s).
                DirectionFaults faulty = plan.Downlink == DirectionFaults.Clean ? plan.Uplink : plan.Downlink;
                Assert.True(faulty.DuplicateProbability > 0 && faulty.ReorderProbability > 0 && faulty.JitterMs > 0, plan.Label);
                Assert.InRange(faulty.Burst!.MeanLoss, 0.0005, 0.05);
            }

            if (plan.Primary == "outage_beyond_give_up")
            {
                Assert.Equal(CampaignGenerator.ShortGiveUpS, plan.GiveUpS);
                Assert.True((plan.Downlink.Outage ?? plan.Uplink.Outage)!.LengthS > CampaignGenerator.ShortGiveUpS, plan.Label);
            }

            // Real time only where the fault needs it (signals, outages that must outlast the give-up time).
            Assert.Equal(plan.Kill is not null || plan.Terminate is not null || plan.Primary == "outage_beyond_give_up", plan.Realtime);
        }
    }

    [Fact]
    public async Task A_small_fixed_campaign_passes_every_check_and_writes_campaign_json()
    {
        string directory = JinanProcess.NewDirectory();
        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "campaign", "--runs", "4", "--seed", "1", "--duration-s", "20", "--out", directory, "--json");

        Assert.True(run.ExitCode == 0, run.StandardOutput + run.StandardError);
        using JsonDocument printed = JsonDocument.Parse(run.StandardOutput);
        using JsonDocument written = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "campaign.json")));
        Assert.Equal(printed.RootElement.GetProperty("totals").ToString(), written.RootElement.GetProperty("totals").ToString());
        JsonElement totals = written.RootElement.GetProperty("totals");
        Assert.Equal(4, totals.GetProperty("runs").GetInt32());
        Assert.Equal(4, totals.GetProperty("passed").GetInt32());
        foreach (string failure in new[] { "hangs", "mismatched_keys", "one_store_blocks", "inconsistent_statuses" })
        {
            Assert.Equal(0, totals.GetProperty(failure).GetInt32());
        }

        // Seed 1's first four runs: the signal ends a pass early, so it needs a next contact. (Run 2 was a SIGKILL before
        // the delivery faults came: its delivery-faults draw gave it reordering; the other three drew what they drew.)
        JsonElement[] runs = [.. written.RootElement.GetProperty("runs").EnumerateArray()];
        Assert.Equal(new[] { "outage", "sigterm", "reorder", "ber" }, runs.Select(r => r.GetProperty("kinds")[0].GetString()));
        Assert.Equal(1, totals.GetProperty("next_contacts").GetInt32());
        JsonElement terminated = runs[1].GetProperty("pass");
        string victim = runs[1].GetProperty("terminate_after").GetString()!.Split(':')[0];
        Assert.Equal("interrupted", terminated.GetProperty(victim).GetProperty("status").GetString());
        Assert.Equal(143, terminated.GetProperty(victim).GetProperty("exit_code").GetInt32());
    }

    [Fact]
    public async Task SIGTERM_stops_a_campaign_after_the_runs_done_and_writes_them_marked_interrupted_exit_143()
    {
        string directory = JinanProcess.NewDirectory();
        JinanProcess.Result run = await JinanProcess.RunAndTerminateAfterLineAsync("run 1/4", TimeSpan.Zero, Timeout,
            "campaign", "--runs", "4", "--seed", "1", "--duration-s", "20", "--out", directory);

        Assert.True(run.ExitCode == 143, run.StandardError);
        Assert.Contains("jinan campaign: interrupted by SIGTERM after ", run.StandardError);
        using JsonDocument written = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "campaign.json")));
        Assert.Equal("SIGTERM", written.RootElement.GetProperty("interrupted").GetString());
        int done = written.RootElement.GetProperty("totals").GetProperty("runs").GetInt32();
        Assert.InRange(done, 1, 3);
        Assert.Equal(done, written.RootElement.GetProperty("runs").GetArrayLength());
        Assert.Equal(done, written.RootElement.GetProperty("totals").GetProperty("passed").GetInt32());
    }

    [Fact]
    public async Task A_campaign_without_a_seed_is_refused_in_one_line_with_exit_2()
    {
        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "campaign", "--runs", "3");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("jinan: campaign: --seed is required (an unsigned 64-bit integer)", run.StandardError.Trim());
        Assert.Equal("", run.StandardOutput);
    }
}
