namespace JinanOnboard.Primitives.Numerics;

/// <summary>A figure for a JSON report: rounded when asked, and null when it has no value (NaN or infinite), never a literal JSON cannot hold.</summary>
public static class ReportNumber
{
    public static double? OrNull(double value) => double.IsFinite(value) ? value : null;

    public static double? OrNull(double value, int digits) => double.IsFinite(value) ? Math.Round(value, digits) : null;
}
