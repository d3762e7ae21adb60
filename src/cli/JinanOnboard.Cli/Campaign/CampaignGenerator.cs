using System.Globalization;
using JinanOnboard.Cli.Bench;
using JinanOnboard.Primitives.Randomness;

namespace JinanOnboard.Cli.Campaign;

/// <summary>
/// Derives run i's faults from (campaign seed S, i) alone (protocol-spec/seed-derivation.md streams
/// `campaign` / `run-i` and below), so a run can be repeated without the runs before it and adding runs never
/// changes earlier ones. The delivery faults (duplication, reordering, delay jitter and their mix with moderate loss,
/// transports.md §4.3 steps 5–7) came later: a draw on their own stream (`delivery-faults`) decides whether one of them
/// replaces the primary kind, so a run that keeps its primary draws exactly the faults it drew before they existed.
/// </summary>
internal static class CampaignGenerator
{
    /// <summary>Primary fault kinds, drawn uniformly.</summary>
    public static readonly string[] PrimaryKinds = [.. OriginalKinds(), .. DeliveryKinds()];

    /// <summary>Largest duplicate or reorder probability the campaign draws (issue 15: up to 5 %).</summary>
    public const double MaxDisorderProbability = 0.05;

    /// <summary>Largest delay jitter the campaign draws, ms (issue 15: up to 20 ms).</summary>
    public const double MaxJitterMs = 20;

    private static string[] OriginalKinds() => ["clean", "burst", "ber", "outage", "outage_beyond_give_up", "sigkill", "sigterm"];

    /// <summary>"disorder" is duplication, reordering and jitter together over moderate burst loss.</summary>
    private static string[] DeliveryKinds() => ["duplicate", "reorder", "jitter", "disorder"];

    /// <summary>Give-up time for the runs whose outage must outlast it: short, so those runs stay short.</summary>
    public const double ShortGiveUpS = 8;

    /// <summary>
    /// Shortest pass the generator plans for: an outage beyond give-up starts by half the pass, and the side must give
    /// up (start + 8 s) before the pass would end anyway.
    /// </summary>
    public const double MinDurationS = 20;

    public static CampaignRunPlan Generate(ulong campaignSeed, int index, double durationS)
    {
        ulong runSeed = SeedSequence.Derive(SeedSequence.Derive(campaignSeed, "campaign"), "run-" + index.ToString(CultureInfo.InvariantCulture));
        var draw = new Draws(SeedSequence.Derive(runSeed, "faults"));
        string[] original = OriginalKinds();
        string primary = original[draw.Below(original.Length)];

        // Uniform over all kinds: with probability 4/11 a delivery fault replaces the primary just drawn.
        int slot = new Draws(SeedSequence.Derive(runSeed, "delivery-faults")).Below(PrimaryKinds.Length);
        bool delivery = slot >= original.Length;
        if (delivery)
        {
            primary = PrimaryKinds[slot];
        }

        var kinds = new List<string> { primary };
        // About a third of the runs with an original fault carry a second link fault on top (combinations); the
        // delivery faults have their own combination, "disorder".
        if (!delivery && primary != "clean" && draw.Uniform() < 0.35)
        {
            string second = primary == "burst" ? "ber" : primary == "ber" ? "burst" : draw.Uniform() < 0.5 ? "burst" : "ber";
            kinds.Add(second);
        }

        var plan = new CampaignRunPlan(index, runSeed, kinds, durationS);
        foreach (string kind in kinds)
        {
            plan = Apply(plan, kind, draw);
        }

        return plan;
    }

