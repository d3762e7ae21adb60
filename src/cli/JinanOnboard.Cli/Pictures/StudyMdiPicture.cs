using JinanOnboard.Cli.Commands;
using JinanOnboard.Studies.MdiFeasibility.Study;
using ScottPlot;

namespace JinanOnboard.Cli.Pictures;

/// <summary>
/// mdi.png: with a sweep, the best window's key (optimised and fixed intensities, log10 bits) and its lowest dual-uplink
/// loss against the swept value, with the tolerable loss as a line; without one, the best window's dual loss and
/// per-slot key over time.
/// </summary>
internal static class StudyMdiPicture
{
    public static string Save(MdiReport report, MdiEvaluation evaluation, string path)
    {
        Plot key = new();
        Plot loss = new();
        if (report.Sweep is MdiSweepReport sweep)
        {
            double[] x = [.. sweep.Points.Select(p => p.Value)];
            string xLabel = $"{sweep.Parameter} ({sweep.Unit})";
            bool logX = sweep.Parameter == "turbulence";
            double[] xs = logX ? [.. x.Select(Math.Log10)] : x;
            AddKeyCurve(key, xs, [.. sweep.Points.Select(p => p.BestWindowKeyOptimisedBits)], "per-slot optimised intensities");
            AddKeyCurve(key, xs, [.. sweep.Points.Select(p => p.BestWindowKeyFixedBits)], "fixed μ = 0.5, ν = 0.1");
            key.Title($"MDI-QKD {report.SiteA} + {report.SiteB}: key of the best window (log10 bits; absent = 0)");
            key.XLabel(logX ? $"log10 {xLabel}" : xLabel);
            key.YLabel("log10 key per window (bits)");
            key.ShowLegend();
            var lossLine = loss.Add.Scatter(xs, [.. sweep.Points.Select(p => double.IsFinite(p.MinDualLossDb) ? p.MinDualLossDb : double.NaN)]);
            lossLine.LegendText = "lowest dual-uplink loss of the windows";
            var limit = loss.Add.HorizontalLine(report.MaxTolerableDualLossDb);
            limit.LegendText = $"MDI tolerates {report.MaxTolerableDualLossDb:F1} dB (optimised intensities)";
            var fixedLimit = loss.Add.HorizontalLine(report.MaxTolerableDualLossFixedDb);
            fixedLimit.LegendText = $"{report.MaxTolerableDualLossFixedDb:F1} dB with fixed μ = 0.5, ν = 0.1";
            loss.XLabel(logX ? $"log10 {xLabel}" : xLabel);
            loss.YLabel("dB");
            loss.ShowLegend();
        }
        else
        {
            MdiWindowResult best = evaluation.Windows.OrderByDescending(w => w.KeyOptimisedBits).ThenBy(w => w.MinDualLossDb).First();
            double[] t = [.. best.Slots.Select(s => s.StartS + (s.DurationS / 2))];
            AddKeyCurve(key, t, [.. best.Slots.Select(s => s.KeyOptimisedBits)], "per-slot optimised intensities");
            AddKeyCurve(key, t, [.. best.Slots.Select(s => s.KeyFixedBits)], "fixed μ = 0.5, ν = 0.1");
            key.Title($"MDI-QKD {report.SiteA} + {report.SiteB}, window from {best.StartUtc:yyyy-MM-dd HH:mm:ss}Z: key per slot");
            if (!evaluation.Feasible)
            {
                // Nothing to draw on the key panel: say why instead of leaving it blank.
                key.Add.Text($"no key: infeasible by {evaluation.InfeasibleByDb:F1} dB", t[0], 0);
            }

            key.XLabel("time in window (s)");
            key.YLabel("log10 key per slot (bits)");
            key.ShowLegend();
            var a = loss.Add.Scatter(t, [.. best.Slots.Select(s => s.MeanLossADb)]);
            a.LegendText = $"uplink {report.SiteA}";
            var b = loss.Add.Scatter(t, [.. best.Slots.Select(s => s.MeanLossBDb)]);
            b.LegendText = $"uplink {report.SiteB}";
            var dual = loss.Add.Scatter(t, [.. best.Slots.Select(s => s.MeanDualLossDb)]);
            dual.LegendText = "dual-uplink (sum)";
            var limit = loss.Add.HorizontalLine(report.MaxTolerableDualLossDb);
            limit.LegendText = $"MDI tolerates {report.MaxTolerableDualLossDb:F1} dB (optimised intensities)";
            var fixedLimit = loss.Add.HorizontalLine(report.MaxTolerableDualLossFixedDb);
            fixedLimit.LegendText = $"{report.MaxTolerableDualLossFixedDb:F1} dB with fixed μ = 0.5, ν = 0.1";
            loss.XLabel("time in window (s)");
            loss.YLabel("loss per slot (dB)");
            loss.ShowLegend(Alignment.UpperCenter);
        }

        return PngFile.SaveStack([key, loss], path);
    }

    /// <summary>log10 of the positive values; zero key is left out of the curve rather than drawn at a made-up floor.</summary>
    private static void AddKeyCurve(Plot plot, double[] x, double[] bits, string label)
    {
        double[] y = [.. bits.Select(v => v > 0 ? Math.Log10(v) : double.NaN)];
        var curve = plot.Add.Scatter(x, y);
        curve.LegendText = label;
    }
}
