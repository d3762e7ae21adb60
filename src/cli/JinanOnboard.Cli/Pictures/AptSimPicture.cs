using System.Globalization;
using JinanOnboard.Control.Pointing;
using ScottPlot;

namespace JinanOnboard.Cli.Pictures;

/// <summary>
/// <c>jinan apt sim --plot</c>: over pass time, (a) both ends' fine (total line-of-sight) errors, (b) both ends' coarse
/// errors, log µrad, and (c) each end's T_point = exp(−2 θ²/θd²) (models.md §2), every point the mean of 10 ms of 1 ms
/// samples (<see cref="AptTrace"/>); lock acquired / lost events as vertical lines in every panel.
/// </summary>
internal static class AptSimPicture
{
    // Past this many lock events the lines would hide the traces (a long cloudy run): the title says they were left out.
    private const int MaxEventLines = 200;

    // A radial error of exactly zero has no logarithm; nothing in these loops is finer than 1 nrad.
    private const double FloorUrad = 1e-3;

    private static readonly Color PayloadColor = Colors.OrangeRed;
    private static readonly Color OgsColor = Colors.SteelBlue;

    public static string Save(AptTrace trace, AptReport report, string path)
    {
        AptEvent[] locks = [.. report.Events.Where(e => e.Kind is AptEventKind.LockAcquired or AptEventKind.LockLost)];
        bool drawEvents = locks.Length <= MaxEventLines;
        string seconds = report.PassSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        string eventsNote = drawEvents
            ? "lock acquired: solid, lock lost: dashed"
            : $"{locks.Length} lock events, too many to draw";

        Plot fine = new();
        LogCurve(fine, trace, trace.PayloadFineUrad, "payload fine error (attitude + FSM)", PayloadColor);
        LogCurve(fine, trace, trace.OgsFineUrad, "OGS fine error (gimbal + FSM)", OgsColor);
        LogAxis(fine, "fine error (µrad, log)");
        fine.Title($"jinan apt sim: {seconds} s of the default pass, seed {report.Seed} — radial errors, 10 ms means; {eventsNote}");

        Plot coarse = new();
        LogCurve(coarse, trace, trace.PayloadCoarseUrad, "payload coarse error (attitude)", PayloadColor);
        LogCurve(coarse, trace, trace.OgsCoarseUrad, "OGS coarse error (gimbal)", OgsColor);
        LogAxis(coarse, "coarse error (µrad, log)");

        Plot tPoint = new();
        Curve(tPoint, trace, trace.PayloadTPoint, string.Create(CultureInfo.InvariantCulture, $"payload T_point (θd {trace.PayloadHalfAngleUrad:0.##} µrad beam half-angle)"), PayloadColor);
        Curve(tPoint, trace, trace.OgsTPoint, string.Create(CultureInfo.InvariantCulture, $"OGS T_point (θd {trace.OgsHalfAngleUrad:0.##} µrad field-of-view half-angle)"), OgsColor);
        tPoint.Axes.SetLimitsY(-0.02, 1.05);
        tPoint.YLabel("T_point = exp(−2θ²/θd²)");
        tPoint.XLabel("pass time (s)");

        foreach (Plot panel in new[] { fine, coarse, tPoint })
        {
            if (drawEvents)
            {
                EventLines(panel, locks);
            }

            panel.Axes.SetLimitsX(0, report.PassSeconds);
            panel.ShowLegend(panel == tPoint ? Alignment.LowerRight : Alignment.UpperRight);
        }

        return PngFile.SaveStack([fine, coarse, tPoint], path);
    }

    private static void LogCurve(Plot plot, AptTrace trace, double[] urad, string label, Color color)
    {
        double[] log = new double[trace.Count];
        for (int i = 0; i < log.Length; i++)
        {
            log[i] = Math.Log10(Math.Max(urad[i], FloorUrad));
        }

        Curve(plot, trace, log, label, color);
    }

    private static void Curve(Plot plot, AptTrace trace, double[] y, string label, Color color)
    {
        var line = plot.Add.SignalXY(trace.TimeS[..trace.Count], y.Length == trace.Count ? y : y[..trace.Count]);
        line.LegendText = label;
        line.Color = color;
        line.LineWidth = 1;
    }

    /// <summary>Data drawn as log10(µrad): decade ticks labelled in µrad with log-spaced minor ticks.</summary>
    private static void LogAxis(Plot plot, string label)
    {
        var ticks = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => Math.Pow(10, y).ToString("0.###", CultureInfo.InvariantCulture),
        };
        plot.Axes.Left.TickGenerator = ticks;
        plot.YLabel(label);
    }

    private static void EventLines(Plot plot, IEnumerable<AptEvent> locks)
    {
        foreach (AptEvent e in locks)
        {
            var line = plot.Add.VerticalLine(e.TimeS);
            line.Color = (e.End == "payload" ? PayloadColor : OgsColor).WithAlpha(0.6);
            line.LineWidth = 1;
            line.LinePattern = e.Kind == AptEventKind.LockLost ? LinePattern.Dashed : LinePattern.Solid;
        }
    }
}
