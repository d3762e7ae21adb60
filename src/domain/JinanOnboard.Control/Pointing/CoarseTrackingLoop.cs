using JinanOnboard.Control.Configuration;

namespace JinanOnboard.Control.Pointing;

/// <summary>
/// A coarse tracking loop, role-neutral: the frames of its camera (at the camera's rate) pass the arbitration; each
/// cycle (at the loop's rate) it closes on the latest valid camera centroid while the arbiter is on the camera, else on
/// the auxiliary vector, with the rate and feedforward of the auxiliary vector (<see cref="CoarseAxisPair"/>).
/// </summary>
public sealed class CoarseTrackingLoop
{
    private readonly CoarseAxisPair _axes;
    private AuxiliaryVector _auxiliary;
    private CentroidFrame _lastValid;
    private int _framesThisCycle;
    private int _validThisCycle;

    public CoarseTrackingLoop(string end, CoarseLoopSettings settings, ArbitrationSettings arbitration, AptEventLog log)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        Arbiter = new VectorSourceArbiter(end, arbitration, log);
        _axes = new CoarseAxisPair(settings);
    }

    /// <summary>The loop's settings.</summary>
    public CoarseLoopSettings Settings { get; }

    /// <summary>The source arbitration.</summary>
    public VectorSourceArbiter Arbiter { get; }

    /// <summary>Cycles whose torque hit the actuator limit.</summary>
    public long SaturatedCycles => _axes.SaturatedCycles;

    /// <summary>Whether the last cycle had at least one valid camera frame, and the radial error of the latest (µrad).</summary>
    public bool BeaconSeenLastCycle { get; private set; }

    /// <summary>Radial error of the latest valid camera frame, µrad.</summary>
    public double LastCameraErrorUrad => _lastValid.RadialMicroradians;

    /// <summary>Input: the auxiliary vector (once per cycle, before <see cref="Step"/>).</summary>
    public void OnAuxiliaryVector(in AuxiliaryVector auxiliary) => _auxiliary = auxiliary;

    /// <summary>Input: one camera frame, checked against the latest auxiliary vector.</summary>
    public void OnCameraFrame(double timeS, in CentroidFrame frame)
    {
        _framesThisCycle++;
        if (Arbiter.Observe(timeS, Arbiter.Check(frame, _auxiliary)) == FrameRejection.None)
        {
            _lastValid = frame;
            _validThisCycle++;
        }
    }

    /// <summary>One cycle: the torque command.</summary>
    public TorqueCommand Step(double timeS)
    {
        if (_framesThisCycle == 0)
        {
            Arbiter.Observe(timeS, FrameRejection.NoFrame);
        }

        BeaconSeenLastCycle = _validThisCycle > 0;
        _framesThisCycle = 0;
        _validThisCycle = 0;
        bool camera = Arbiter.Source == VectorSource.Camera;
        double ex = camera ? _lastValid.XMicroradians : _auxiliary.XMicroradians;
        double ey = camera ? _lastValid.YMicroradians : _auxiliary.YMicroradians;
        return _axes.Step(ex, ey, _auxiliary.XRateMicroradiansPerS, _auxiliary.YRateMicroradiansPerS, _auxiliary.XFeedforwardMicroradiansPerS2, _auxiliary.YFeedforwardMicroradiansPerS2);
    }
}
