using JinanOnboard.Physics.Budgets;

namespace JinanOnboard.Cli.Pictures;

/// <summary>
/// The traces of <c>jinan apt sim --plot</c>, decimated as they arrive: the simulation calls <see cref="Record"/> once per
/// 1 ms lockstep; every <see cref="SamplesPerPoint"/> calls make one point holding the window's mean errors and mean
/// T_point per end (T_point averaged sample by sample, not taken of the mean error: exp is convex). A 300 s pass is 300 000
/// calls into arrays sized up front, so the hot loop does not allocate.
/// </summary>
internal sealed class AptTrace
{
    /// <summary>1 ms samples per drawn point: 10 ms per point (30 000 points for a 300 s pass).</summary>
    public const int SamplesPerPoint = 10;

    private readonly double _payloadHalfAngleRad;
    private readonly double _ogsHalfAngleRad;
    private readonly double[] _sums = new double[Channels];
    private int _inWindow;
    private double _lastTimeS;

    private const int Channels = 6;

    /// <param name="points">Capacity in points: the pass's lockstep count / <see cref="SamplesPerPoint"/>, rounded up.</param>
    /// <param name="payloadHalfAngleUrad">θd of the payload's beam (settings.PayloadDivergenceHalfAngleUrad).</param>
    /// <param name="ogsHalfAngleUrad">θd of the OGS's receiver, its field of view (settings.OgsFieldOfViewHalfAngleUrad).</param>
    public AptTrace(int points, double payloadHalfAngleUrad, double ogsHalfAngleUrad)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(points);
        _payloadHalfAngleRad = payloadHalfAngleUrad * 1e-6;
        _ogsHalfAngleRad = ogsHalfAngleUrad * 1e-6;
        TimeS = new double[points];
        PayloadFineUrad = new double[points];
        OgsFineUrad = new double[points];
        PayloadCoarseUrad = new double[points];
        OgsCoarseUrad = new double[points];
        PayloadTPoint = new double[points];
        OgsTPoint = new double[points];
        PayloadHalfAngleUrad = payloadHalfAngleUrad;
        OgsHalfAngleUrad = ogsHalfAngleUrad;
    }

    public double PayloadHalfAngleUrad { get; }

    public double OgsHalfAngleUrad { get; }

    /// <summary>Points filled so far.</summary>
    public int Count { get; private set; }

    /// <summary>Pass time of each point: the end of its window, s.</summary>
    public double[] TimeS { get; }

    public double[] PayloadFineUrad { get; }

    public double[] OgsFineUrad { get; }

    public double[] PayloadCoarseUrad { get; }

    public double[] OgsCoarseUrad { get; }

    /// <summary>Mean T_point of the payload's beam over each window (models.md §2).</summary>
    public double[] PayloadTPoint { get; }

    /// <summary>Mean T_point of the OGS's receiver over each window (models.md §2).</summary>
    public double[] OgsTPoint { get; }

    /// <summary>A trace sized for <paramref name="seconds"/> of 1 ms samples.</summary>
    public static AptTrace ForPass(double seconds, double lockstepS, double payloadHalfAngleUrad, double ogsHalfAngleUrad)
    {
        long steps = (long)Math.Floor(seconds / lockstepS);
        return new AptTrace((int)((steps + SamplesPerPoint - 1) / SamplesPerPoint), payloadHalfAngleUrad, ogsHalfAngleUrad);
    }

    /// <summary>The simulation's <c>Sampled</c> callback: one 1 ms sample of both ends' radial errors, µrad.</summary>
    public void Record(double timeS, double payloadFineUrad, double ogsFineUrad, double payloadCoarseUrad, double ogsCoarseUrad)
    {
        _sums[0] += payloadFineUrad;
        _sums[1] += ogsFineUrad;
        _sums[2] += payloadCoarseUrad;
        _sums[3] += ogsCoarseUrad;

        // T_point of each end from its fine (total) error: models.md §2, the one copy in LinkPhysics.
        _sums[4] += LinkPhysics.PointingTransmittance(payloadFineUrad * 1e-6, _payloadHalfAngleRad);
        _sums[5] += LinkPhysics.PointingTransmittance(ogsFineUrad * 1e-6, _ogsHalfAngleRad);
        _lastTimeS = timeS;
        if (++_inWindow == SamplesPerPoint)
        {
            Flush();
        }
    }

    /// <summary>Closes a last, partial window (a pass not a multiple of 10 ms).</summary>
    public void Complete()
    {
        if (_inWindow > 0)
        {
            Flush();
        }
    }

    private void Flush()
    {
        if (Count < TimeS.Length)
        {
            int i = Count++;
            double n = _inWindow;
            TimeS[i] = _lastTimeS;
            PayloadFineUrad[i] = _sums[0] / n;
            OgsFineUrad[i] = _sums[1] / n;
            PayloadCoarseUrad[i] = _sums[2] / n;
            OgsCoarseUrad[i] = _sums[3] / n;
            PayloadTPoint[i] = _sums[4] / n;
            OgsTPoint[i] = _sums[5] / n;
        }

        Array.Clear(_sums);
        _inWindow = 0;
    }
}
