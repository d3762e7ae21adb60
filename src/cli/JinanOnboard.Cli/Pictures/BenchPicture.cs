using System.Globalization;
using System.Text.Json.Nodes;
using JinanOnboard.Cli.Bench;
using ScottPlot;

namespace JinanOnboard.Cli.Pictures;

/// <summary>
/// <c>jinan bench --plot DIR</c> writes DIR/bench.png from the pass's report.json (nothing is re-simulated): over pass time,
/// (a) T_point per second of each end as the light saw it (ground.pointing_coupling), with each end's fine RMS in its label
/// and its lock events as vertical lines; (b) detected pulses per second (ground.channel_simulation); (c) QBER per sifted
/// packet (qber_per_packet, by packet index: the packets carry no pass time). A failed pass draws what its report holds;
/// a missing series says why in its panel.
/// </summary>
internal static class BenchPicture
{
    public const string FileName = "bench.png";

    private static readonly Color PayloadColor = Colors.OrangeRed;
    private static readonly Color OgsColor = Colors.SteelBlue;

    /// <param name="root">The bench report (report.json).</param>
    /// <param name="aptMode">The configuration's bench.apt (drivers, bypassed, off): says why a pointing panel is empty.</param>
    public static string Save(JsonObject root, string aptMode, string directory)
    {
        JsonNode? ground = root["ground"];
        string status = root["status"]?.ToString() ?? "unknown";
        string seconds = Number(root["pass_seconds"])?.ToString("0.###", CultureInfo.InvariantCulture) ?? "?";

        Plot pointing = PointingPanel(root, ground, aptMode);
        pointing.Title($"jinan bench: {seconds} s pass, seed {root["seed"]}, transport {root["transport"]}, status {status}");

        Plot detections = new();
        double[]? perSecond = Doubles(ground?["channel_simulation"]?["detected_pulses_per_second"]);
        if (perSecond is { Length: > 0 })
        {
            var line = detections.Add.Scatter(SecondCentres(perSecond.Length), perSecond);
            line.LegendText = "detected pulses per second (OGS time tagger)";
            line.MarkerSize = 0;
            line.Color = Colors.DarkGreen;
            detections.Axes.SetLimitsY(0, Math.Max(1, perSecond.Where(double.IsFinite).DefaultIfEmpty(0).Max()) * 1.1);
            detections.ShowLegend(Alignment.LowerRight);
        }
        else
        {
            Note(detections, "no detections per second in the report (the ground left no channel statistics)");
        }

        detections.YLabel("detections / s");
        detections.XLabel("pass time (s)");

        Plot qber = new();
        double[]? perPacket = Doubles(root["qber_per_packet"]);
        if (perPacket is { Length: > 0 })
        {
            double[] percent = [.. perPacket.Select(q => q * 100)];
            var points = qber.Add.Scatter([.. Enumerable.Range(0, percent.Length).Select(i => (double)i)], percent);
            points.LegendText = "QBER per sifted packet (exact, else sampled)";
            points.LineWidth = 0;
            points.MarkerSize = percent.Length > 200 ? 3 : 7;
            points.Color = Colors.Purple;
            qber.Axes.SetLimits(-0.5, percent.Length - 0.5, 0, Math.Max(1, percent.Where(double.IsFinite).DefaultIfEmpty(0).Max()) * 1.25);
            qber.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
            qber.ShowLegend(Alignment.UpperRight);
        }
        else
        {
            Note(qber, "no sifted packets in the report");
        }

        qber.YLabel("QBER (%)");
        qber.XLabel("packet index (in order of distillation)");

        // The time panels share one axis: the pass, or the longest series if a side ran past it.
        double endS = Math.Max(Number(root["pass_seconds"]) ?? 0, Math.Max(perSecond?.Length ?? 0, PointingSeconds(ground)));
        if (endS > 0)
        {
            pointing.Axes.SetLimitsX(0, endS);
            detections.Axes.SetLimitsX(0, endS);
        }

        return PngFile.SaveStack([pointing, detections, qber], Path.Combine(directory, FileName));
    }

