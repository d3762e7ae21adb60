using JinanOnboard.Control.Configuration;
using JinanOnboard.Control.Pointing;
using JinanOnboard.Devices.Mirrors;

namespace JinanOnboard.Payload.Components.Pointing;

/// <summary>
/// The payload's APT firmware component (system.md §APT). Inputs: capture-camera frames (40 Hz), the auxiliary
/// satellite-to-OGS vector from orbit and attitude sensors, fine-camera frames (kHz). Outputs: the reaction-wheel
/// torque command of the attitude loop (20 Hz), the fast steering mirror's commands (through <see cref="ITipTiltMirror"/>)
/// and events (source switches, lock acquired/lost) in the shared log. Its caller drives each input at its own rate on
/// the injectable time base (a <see cref="JinanOnboard.Control.Scheduling.FixedRateScheduler"/>); it holds no clock itself.
/// </summary>
public sealed class PayloadPointing
{
    /// <summary>The end's name in events and reports.</summary>
    public const string End = "payload";

    private int _fineFramesSinceCycle;
    private double _fineErrorSumSinceCycle;

    public PayloadPointing(AptSettings settings, ITipTiltMirror fineMirror, AptEventLog events)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Events = events;
        Attitude = new CoarseTrackingLoop(End, settings.Payload.Coarse, settings.Arbitration, events);
        Fine = new FineMirrorLoop(settings.Payload.Fine, fineMirror);
        Acquisition = new AcquisitionStateMachine(End, settings.Payload.Acquisition, events);
    }

    /// <summary>The attitude (coarse) loop with its dual-source arbitration.</summary>
    public CoarseTrackingLoop Attitude { get; }

    /// <summary>The fast-steering-mirror (fine) loop.</summary>
    public FineMirrorLoop Fine { get; }

    /// <summary>The acquisition sequence.</summary>
    public AcquisitionStateMachine Acquisition { get; }

    /// <summary>The event log this component writes to.</summary>
    public AptEventLog Events { get; }

    /// <summary>Input: one capture-camera frame.</summary>
    public void OnCaptureFrame(double timeS, in CentroidFrame frame) => Attitude.OnCameraFrame(timeS, frame);

    /// <summary>Input: the auxiliary vector for this attitude cycle.</summary>
    public void OnAuxiliaryVector(in AuxiliaryVector auxiliary) => Attitude.OnAuxiliaryVector(auxiliary);

    /// <summary>One attitude cycle: acquisition update, then the reaction-wheel torque command.</summary>
    public TorqueCommand StepAttitude(double timeS)
    {
        TorqueCommand torque = Attitude.Step(timeS);
        bool fineSeen = _fineFramesSinceCycle > 0;
        double fineError = fineSeen ? _fineErrorSumSinceCycle / _fineFramesSinceCycle : double.NaN;
        Acquisition.Update(timeS, Attitude.BeaconSeenLastCycle, Attitude.LastCameraErrorUrad, fineSeen, fineError);
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
