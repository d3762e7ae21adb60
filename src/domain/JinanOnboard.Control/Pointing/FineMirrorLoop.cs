using System.Runtime.CompilerServices;
using JinanOnboard.Control.Configuration;
using JinanOnboard.Control.Controllers;
using JinanOnboard.Control.Limits;
using JinanOnboard.Devices.Mirrors;

namespace JinanOnboard.Control.Pointing;

/// <summary>
/// A fine tracking loop, role-neutral: a fast steering mirror closed on a fine camera at the camera's frame rate. The
/// camera measures the residual line-of-sight error e = d − 2m (d the error ahead of the mirror, m its mechanical tilt:
/// a mirror deflects the beam by twice its tilt); a PID (plus an optional lead-lag in series) turns e into the optical
/// correction, limited to twice the mirror's range with anti-windup, then into a mechanical command, clamped and counted
/// against the mirror's range, slew-limited, and sent through <see cref="ITipTiltMirror"/>, so the same loop drives a
/// simulated piezo stage or a real E-727 / analog FSM. A frame without exactly one spot is a dropout: the command holds.
/// Open (before coarse lock) the mirror is held at its centre and the controller is reset.
/// </summary>
public sealed class FineMirrorLoop
{
    private readonly ITipTiltMirror _mirror;
    private readonly PidController _pidX;
    private readonly PidController _pidY;
    private readonly LeadLagFilter? _leadX;
    private readonly LeadLagFilter? _leadY;
    private readonly Saturation _rangeX;
    private readonly Saturation _rangeY;
    private readonly SlewLimiter _slewX;
    private readonly SlewLimiter _slewY;
    private bool _wasClosed;

    public FineMirrorLoop(FineLoopSettings settings, ITipTiltMirror mirror)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(mirror);
        Settings = settings;
        _mirror = mirror;
        TipTiltRange range = mirror.RangeMicroradians;
        double rangeUrad = Math.Min(settings.Mirror.RangeUrad, Math.Min(Math.Min(-range.MinXMicroradians, range.MaxXMicroradians), Math.Min(-range.MinYMicroradians, range.MaxYMicroradians)));
        double opticalLimit = 2 * rangeUrad;
        _pidX = new PidController(settings.Kp, settings.KiPerS, settings.KdS, settings.RateHz, -opticalLimit, opticalLimit);
        _pidY = new PidController(settings.Kp, settings.KiPerS, settings.KdS, settings.RateHz, -opticalLimit, opticalLimit);
        if (settings.LeadZeroHz > 0)
        {
            _leadX = new LeadLagFilter(1, settings.LeadZeroHz, settings.LeadPoleHz, settings.RateHz);
            _leadY = new LeadLagFilter(1, settings.LeadZeroHz, settings.LeadPoleHz, settings.RateHz);
        }

        _rangeX = new Saturation(Math.Max(range.MinXMicroradians, -rangeUrad), Math.Min(range.MaxXMicroradians, rangeUrad));
        _rangeY = new Saturation(Math.Max(range.MinYMicroradians, -rangeUrad), Math.Min(range.MaxYMicroradians, rangeUrad));
        _slewX = new SlewLimiter(settings.Mirror.SlewUradPerS, settings.RateHz);
        _slewY = new SlewLimiter(settings.Mirror.SlewUradPerS, settings.RateHz);
    }

    /// <summary>The loop's settings.</summary>
    public FineLoopSettings Settings { get; }

    /// <summary>The mirror's identity (for events naming the device).</summary>
    public string MirrorIdentity => _mirror.Identity;

    /// <summary>Closed-loop cycles run.</summary>
    public long Cycles { get; private set; }

    /// <summary>Closed-loop cycles whose frame had no single spot (the command held).</summary>
    public long Dropouts { get; private set; }

    /// <summary>Commands that fell outside the mirror's range (or the controller's limit) and were clamped.</summary>
    public long ClampedCommands { get; private set; }

    /// <summary>The last mechanical command sent, µrad.</summary>
    public TipTiltPosition LastCommand { get; private set; }

    /// <summary>The last residual the camera reported, µrad (optical, per axis).</summary>
    public (double X, double Y) LastResidual { get; private set; }

    /// <summary>One frame. <paramref name="closed"/>: the acquisition allows the loop to close.</summary>
    // Per fine tick: compiled at first call with inlining across assemblies, which ReadyToRun code lacks (issue 16).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ValueTask StepAsync(CentroidFrame frame, bool closed, CancellationToken cancellationToken = default)
    {
        if (!closed)
        {
            if (_wasClosed || LastCommand != default)
            {
                _pidX.Reset();
                _pidY.Reset();
                _leadX?.Reset();
                _leadY?.Reset();
                _slewX.Reset();
                _slewY.Reset();
                _wasClosed = false;
                LastCommand = default;
                return _mirror.MoveAsync(0, 0, cancellationToken);
            }

            return ValueTask.CompletedTask;
        }

        _wasClosed = true;
        Cycles++;
        if (!frame.HasSingleSpot)
        {
            Dropouts++;
            return ValueTask.CompletedTask;
        }

        LastResidual = (frame.XMicroradians, frame.YMicroradians);
        double opticalX = _pidX.Step(frame.XMicroradians);
        double opticalY = _pidY.Step(frame.YMicroradians);
        bool limited = _pidX.Saturated || _pidY.Saturated;
        if (_leadX is not null)
        {
            opticalX = _leadX.Step(opticalX);
            opticalY = _leadY!.Step(opticalY);
        }

        long clampsBefore = _rangeX.ClampCount + _rangeY.ClampCount;
        double x = _slewX.Apply(_rangeX.Apply(opticalX / 2));
        double y = _slewY.Apply(_rangeY.Apply(opticalY / 2));
        if (limited || _rangeX.ClampCount + _rangeY.ClampCount != clampsBefore)
        {
            ClampedCommands++;
        }

        LastCommand = new TipTiltPosition(x, y);
        return _mirror.MoveAsync(x, y, cancellationToken);
    }
}
