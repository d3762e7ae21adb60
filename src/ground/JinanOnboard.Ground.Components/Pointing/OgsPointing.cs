using JinanOnboard.Control.Configuration;
using JinanOnboard.Control.Pointing;
using JinanOnboard.Devices.Mirrors;

namespace JinanOnboard.Ground.Components.Pointing;

/// <summary>
/// The OGS's APT firmware component (system.md §APT). Inputs: coarse-camera frames (14 Hz) of the payload's beacon,
/// the predicted pointing from the orbit and the gimbal encoders (the OGS's auxiliary vector), fine-camera frames
/// (kHz). Outputs: the gimbal's motor torque command (14 Hz), the fast steering mirror's commands (through
/// <see cref="ITipTiltMirror"/>) and events (source switches, lock acquired/lost) in the shared log. Its caller drives each input at its own rate on
/// the injectable time base (a <see cref="JinanOnboard.Control.Scheduling.FixedRateScheduler"/>); it holds no clock itself.
/// </summary>
public sealed class OgsPointing
{
    /// <summary>The end's name in events and reports.</summary>
    public const string End = "ogs";

    private int _fineFramesSinceCycle;
    private double _fineErrorSumSinceCycle;

    public OgsPointing(AptSettings settings, ITipTiltMirror fineMirror, AptEventLog events)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Events = events;
        Gimbal = new CoarseTrackingLoop(End, settings.Ogs.Coarse, settings.Arbitration, events);
        Fine = new FineMirrorLoop(settings.Ogs.Fine, fineMirror);
        Acquisition = new AcquisitionStateMachine(End, settings.Ogs.Acquisition, events);
    }

    /// <summary>The gimbal (coarse) loop closed on the coarse camera, on the predicted pointing when the beacon is not seen.</summary>
    public CoarseTrackingLoop Gimbal { get; }

    /// <summary>The fast-steering-mirror (fine) loop.</summary>
    public FineMirrorLoop Fine { get; }

    /// <summary>The acquisition sequence.</summary>
    public AcquisitionStateMachine Acquisition { get; }

    /// <summary>The event log this component writes to.</summary>
    public AptEventLog Events { get; }

    /// <summary>Input: one coarse-camera frame.</summary>
    public void OnCoarseFrame(double timeS, in CentroidFrame frame) => Gimbal.OnCameraFrame(timeS, frame);

    /// <summary>Input: the predicted pointing error (orbit prediction and encoders) for this gimbal cycle.</summary>
    public void OnPredictedPointing(in AuxiliaryVector auxiliary) => Gimbal.OnAuxiliaryVector(auxiliary);

    /// <summary>One gimbal cycle: acquisition update, then the gimbal motor torque command.</summary>
    public TorqueCommand StepGimbal(double timeS)
    {
        TorqueCommand torque = Gimbal.Step(timeS);
        bool fineSeen = _fineFramesSinceCycle > 0;
        double fineError = fineSeen ? _fineErrorSumSinceCycle / _fineFramesSinceCycle : double.NaN;
        Acquisition.Update(timeS, Gimbal.BeaconSeenLastCycle, Gimbal.LastCameraErrorUrad, fineSeen, fineError);
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
