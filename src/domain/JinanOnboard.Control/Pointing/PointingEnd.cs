using JinanOnboard.Control.Configuration;
using JinanOnboard.Devices.Mirrors;

namespace JinanOnboard.Control.Pointing;

/// <summary>
/// One end's APT control (system.md §APT), the same mechanics at the payload and at the OGS: the coarse loop (the
/// satellite's attitude on its reaction wheels, or the OGS gimbal) closed on its camera with dual-source arbitration
/// against the auxiliary vector (orbit and attitude sensors, or orbit prediction and encoders), the fast-steering-mirror
/// loop on the fine camera, and the acquisition sequence. Inputs and outputs are typed; it holds no clock: a
/// <see cref="PointingRateGroup"/> drives each input at its own rate on the pass time.
/// </summary>
public sealed class PointingEnd
{
    /// <summary>The payload's name in events and reports.</summary>
    public const string Payload = "payload";

    /// <summary>The OGS's name in events and reports.</summary>
    public const string Ogs = "ogs";

    private int _fineFramesSinceCycle;
    private double _fineErrorSumSinceCycle;

    public PointingEnd(string end, EndSettings settings, ArbitrationSettings arbitration, ITipTiltMirror fineMirror, AptEventLog events)
    {
        ArgumentNullException.ThrowIfNull(settings);
        End = end;
        Settings = settings;
        Events = events;
        Coarse = new CoarseTrackingLoop(end, settings.Coarse, arbitration, events);
        Fine = new FineMirrorLoop(settings.Fine, fineMirror);
        Acquisition = new AcquisitionStateMachine(end, settings.Acquisition, events);
    }

    /// <summary>"payload" or "ogs".</summary>
    public string End { get; }

    /// <summary>This end's loop settings.</summary>
    public EndSettings Settings { get; }

    /// <summary>The coarse loop (attitude or gimbal) with its dual-source arbitration.</summary>
    public CoarseTrackingLoop Coarse { get; }

    /// <summary>The fast-steering-mirror (fine) loop.</summary>
    public FineMirrorLoop Fine { get; }

    /// <summary>The acquisition sequence.</summary>
    public AcquisitionStateMachine Acquisition { get; }

    /// <summary>The event log this end writes to.</summary>
    public AptEventLog Events { get; }

    /// <summary>Input: one coarse-camera frame (the payload's capture camera, the OGS's coarse camera).</summary>
    public void OnCoarseFrame(double timeS, in CentroidFrame frame) => Coarse.OnCameraFrame(timeS, frame);

    /// <summary>Input: the auxiliary vector for this coarse cycle.</summary>
    public void OnAuxiliaryVector(in AuxiliaryVector auxiliary) => Coarse.OnAuxiliaryVector(auxiliary);

    /// <summary>One coarse cycle: acquisition update, then the torque command (reaction wheels or gimbal motors).</summary>
    public TorqueCommand StepCoarse(double timeS)
    {
        TorqueCommand torque = Coarse.Step(timeS);
        bool fineSeen = _fineFramesSinceCycle > 0;
        double fineError = fineSeen ? _fineErrorSumSinceCycle / _fineFramesSinceCycle : double.NaN;
        Acquisition.Update(timeS, Coarse.BeaconSeenLastCycle, Coarse.LastCameraErrorUrad, fineSeen, fineError);
        _fineFramesSinceCycle = 0;
        _fineErrorSumSinceCycle = 0;
        return torque;
    }

    /// <summary>Input: one fine-camera frame; the mirror loop runs when the acquisition allows it.</summary>
    public ValueTask OnFineFrameAsync(CentroidFrame frame, CancellationToken cancellationToken = default)
    {
        if (frame.HasSingleSpot)
        {
            _fineFramesSinceCycle++;
            _fineErrorSumSinceCycle += frame.RadialMicroradians;
        }

        return Fine.StepAsync(frame, Acquisition.FineLoopEnabled, cancellationToken);
    }
}
