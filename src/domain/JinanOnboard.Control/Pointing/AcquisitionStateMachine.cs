using System.Globalization;
using JinanOnboard.Control.Configuration;

namespace JinanOnboard.Control.Pointing;

/// <summary>Where an end is in its acquisition sequence (apt-arbitration.md §Acquisition).</summary>
public enum AcquisitionState
{
    /// <summary>Pointing from the predicted orbit (and, on the payload, the auxiliary vector); no beacon.</summary>
    OpenLoop,

    /// <summary>The beacon is in the coarse camera; the coarse loop pulls it in.</summary>
    BeaconCapture,

    /// <summary>The coarse error has stayed within the coarse-lock threshold for the lock frames; the fine loop may close.</summary>
    CoarseLock,

    /// <summary>The fine camera holds the spot within the fine-lock threshold.</summary>
    FineLock,
}

/// <summary>
/// One end's acquisition sequence, role-neutral: open-loop pointing → beacon capture → coarse lock → fine lock, with
/// loss-of-lock detection and recovery (apt-arbitration.md §Acquisition). Fed once per coarse-loop cycle with what the
/// cameras saw; emits state, lock and failure events to the log. An end that has not reached fine lock by the timeout
/// is reported with the stage it is stuck in and why.
/// </summary>
public sealed class AcquisitionStateMachine
{
    private readonly string _end;
    private readonly AcquisitionSettings _settings;
    private readonly AptEventLog _log;
    private int _goodCoarseRun;
    private int _goodFineRun;
    private double _lastBeaconS;
    private double _lastGoodFineS;
    private long _coarseFrames;
    private long _beaconFrames;
    private long _fineFrames;
    private double _bestCoarseUrad = double.PositiveInfinity;
    private double _bestFineUrad = double.PositiveInfinity;
    private double _startS = double.NaN;

    public AcquisitionStateMachine(string end, AcquisitionSettings settings, AptEventLog log)
    {
        _end = end;
        _settings = settings;
        _log = log;
    }

    /// <summary>The current state.</summary>
    public AcquisitionState State { get; private set; } = AcquisitionState.OpenLoop;

    /// <summary>Pass time of the first fine lock, seconds after the sequence started; NaN until then.</summary>
    public double TimeToFineLockS { get; private set; } = double.NaN;

    /// <summary>Why the end never reached fine lock (set at the timeout); null while it may still, or once it did.</summary>
    public string? FailureReason { get; private set; }

    /// <summary>True when the fine loop may close (coarse lock or better).</summary>
    public bool FineLoopEnabled => State >= AcquisitionState.CoarseLock;