    private static CampaignRunPlan Apply(CampaignRunPlan plan, string kind, Draws draw)
    {
        double d = plan.DurationS;
        switch (kind)
        {
            case "burst":
                // Mean bad run 2–10 frames; loss in the bad state up to 50 % (the bound).
                var burst = new BurstLoss(draw.Between(0.005, 0.1), draw.Between(0.1, 0.5), draw.Between(0, 0.01), draw.Between(0.1, 0.5));
                return OnDirections(plan, draw, f => f with { Burst = burst });
            case "ber":
                // Log-uniform 1e-6 .. 1e-4: within what RS(255,223) corrects at the frame sizes in use.
                double ber = Math.Pow(10, draw.Between(-6, -4));
                return OnDirections(plan, draw, f => f with { BitErrorRate = ber });
            case "outage":
                // 1–7 s: shorter and longer than loss_of_link_s (5 s), well within give_up_s (60 s): the pass rides it out.
                return OnDirections(plan, draw, f => f with { Outage = Window(draw, d, draw.Between(1, 7)) });
            case "outage_beyond_give_up":
                // give_up_s 8 with an 11–14 s outage: the side that hears nothing gives up (link_lost) after 8 s, not 60.
                // Real time: in a fast pass an uplink outage is crossed at the payload's pace, far quicker than its length.
                OutageWindow window = Window(draw, d, draw.Between(11, 14));
                return OnDirections(plan, draw, f => f with { Outage = window }) with { GiveUpS = ShortGiveUpS, Realtime = true };
            case "sigkill":
                return plan with { Realtime = true, Kill = new FaultDrill(Side(draw), SignalTime(draw, d)) };
            case "sigterm":
                return plan with { Realtime = true, Terminate = new FaultDrill(Side(draw), SignalTime(draw, d)) };
            case "duplicate":
                double duplicate = draw.Between(0.005, MaxDisorderProbability);
                return OnDirections(plan, draw, f => f with { DuplicateProbability = duplicate });
            case "reorder":
                double reorder = draw.Between(0.005, MaxDisorderProbability);
                return OnDirections(plan, draw, f => f with { ReorderProbability = reorder });
            case "jitter":
                double jitter = Math.Round(draw.Between(1, MaxJitterMs), 1);
                return OnDirections(plan, draw, f => f with { JitterMs = jitter });
            case "disorder":
                // Moderate loss: mean bad run 2–3 frames, long-run loss about 0.2–3 %, under all three delivery faults.
                var moderate = new BurstLoss(draw.Between(0.005, 0.03), draw.Between(0.3, 0.5), draw.Between(0, 0.005), draw.Between(0.1, 0.3));
                double dup = draw.Between(0.005, MaxDisorderProbability);
                double swap = draw.Between(0.005, MaxDisorderProbability);
                double spread = Math.Round(draw.Between(1, MaxJitterMs), 1);
                return OnDirections(plan, draw, f => f with { Burst = moderate, DuplicateProbability = dup, ReorderProbability = swap, JitterMs = spread });
            default:
                return plan;
        }
    }

    /// <summary>Both directions, or only one (asymmetric), each a third of the time.</summary>
    private static CampaignRunPlan OnDirections(CampaignRunPlan plan, Draws draw, Func<DirectionFaults, DirectionFaults> fault) => draw.Below(3) switch
    {
        0 => plan with { Downlink = fault(plan.Downlink), Uplink = fault(plan.Uplink) },
        1 => plan with { Downlink = fault(plan.Downlink) },
        _ => plan with { Uplink = fault(plan.Uplink) },
    };

    /// <summary>An outage starting at pass time 3 s .. half the pass, so it always falls after the handshake and before the end.</summary>
    private static OutageWindow Window(Draws draw, double durationS, double lengthS)
    {
        double start = Math.Round(draw.Between(3, Math.Max(3, durationS / 2)), 1);
        return new OutageWindow(start, Math.Round(start + lengthS, 1));
    }

    private static string Side(Draws draw) => draw.Below(2) == 0 ? "payload" : "ground";

    /// <summary>4 s .. min(12 s, half the pass) of wall time in a real-time pass: after the handshake, before the end.</summary>
    private static double SignalTime(Draws draw, double durationS) => Math.Round(draw.Between(4, Math.Max(4.5, Math.Min(12, durationS / 2))), 1);

    /// <summary>The run's one SplitMix64 stream (a class so every helper advances the same state).</summary>
    private sealed class Draws(ulong seed)
    {
        private SplitMix64 _stream = new(seed);

        public double Uniform() => _stream.NextDouble();

        public int Below(int bound) => _stream.NextBelow(bound);

        public double Between(double low, double high) => low + (high - low) * _stream.NextDouble();
    }
}
