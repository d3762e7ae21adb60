using JinanOnboard.Studies.Scheduling.Keys;
using JinanOnboard.Studies.Scheduling.Study;
using ScottPlot;

namespace JinanOnboard.Cli.Pictures;

/// <summary><c>plan schedule</c>'s picture: keys per city per strategy (grouped bars) above the schedule timeline of each exact solution.</summary>
internal static class SchedulePictures
{
    // A pass lasts minutes in a week-long axis: runs are widened to stay visible (said in the title).
    private const double MinRunWidthH = 0.5;

    public static string Save(KeyTable table, IReadOnlyList<StrategyComparison> results, string path)
    {
        var palette = new ScottPlot.Palettes.Category10();
        string[] cities = [.. table.Cities.Select(c => c.Name)];

        var bars = new Plot();
        double groupWidth = 0.8;
        double barWidth = groupWidth / results.Count;
        for (int s = 0; s < results.Count; s++)
        {
            StrategyOutcome exact = results[s].Exact;
            var list = new List<Bar>();
            for (int n = 0; n < cities.Length; n++)
            {
                list.Add(new Bar
                {
                    Position = n - (groupWidth / 2) + ((s + 0.5) * barWidth),
                    Value = exact.Cities[n].KeysBits / 1e6,
                    Size = barWidth * 0.95,
                    FillColor = palette.GetColor(s),
                });
            }

            var plot = bars.Add.Bars(list);
            plot.LegendText = $"{results[s].Strategy} ({exact.Method})";
        }

        // Weight share of the total for reference: where S-TD should land.
        double tdTotal = results.FirstOrDefault(r => r.Strategy == "S-TD")?.Exact.TotalBits ?? 0;
        if (tdTotal > 0)
        {
            double[] xs = [.. Enumerable.Range(0, cities.Length).Select(n => (double)n)];
            double[] ys = [.. table.Cities.Select(c => c.Weight * tdTotal / 1e6)];
            var marks = bars.Add.ScatterPoints(xs, ys);
            marks.MarkerSize = 8;
            marks.Color = Colors.Black;
            marks.LegendText = "w_n × S-TD total (the shares S-TD aims at)";
        }

        bars.Axes.Bottom.SetTicks([.. Enumerable.Range(0, cities.Length).Select(n => (double)n)], cities);
        bars.YLabel("delivered key (Mbit)");
        bars.Title($"Keys per city, {table.Window.StartUtc:yyyy-MM-dd} + {table.Intervals * table.Window.IntervalS / 86400:F1} days");
        bars.Axes.Margins(bottom: 0);
        bars.ShowLegend(Alignment.UpperRight);

        var timeline = new Plot();
        double hoursPerInterval = table.Window.IntervalS / 3600.0;
        for (int s = 0; s < results.Count; s++)
        {
            double offset = (s - ((results.Count - 1) / 2.0)) * 0.25;
            foreach (NamedRun run in results[s].Exact.Runs)
            {
                int n = Array.IndexOf(cities, run.City);
                double x0 = run.StartInterval * hoursPerInterval;
                double x1 = (run.StartInterval + run.Length) * hoursPerInterval;
                var rect = timeline.Add.Rectangle(x0, Math.Max(x1, x0 + MinRunWidthH), n + offset - 0.11, n + offset + 0.11);
                rect.FillColor = palette.GetColor(s);
                rect.LineWidth = 0;
            }
        }

        timeline.Axes.Left.SetTicks([.. Enumerable.Range(0, cities.Length).Select(n => (double)n)], cities);
        timeline.XLabel($"hours from {table.Window.StartUtc:yyyy-MM-dd HH:mm} UTC");
        timeline.Title($"Schedule of the exact solutions: one row per city, one lane per strategy (runs drawn at least {MinRunWidthH} h wide)");
        timeline.Axes.SetLimits(0, table.Intervals * hoursPerInterval, -0.6, cities.Length - 0.4);
        return PngFile.SaveStack([bars, timeline], path, PngFile.WidthPx, 420);
    }
}
