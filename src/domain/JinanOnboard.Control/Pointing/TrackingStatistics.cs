using System.Runtime.CompilerServices;

namespace JinanOnboard.Control.Pointing;

/// <summary>
/// Running statistics of a two-axis tracking error (µrad): radial RMS sqrt(mean(x² + y²)), per-axis RMS, peak, and the
/// mean dynamic pointing transmittance T_point = exp(−2 θe²/θd²) of models.md §2 for a beam (or field) half-angle θd.
/// </summary>
public sealed class TrackingStatistics(double pointingHalfAngleUrad)
{
    private double _sumX2;
    private double _sumY2;
    private double _sumTPoint;
    private readonly double _inverseHalfAngle2 = pointingHalfAngleUrad > 0 ? 1.0 / (pointingHalfAngleUrad * pointingHalfAngleUrad) : 0;

    /// <summary>The beam (or field) half-angle θd of <see cref="MeanPointingTransmittance"/>, µrad.</summary>
    public double PointingHalfAngleUrad => pointingHalfAngleUrad;

    /// <summary>Samples added.</summary>
    public long Count { get; private set; }

    /// <summary>Largest radial error seen, µrad.</summary>
    public double PeakUrad { get; private set; }

    /// <summary>Radial RMS, µrad (NaN before any sample).</summary>
    public double RmsUrad => Count == 0 ? double.NaN : Math.Sqrt((_sumX2 + _sumY2) / Count);

    /// <summary>RMS of the x axis, µrad.</summary>
    public double RmsXUrad => Count == 0 ? double.NaN : Math.Sqrt(_sumX2 / Count);

    /// <summary>RMS of the y axis, µrad.</summary>
    public double RmsYUrad => Count == 0 ? double.NaN : Math.Sqrt(_sumY2 / Count);

    /// <summary>Mean of exp(−2 θe²/θd²) over the samples (models.md §2), NaN before any sample.</summary>
    public double MeanPointingTransmittance => Count == 0 ? double.NaN : _sumTPoint / Count;

    /// <summary>Adds one sample of the error, µrad per axis.</summary>
    // Per fine tick: compiled at first call with inlining across assemblies, which ReadyToRun code lacks (issue 16).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(double xUrad, double yUrad)
    {
        double x2 = xUrad * xUrad;
        double y2 = yUrad * yUrad;
        _sumX2 += x2;
        _sumY2 += y2;
        _sumTPoint += Math.Exp(-2.0 * (x2 + y2) * _inverseHalfAngle2);
        double r = Math.Sqrt(x2 + y2);
        if (r > PeakUrad)
        {
            PeakUrad = r;
        }

        Count++;
    }
}
