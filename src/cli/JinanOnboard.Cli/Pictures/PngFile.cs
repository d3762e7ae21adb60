using ScottPlot;

namespace JinanOnboard.Cli.Pictures;

/// <summary>
/// Where every picture of the CLI is written: one size, one place that creates the directory and says what went wrong
/// in one line (a picture is an output file like a report: a bad path is the operator's error, not a stack trace).
/// </summary>
internal static class PngFile
{
    public const int WidthPx = 1200;
    public const int HeightPx = 700;

    /// <summary>Writes <paramref name="plot"/> to <paramref name="path"/> (directories created); returns the full path.</summary>
    public static string Save(Plot plot, string path, int widthPx = WidthPx, int heightPx = HeightPx)
    {
        ArgumentNullException.ThrowIfNull(plot);
        string full = Path.GetFullPath(path);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            plot.SavePng(full, widthPx, heightPx);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot write picture {path}: {e.Message}", e);
        }

        return full;
    }

    /// <summary>A multi-panel figure (rows stacked vertically) written to <paramref name="path"/>.</summary>
    public static string SaveStack(IReadOnlyList<Plot> rows, string path, int widthPx = WidthPx, int rowHeightPx = 320)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var multiplot = new Multiplot();
        multiplot.RemovePlot(multiplot.GetPlot(0));
        foreach (Plot row in rows)
        {
            multiplot.AddPlot(row);
        }

        multiplot.Layout = new ScottPlot.MultiplotLayouts.Rows();
        string full = Path.GetFullPath(path);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            multiplot.SavePng(full, widthPx, rowHeightPx * rows.Count);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot write picture {path}: {e.Message}", e);
        }

        return full;
    }
}
