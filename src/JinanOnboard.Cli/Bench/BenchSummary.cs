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
        console.MarkupLine($"pass {root["pass_seconds"]} s in {root["wall_seconds"]} s wall; report: {Markup.Escape(reportPath)}");
        if (root["error"] is JsonNode error)
        {
            console.MarkupLine($"[red]{Markup.Escape(error.ToString())}[/]");
        }
    }

    private static string Text(JsonNode? node) => node?.ToString() ?? "-";
}
