using JinanOnboard.Cli.Commands;
using JinanOnboard.Studies.RingTwinField.Geometry;
using JinanOnboard.Studies.RingTwinField.Study;
using ScottPlot;

namespace JinanOnboard.Cli.Pictures;

/// <summary>
/// ring.png: key rate per link kind and end to end (log10 bits/s) against N; below it, the smallest ring of the run drawn
/// to scale in its plane (Earth, the grazing height, the orbit, the satellites and their links).
/// </summary>
internal static class StudyRingPicture
{
    public static string Save(RingReport report, RingGeometry geometry, string path)
    {
        Plot rates = new();
        double[] n = [.. report.Rings.Select(r => (double)r.Satellites)];
        Curve(rates, n, report.Rings.Select(r => r.InterSatelliteLinkRateBitsPerS), "ISL link key (neighbours)");
        Curve(rates, n, report.Rings.Select(r => r.InterSatelliteBridgeRateBitsPerS), "ISL bridge key (two hops)");
        Curve(rates, n, report.Rings.Select(r => r.MeanGroundLinkRateBitsPerS), "ground link key (mean while attached)");
        Curve(rates, n, report.Rings.Select(r => r.MeanAttachmentBridgeRateBitsPerS), "attachment bridge key (mean while attached)");
        Curve(rates, n, report.Rings.Select(r => r.MeanEndToEndRateBitsPerS), $"end to end {report.StationA}-{report.StationB}, mean over {report.ObservationHours} h");
        rates.Title($"Ring SNS-TF-QKD at {report.AltitudeKm} km: key rate against ring size (absent = 0)");
        rates.XLabel("satellites in the ring N");
        rates.YLabel("log10 key rate (bits/s)");
        rates.ShowLegend(Alignment.LowerRight);

        int shown = report.Rings[0].Satellites;
        Plot ring = new();
        Circle(ring, geometry.EarthRadiusKm, "Earth", Colors.SteelBlue);
        Circle(ring, geometry.EarthRadiusKm + geometry.GrazingHeightKm, $"grazing height {geometry.GrazingHeightKm} km", Colors.LightBlue);
        Circle(ring, geometry.RadiusKm, $"orbit {geometry.AltitudeKm} km", Colors.Gray);
        double[] xs = new double[shown + 1];
        double[] ys = new double[shown + 1];
        for (int k = 0; k <= shown; k++)
        {
            double u = 2 * Math.PI * k / shown;
            xs[k] = geometry.RadiusKm * Math.Cos(u);
            ys[k] = geometry.RadiusKm * Math.Sin(u);
        }

        var links = ring.Add.Scatter(xs, ys);
        links.LegendText = $"N = {shown}: inter-satellite links (grazing {geometry.LinkGrazingHeightKm(shown):F0} km)";
        links.MarkerSize = 8;
        links.Color = Colors.OrangeRed;
        ring.Axes.SquareUnits();
        ring.Title($"The ring of {shown} satellites in its plane (km)");
        ring.ShowLegend(Alignment.UpperRight);
        return PngFile.SaveStack([rates, ring], path, rowHeightPx: 520);
    }

    private static void Curve(Plot plot, double[] x, IEnumerable<double> bitsPerS, string label)
    {
        double[] y = [.. bitsPerS.Select(v => v > 0 && double.IsFinite(v) ? Math.Log10(v) : double.NaN)];
        var line = plot.Add.Scatter(x, y);
        line.LegendText = label;
        line.MarkerSize = 3;
    }

    private static void Circle(Plot plot, double radiusKm, string label, Color color)
    {
        const int points = 360;
        double[] x = new double[points + 1];
        double[] y = new double[points + 1];
        for (int i = 0; i <= points; i++)
        {
            double a = 2 * Math.PI * i / points;
            x[i] = radiusKm * Math.Cos(a);
            y[i] = radiusKm * Math.Sin(a);
        }

        var line = plot.Add.Scatter(x, y);
        line.LegendText = label;
        line.MarkerSize = 0;
        line.Color = color;
    }
}
