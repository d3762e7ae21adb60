using System.Text.Json.Nodes;
using Spectre.Console;

namespace JinanOnboard.Cli.Bench;

/// <summary>The human summary of a bench run: processes, then link statistics per direction.</summary>
internal static class BenchSummary
{
    public static void Print(BenchReport report, string reportPath)
    {
        JsonObject root = report.Root;
        IAnsiConsole console = AnsiConsole.Console;
        console.MarkupLine($"[bold]JinanOnboard bench[/] — {Markup.Escape(root["configuration_name"]!.ToString())}, seed {root["seed"]}, transport {root["transport"]}");
        var processes = new Table().AddColumns("side", "pid", "exit", "status", "wall s");
        foreach (string side in new[] { "payload", "ground" })
        {
            JsonNode p = root["processes"]![side]!;
            processes.AddRow(side, Text(p["pid"]), Text(p["exit_code"]), Markup.Escape(Text(p["status"])), Text(p["wall_seconds"]));
        }

        console.Write(processes);
        var link = new Table().AddColumns("direction", "frames sent", "received", "lost", "rejected", "retransmitted", "messages", "goodput Mbit/s");
        foreach (string direction in new[] { "downlink", "uplink" })
        {
            JsonNode d = root["link"]![direction]!;
            link.AddRow(direction, Text(d["frames_sent"]), Text(d["frames_received"]), Text(d["frames_lost"]), Text(d["frames_rejected"]),
                Text(d["retransmissions"]), Text(d["messages_received"]), Text(d["goodput_mbit_per_s"]));
        }

        console.Write(link);
        PrintDistillation(console, root);
        console.MarkupLine($"pass {root["pass_seconds"]} s in {root["wall_seconds"]} s wall; report: {Markup.Escape(reportPath)}");
        if (root["error"] is JsonNode error)
        {
            console.MarkupLine($"[red]{Markup.Escape(error.ToString())}[/]");
        }
    }

    /// <summary>The per-pass log of the real system: QBER per sifted packet, key length per PA block, totals.</summary>
    private static void PrintDistillation(IAnsiConsole console, JsonObject root)
    {
        if (root["ground"]?["packets"] is not JsonArray packets)
        {
            return;
        }

        var packetTable = new Table().AddColumns("packet", "sampled QBER %", "QBER % after EC", "syndrome bits", "outcome");
        foreach (JsonNode? p in packets)
        {
            packetTable.AddRow(Text(p?["packet_id"]), Percent(p?["sampled_qber"]), Percent(p?["exact_qber"]), Text(p?["syndrome_bits"]), Text(p?["outcome"]));
        }

        console.Write(packetTable);
        if (root["pa_blocks"] is JsonArray blocks)
        {
            var blockTable = new Table().AddColumns("PA block", "n bits", "λ_EC bits", "key bits ℓ", "outcome");
            foreach (JsonNode? b in blocks)
            {
                blockTable.AddRow(Text(b?["block_id"]), Text(b?["n"]), Text(b?["lambda_ec"]), Text(b?["l"]), Text(b?["outcome"]));
            }

            console.Write(blockTable);
        }

        if (root["apt"] is JsonNode apt)
        {
            foreach (string end in new[] { "payload", "ogs" })
            {
                JsonNode? e = apt[end];
                if (e is null)
                {
                    continue;
                }

                string loops = string.Join(", ", (e["loops"] as JsonArray ?? []).Select(l => $"{Text(l?["name"])} {Rms(l?["rms_urad"])} µrad"));
                JsonNode? acquisition = e["acquisition"];
                console.MarkupLine(Markup.Escape($"apt {end}: {loops} RMS; {Text(acquisition?["final_state"])}, fine lock after {Rms(acquisition?["time_to_fine_lock_s"])} s, mean T_point {Rms(acquisition?["mean_pointing_transmittance"])}, mirror faults {Text(e["mirror_faults"])}"));
            }
        }

        console.MarkupLine($"detections {Text(root["detections"])}, sifted {Text(root["sifted_bits"])} bits in {Text(root["sifted_packets"])} packets, final key {Text(root["final_key_bits"])} bits");
        bool same = root["keys_identical"]?.GetValue<bool>() ?? false;
        console.MarkupLine($"payload key SHA-256 {Text(root["payload_key_sha256"])}");
        console.MarkupLine($"ground  key SHA-256 {Text(root["ground_key_sha256"])} {(same ? "[green](identical)[/]" : "[red](DIFFERENT)[/]")}");
    }

    private static string Percent(JsonNode? node) =>
        ReportNumbers.AsFinite(node) is double value ? (value * 100).ToString("F2", System.Globalization.CultureInfo.InvariantCulture) : "-";

    private static string Text(JsonNode? node) => node?.ToString() ?? "-";

    private static string Rms(JsonNode? node) =>
        ReportNumbers.AsFinite(node) is double value ? value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) : "-";
}