    /// <summary>
    /// One coarse cycle at pass time <paramref name="timeS"/>: whether the coarse camera gave a valid beacon frame and its
    /// radial error (µrad), whether the fine camera has the spot and its radial error over the cycle (µrad).
    /// </summary>
    public void Update(double timeS, bool beaconSeen, double coarseErrorUrad, bool fineSeen, double fineErrorUrad)
    {
        if (double.IsNaN(_startS))
        {
            _startS = timeS;
            _lastBeaconS = timeS;
            _lastGoodFineS = timeS;
        }

        _coarseFrames++;
        if (beaconSeen)
        {
            _beaconFrames++;
            _lastBeaconS = timeS;
            _bestCoarseUrad = Math.Min(_bestCoarseUrad, coarseErrorUrad);
        }

        if (fineSeen)
        {
            _fineFrames++;
            _bestFineUrad = Math.Min(_bestFineUrad, fineErrorUrad);
        }

        bool goodFine = fineSeen && fineErrorUrad <= _settings.FineLockUrad;
        if (goodFine)
        {
            _lastGoodFineS = timeS;
        }

        _goodCoarseRun = beaconSeen && coarseErrorUrad <= _settings.CoarseLockUrad ? _goodCoarseRun + 1 : 0;
        _goodFineRun = goodFine ? _goodFineRun + 1 : 0;
        bool beaconLost = timeS - _lastBeaconS > _settings.LossOfLockS;

        switch (State)
        {
            case AcquisitionState.OpenLoop:
                if (beaconSeen)
                {
                    Enter(timeS, AcquisitionState.BeaconCapture, AptEventKind.StateChanged, "beacon in the coarse camera");
                }

                break;
            case AcquisitionState.BeaconCapture:
                if (beaconLost)
                {
                    Enter(timeS, AcquisitionState.OpenLoop, AptEventKind.StateChanged, Invariant($"beacon not seen for {_settings.LossOfLockS} s during capture"));
                }
                else if (_goodCoarseRun >= _settings.LockFrames)
                {
                    Enter(timeS, AcquisitionState.CoarseLock, AptEventKind.LockAcquired, Invariant($"coarse lock: error within {_settings.CoarseLockUrad} µrad for {_settings.LockFrames} frames"));
                }

                break;
            case AcquisitionState.CoarseLock:
                if (beaconLost)
                {
                    Enter(timeS, AcquisitionState.OpenLoop, AptEventKind.LockLost, Invariant($"coarse lock lost: beacon not seen for {_settings.LossOfLockS} s"));
                }
                else if (_goodFineRun >= _settings.LockFrames)
                {
                    if (double.IsNaN(TimeToFineLockS))
                    {
                        TimeToFineLockS = timeS - _startS;
                    }

                    Enter(timeS, AcquisitionState.FineLock, AptEventKind.LockAcquired, Invariant($"fine lock: error within {_settings.FineLockUrad} µrad for {_settings.LockFrames} cycles"));
                }

                break;
            default:
                if (beaconLost)
                {
                    Enter(timeS, AcquisitionState.OpenLoop, AptEventKind.LockLost, Invariant($"coarse and fine lock lost: beacon not seen for {_settings.LossOfLockS} s"));
                }
                else if (timeS - _lastGoodFineS > _settings.LossOfLockS)
                {
                    Enter(timeS, AcquisitionState.CoarseLock, AptEventKind.LockLost, Invariant($"fine lock lost: no fine frame within {_settings.FineLockUrad} µrad for {_settings.LossOfLockS} s"));
                }

                break;
        }

        if (FailureReason is null && double.IsNaN(TimeToFineLockS) && timeS - _startS >= _settings.TimeoutS)
        {
            FailureReason = WhyNotLocked(_settings.TimeoutS);
            _log.Add(timeS, _end, AptEventKind.AcquisitionFailed, FailureReason);
        }
    }

    /// <summary>
    /// At the end of a pass: why the end never reached fine lock at all (the timeout's reason, or the same diagnosis over
    /// the pass's <paramref name="elapsedS"/> seconds when the pass was shorter than the timeout); null once it locked.
    /// </summary>
    public string? NeverLockedReason(double elapsedS) =>
        !double.IsNaN(TimeToFineLockS) ? null : FailureReason ?? WhyNotLocked(Math.Round(elapsedS, 3));

    private string WhyNotLocked(double withinS) => State switch
    {
        AcquisitionState.OpenLoop when _beaconFrames == 0 => Invariant($"no fine lock within {withinS} s: the beacon was never seen ({_coarseFrames} coarse cycles without a valid beacon frame)"),
        AcquisitionState.OpenLoop => Invariant($"no fine lock within {withinS} s: the beacon was lost again ({_beaconFrames} valid beacon frames in {_coarseFrames} cycles)"),
        AcquisitionState.BeaconCapture => Invariant($"no fine lock within {withinS} s: the coarse error never stayed within {_settings.CoarseLockUrad} µrad for {_settings.LockFrames} frames (best {_bestCoarseUrad:F1} µrad)"),
        _ => _fineFrames == 0
            ? Invariant($"no fine lock within {withinS} s: coarse lock held but the fine camera never saw the spot")
            : Invariant($"no fine lock within {withinS} s: the fine error never stayed within {_settings.FineLockUrad} µrad for {_settings.LockFrames} cycles (best {_bestFineUrad:F2} µrad)"),
    };

    private void Enter(double timeS, AcquisitionState next, AptEventKind kind, string detail)
    {
        State = next;
        _goodCoarseRun = 0;
        _goodFineRun = 0;
        if (next == AcquisitionState.FineLock)
        {
            _lastGoodFineS = timeS;
        }

        _log.Add(timeS, _end, kind, detail);
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
