using System.Runtime.CompilerServices;
using JinanOnboard.Physics.Timeline;

namespace JinanOnboard.PointingBench.Geometry;

/// <summary>
/// The line of sight both ends must follow, from the orbit layer's pass (no second propagator): the OGS's look angles
/// sampled every <see cref="StepS"/> and turned into two small-angle axes, cross-elevation x (∫ cos(el)·daz) and
/// elevation y, in µrad from the start; rate and acceleration by cubic Hermite interpolation. The satellite's body
/// must turn at the same inertial line-of-sight rate, which this track also gives it (Earth rotation and the orbit
/// frame's rotation neglected: a few percent of the rate, absorbed by the loops).
/// </summary>
public sealed class LineOfSightTrack
{
    /// <summary>Sample spacing, s.</summary>
    public const double StepS = 0.05;

    private readonly double[] _x;
    private readonly double[] _y;
    private readonly double[] _vx;
    private readonly double[] _vy;
    private readonly double[] _elevationDeg;

    public LineOfSightTrack(PassTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        int n = (int)Math.Ceiling(timeline.DurationS / StepS) + 1;
        _x = new double[n];
        _y = new double[n];
        _vx = new double[n];
        _vy = new double[n];
        _elevationDeg = new double[n];
        double previousAz = double.NaN;
        for (int i = 0; i < n; i++)
        {
            var look = timeline.LookAt(i * StepS);
            double el = look.ElevationDeg * Math.PI / 180;
            double az = look.AzimuthDeg * Math.PI / 180;
            _elevationDeg[i] = look.ElevationDeg;
            _y[i] = (el - (_elevationDeg[0] * Math.PI / 180)) * 1e6;
            if (i > 0)
            {
                double daz = Math.IEEERemainder(az - previousAz, 2 * Math.PI);
                _x[i] = _x[i - 1] + (daz * Math.Cos(el) * 1e6);
            }

            previousAz = az;
        }

        for (int i = 0; i < n; i++)
        {
            int a = Math.Max(0, i - 1);
            int b = Math.Min(n - 1, i + 1);
            _vx[i] = (_x[b] - _x[a]) / ((b - a) * StepS);
            _vy[i] = (_y[b] - _y[a]) / ((b - a) * StepS);
        }

        DurationS = (n - 1) * StepS;
    }

    /// <summary>Covered time, s.</summary>
    public double DurationS { get; }

    /// <summary>Elevation, degrees (nearest sample).</summary>
    public double ElevationDeg(double t) => _elevationDeg[Index(t)];

    /// <summary>Position (µrad), rate (µrad/s) and acceleration (µrad/s²) of both axes at <paramref name="t"/>.</summary>
    // Per fine tick: compiled at first call with inlining across assemblies, which ReadyToRun code lacks (issue 16).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void At(double t, out LineOfSight x, out LineOfSight y)
    {
        int i = Math.Min(Index(t), _x.Length - 2);
        double u = Math.Clamp((t - (i * StepS)) / StepS, 0, 1);
        x = Hermite(_x[i], _x[i + 1], _vx[i], _vx[i + 1], u);
        y = Hermite(_y[i], _y[i + 1], _vy[i], _vy[i + 1], u);
    }

    private int Index(double t) => Math.Clamp((int)(t / StepS), 0, _x.Length - 1);

    private static LineOfSight Hermite(double p0, double p1, double v0, double v1, double u)
    {
        double h = StepS;
        double m0 = v0 * h;
        double m1 = v1 * h;
        double u2 = u * u;
        double u3 = u2 * u;
        double p = (((2 * u3) - (3 * u2) + 1) * p0) + ((u3 - (2 * u2) + u) * m0) + (((-2 * u3) + (3 * u2)) * p1) + ((u3 - u2) * m1);
        double dp = (((6 * u2) - (6 * u)) * p0) + (((3 * u2) - (4 * u) + 1) * m0) + (((-6 * u2) + (6 * u)) * p1) + (((3 * u2) - (2 * u)) * m1);
        double ddp = (((12 * u) - 6) * p0) + (((6 * u) - 4) * m0) + (((-12 * u) + 6) * p1) + (((6 * u) - 2) * m1);
        return new LineOfSight(p, dp / h, ddp / (h * h));
    }
}

/// <summary>One axis of the line of sight: angle (µrad), rate (µrad/s), acceleration (µrad/s²).</summary>
public readonly record struct LineOfSight(double Angle, double Rate, double Acceleration);
