using System.Text.Json;
using System.Text.Json.Nodes;
using JinanOnboard.Config.Loading;

namespace JinanOnboard.Cli.Campaign;

/// <summary>
/// A run's configuration file: the default set (configs/default.json) with a clean link — no loss, no bit errors, no
/// outage, no duplication, reordering or jitter, so a fault is exactly what the plan adds — and the plan's faults and
/// give-up time on top.
/// </summary>
internal static class CampaignConfiguration
{
    /// <summary>configs/default.json as JSON, to patch per run.</summary>
    /// <exception cref="UserErrorException">No configs/ directory above the working directory or the program.</exception>
    public static JsonObject LoadBase()
    {
        string? directory = ConfigurationLoader.FindConfigsDirectory();
        if (directory is null)
        {
            throw new UserErrorException("campaign: configs/default.json not found above the working directory or the program (run it from the repository)");
        }

        return JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "default.json")))!.AsObject();
    }

    /// <summary>Writes the configuration of <paramref name="plan"/> (faults false: the clean next contact between the same stores) to <paramref name="path"/>.</summary>
    public static void Write(JsonObject baseConfiguration, CampaignRunPlan plan, bool faults, string path)
    {
        JsonObject root = baseConfiguration.DeepClone().AsObject();
        root["name"] = faults ? $"campaign-run-{plan.Index}" : $"campaign-run-{plan.Index}-next-contact";
        JsonObject link = root["link"]!.AsObject();
        if (faults && plan.GiveUpS is { } giveUp)
        {
            link["give_up_s"] = giveUp;
        }

        Direction(link["downlink"]!.AsObject(), faults ? plan.Downlink : DirectionFaults.Clean, "cloud");
        Direction(link["uplink"]!.AsObject(), faults ? plan.Uplink : DirectionFaults.Clean, "outage");
        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <param name="reason">A downlink outage is a cloud: it blocks the quantum signal too, as over a real OGS.</param>
    private static void Direction(JsonObject direction, DirectionFaults faults, string reason)
    {
        // No loss: the chain of GilbertElliott.None (p_bad_to_good must be positive).
        BurstLoss burst = faults.Burst ?? new BurstLoss(0, 1, 0, 0);
        direction["gilbert_elliott"] = new JsonObject
        {
            ["p_good_to_bad"] = burst.PGoodToBad,
            ["p_bad_to_good"] = burst.PBadToGood,
            ["loss_good"] = burst.LossGood,
            ["loss_bad"] = burst.LossBad,
        };
        direction["bit_error_rate"] = faults.BitErrorRate;
        direction["duplicate_probability"] = faults.DuplicateProbability;
        direction["reorder_probability"] = faults.ReorderProbability;
        direction["jitter_ms"] = faults.JitterMs;
        direction["outages"] = faults.Outage is { } outage
            ? new JsonArray(new JsonObject { ["start_s"] = outage.StartS, ["end_s"] = outage.EndS, ["reason"] = reason })
            : new JsonArray();
    }
}
