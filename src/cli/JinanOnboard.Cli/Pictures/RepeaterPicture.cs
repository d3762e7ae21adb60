using System.Globalization;
using JinanOnboard.Cli.Commands;
using ScottPlot;

namespace JinanOnboard.Cli.Pictures;

/// <summary>
/// repeater.png: key rate lower bound against the swept memory coherence time or cutoff, one line per scenario, with
/// each scenario's direct-transmission PLOB rate as a dashed line of the same colour. Both axes are logarithmic
/// (log10 of the data with decade ticks); points without key are left out, as a log axis cannot show zero.
/// </summary>
internal static class RepeaterPicture
{
    private static readonly Color[] Colors = [new("#1f77b4"), new("#d62728"), new("#2ca02c"), new("#9467bd")];

    public static string Save(RepeaterReport report, string path)
    {
        var plot = new Plot();
        int index = 0;
        foreach (IGrouping<string, RepeaterSweepRow> scenario in report.SweepPoints.GroupBy(p => p.Scenario))
        {
            Color color = Colors[index++ % Colors.Length];
            RepeaterSweepRow[] withKey = [.. scenario.Where(p => p.KeyRateBitsPerS > 0)];
            if (withKey.Length > 0)
            {
                var line = plot.Add.Scatter(withKey.Select(p => Math.Log10(p.ValueS)).ToArray(), withKey.Select(p => Math.Log10(p.KeyRateBitsPerS)).ToArray(), color);
                line.LegendText = $"scenario {scenario.Key}: repeater key rate lower bound";
                line.MarkerSize = 7;
            }

            double direct = scenario.First().DirectBitsPerS;
            if (direct > 0)
            {
                var level = plot.Add.HorizontalLine(Math.Log10(direct), 2, color, LinePattern.Dashed);
                level.LegendText = $"scenario {scenario.Key}: direct transmission (PLOB, same attempt rate)";
            }
        }

        plot.Title(report.Sweep == "coherence"
            ? "Key rate vs memory coherence time T2 (no cutoff)"
            : string.Create(CultureInfo.InvariantCulture, $"Key rate vs storage cutoff (T2 = {report.Settings.CoherenceTimeS:G3} s)"));
        plot.XLabel(report.Sweep == "coherence" ? "memory coherence time T2 (s)" : "cutoff t_cut (s)");
        plot.YLabel("secret key rate (bit/s)");
        if (report.SweepPoints.Count > 0)
        {
            // The whole swept range, also where no point has key.
            double lo = Math.Log10(report.SweepPoints.Min(p => p.ValueS));
            double hi = Math.Log10(report.SweepPoints.Max(p => p.ValueS));
            plot.Axes.SetLimitsX(lo - 0.1, hi + 0.1);
        }

        plot.Axes.Bottom.TickGenerator = LogTicks();
        plot.Axes.Left.TickGenerator = LogTicks();
        plot.ShowLegend(Alignment.LowerRight);
        return PngFile.Save(plot, path);
    }

    private static ScottPlot.TickGenerators.NumericAutomatic LogTicks() => new()
    {
        MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
        IntegerTicksOnly = true,
        LabelFormatter = v => Math.Pow(10, v).ToString("G3", CultureInfo.InvariantCulture),
    };
}
