using JinanOnboard.Studies.Scheduling.Cities;
using JinanOnboard.Studies.Scheduling.Sweep;
using ScottPlot;

namespace JinanOnboard.Cli.Pictures;

/// <summary><c>plan sweep</c>'s picture: S-TD keys per orbit and divergence (log scale) and the median best loss against divergence.</summary>
internal static class SweepPictures
{
    public static string Save(IReadOnlyList<SchedulingCity> cities, IReadOnlyList<SweepCase> cases, IReadOnlyList<double> divergences, double maxLossDb, string path)
    {
        var palette = new ScottPlot.Palettes.Category10();
        string[] orbits = [.. cases.Select(c => c.Orbit).Distinct()];

        // Keys: log10 of Mbit so that GEO and LEO fit on one axis (no bar where the target is unreachable).
        var keys = new Plot();
        double group = 0.8;
        double width = group / divergences.Count;
        for (int d = 0; d < divergences.Count; d++)
        {
            var bars = new List<Bar>();
            for (int o = 0; o < orbits.Length; o++)
            {
                SweepCase c = cases.Single(x => x.Orbit == orbits[o] && x.DivergenceUrad == divergences[d]);
                if (c.TargetReached && c.TargetDistributionBits > 0)
                {
                    bars.Add(new Bar
                    {
                        Position = o - (group / 2) + ((d + 0.5) * width),
                        ValueBase = -3,
                        Value = Math.Log10(c.TargetDistributionBits / 1e6),
                        Size = width * 0.95,
                        FillColor = palette.GetColor(d),
                    });
                }
            }

            var plot = keys.Add.Bars(bars);
            plot.LegendText = $"φ = {divergences[d]:0} µrad";
        }

        keys.Axes.Bottom.SetTicks([.. Enumerable.Range(0, orbits.Length).Select(o => (double)o)], orbits);
        double[] decades = [-3, -2, -1, 0, 1, 2, 3, 4, 5];
        keys.Axes.Left.SetTicks(decades, [.. decades.Select(k => $"1e{k:0}")]);
        keys.YLabel("S-TD key over the window (Mbit, log)");
        keys.Title($"S-TD keys for {cities.Count} cities (D_KL < 0.01; no bar: target unreachable)");
        keys.Axes.SetLimits(-0.5, orbits.Length - 0.5, -3, 5);
        keys.ShowLegend(Alignment.UpperRight);

        // Median over cities of each city's best loss, per orbit, against divergence; the tolerable loss as a line.
        var loss = new Plot();
        for (int o = 0; o < orbits.Length; o++)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            foreach (double d in divergences)
            {
                double[] best = [.. cases.Single(x => x.Orbit == orbits[o] && x.DivergenceUrad == d).MinLossDbPerCity.Where(l => l is not null).Select(l => l!.Value).Order()];
                if (best.Length > 0)
                {
                    xs.Add(d);
                    ys.Add(best[best.Length / 2]);
                }
            }

            var line = loss.Add.Scatter(xs.ToArray(), ys.ToArray());
            line.Color = palette.GetColor(o);
            line.LegendText = orbits[o];
        }

        var limit = loss.Add.HorizontalLine(maxLossDb);
        limit.Color = Colors.Black;
        limit.LinePattern = LinePattern.Dashed;
        limit.LegendText = $"largest loss with key ({maxLossDb:F1} dB)";
        loss.XLabel("divergence φ (µrad)");
        loss.YLabel("median over cities of the best loss (dB)");
        loss.Title("Best link loss of the window (dark, above 10°, clear sky)");
        loss.ShowLegend(Alignment.LowerRight);
        return PngFile.SaveStack([keys, loss], path, PngFile.WidthPx, 400);
    }
}