    private static Plot PointingPanel(JsonObject root, JsonNode? ground, string aptMode)
    {
        Plot plot = new();
        plot.YLabel("T_point (1 s means)");
        plot.XLabel("pass time (s)");
        plot.Axes.SetLimitsY(-0.02, 1.05);
        JsonNode? coupling = ground?["pointing_coupling"];
        if (coupling is null)
        {
            Note(plot, aptMode == "off"
                ? "pointing loops off (bench.apt = off): the link budget's fixed pointing loss, no T_point trace"
                : "no pointing coupling in the report (the ground left no result)");
            return plot;
        }

        bool drawn = false;
        foreach ((string end, string side, string loop, Color color) in new[] { ("payload", "payload", "payload.fine", PayloadColor), ("ogs", "ground", "ogs.fine", OgsColor) })
        {
            JsonNode? trace = coupling[end];
            double[]? perSecond = Doubles(trace?["t_point_per_s"]);
            if (perSecond is not { Length: > 0 })
            {
                continue;
            }

            string rms = FineRms(root[side], loop) is { } r ? string.Create(CultureInfo.InvariantCulture, $", fine RMS {r:0.##} µrad") : string.Empty;
            string halfAngle = Number(trace?["half_angle_urad"]) is { } h ? string.Create(CultureInfo.InvariantCulture, $"θd {h:0.##} µrad") : "θd ?";
            var line = plot.Add.Scatter(SecondCentres(perSecond.Length), perSecond);
            line.LegendText = $"{(end == "ogs" ? "OGS" : "payload")} T_point ({halfAngle}{rms})";
            line.MarkerSize = 0;
            line.Color = color;
            LockLines(plot, root[side]?["apt"]?["events"], color);
            drawn = true;
        }

        if (coupling["payload"]?["coupled"]?.GetValue<bool>() == false)
        {
            Note(plot, "payload not coupled: its T_point is the budget's fixed value", Alignment.LowerLeft);
        }

        if (!drawn)
        {
            Note(plot, "no T_point samples in the report");
            return plot;
        }

        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    /// <summary>Lock acquired (solid) and lost (dashed) of one end, from its apt section's events.</summary>
    private static void LockLines(Plot plot, JsonNode? events, Color color)
    {
        if (events is not JsonArray array)
        {
            return;
        }

        foreach (JsonNode? e in array)
        {
            string? kind = e?["kind"]?.ToString();
            if (kind is not ("lock_acquired" or "lock_lost") || Number(e?["time_s"]) is not { } t)
            {
                continue;
            }

            var line = plot.Add.VerticalLine(t);
            line.Color = color.WithAlpha(0.5);
            line.LineWidth = 1;
            line.LinePattern = kind == "lock_lost" ? LinePattern.Dashed : LinePattern.Solid;
        }
    }

    private static int PointingSeconds(JsonNode? ground) =>
        new[] { "payload", "ogs" }.Max(end => (ground?["pointing_coupling"]?[end]?["t_point_per_s"] as JsonArray)?.Count ?? 0);

    private static double? FineRms(JsonNode? side, string loop) => side?["apt"]?["loops"] is JsonArray loops
        ? Number(loops.FirstOrDefault(l => l?["name"]?.ToString() == loop)?["rms_urad"])
        : null;

    private static void Note(Plot plot, string text, Alignment where = Alignment.MiddleCenter)
    {
        var note = plot.Add.Annotation(text, where);
        note.LabelFontSize = 16;
    }

    private static double[] SecondCentres(int count) => [.. Enumerable.Range(0, count).Select(i => i + 0.5)];

    /// <summary>A JSON array of numbers (nulls, from non-finite values, become NaN: a gap); null when absent.</summary>
    private static double[]? Doubles(JsonNode? node) => node is JsonArray array
        ? [.. array.Select(v => Number(v) ?? double.NaN)]
        : null;

    // Finite numbers only: the firmware writes non-finite values as named literals (ReportNumbers); a long-typed node
    // (built in the CLI, not parsed) does not read as double.
    private static double? Number(JsonNode? node) =>
        ReportNumbers.AsFinite(node) ?? (node is JsonValue value && value.TryGetValue(out long whole) ? whole : null);
}
