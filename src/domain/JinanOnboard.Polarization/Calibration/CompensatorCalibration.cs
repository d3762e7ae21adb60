using System.Globalization;
using JinanOnboard.Polarization.Compensation;
using JinanOnboard.Polarization.Errors;
using JinanOnboard.Polarization.Jones;

namespace JinanOnboard.Polarization.Calibration;

/// <summary>
/// The compensator calibration as a role-neutral state machine without transport (system.md §Polarization
/// compensation): the payload sends H, V, D, A; the OGS counts them at its decoder and reports; the three plate angles
/// are solved from those counts and set; a verification round measures again; measure → solve → set repeats until the
/// contrast stops improving. <see cref="NextStep"/> says what to do; the payload executes <see cref="SendReferenceStep"/>
/// and <see cref="SetAnglesStep"/>, the OGS answers with <see cref="SubmitCounts"/>, the payload with
/// <see cref="ConfirmAngles"/>, so the firmware can later carry each step and answer in a link message.
/// NextStep is idempotent while an answer is awaited (a lost message is simply asked again).
/// <para>Solving: with the known free-space part K (frame rotation and OGS HWP, from the pass geometry) and the plates
/// C the round was measured with, counts estimate T = K·C·F; the plates that make K·C'·F the identity are
/// C' = K⁻¹·T⁻¹·K·C. The fibre F itself is never needed. When a solution makes things worse, the other sign of the
/// estimate's S3 ambiguity (<see cref="ChannelEstimate.MirrorRotation"/>) is tried before moving on.</para>
/// </summary>
public sealed class CompensatorCalibration
{
    private readonly CalibrationSettings _settings;
    private readonly PoincareRotation _freeSpace;
    private readonly List<CalibrationRound> _rounds = [];
    private readonly Dictionary<Bb84State, DecoderCounts> _counts = [];
    private CompensatorAngles _angles;
    private CompensatorAngles _pendingAngles;
    private RoundPurpose _purpose = RoundPurpose.Survey;
    private int _stateIndex;
    private int _iteration;
    private CalibrationRound? _best;
    private CalibrationRound? _solvedFrom;
    private bool _mirrorTried;
    private CalibrationOutcome? _outcome;
    private bool _finishing;

    /// <param name="settings">How to run.</param>
    /// <param name="currentAngles">The plates as found (reported by the mounts).</param>
    /// <param name="freeSpace">The OGS's model of everything after the compensator at the calibration time: the OGS HWP after the frame rotation.</param>
    public CompensatorCalibration(CalibrationSettings settings, CompensatorAngles currentAngles, JonesMatrix freeSpace)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.PulsesPerState <= 0 || settings.MaxIterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), "pulses per state and iterations must be positive");
        }

        _settings = settings;
        _angles = currentAngles;
        _freeSpace = PoincareRotation.FromJones(freeSpace);
    }

    /// <summary>Where the calibration is.</summary>
    public CalibrationPhase Phase { get; private set; } = CalibrationPhase.SendReference;

    /// <summary>Every measured round so far.</summary>
    public IReadOnlyList<CalibrationRound> Rounds => _rounds;

    /// <summary>Solve → set cycles so far.</summary>
    public int Iterations => _iteration;

    /// <summary>The outcome, once <see cref="Phase"/> is Done or Failed.</summary>
    public CalibrationOutcome? Outcome => Phase is CalibrationPhase.Done or CalibrationPhase.Failed ? _outcome : null;

    /// <summary>What the payload or the OGS must do next.</summary>
    public CalibrationStep NextStep()
    {
        switch (Phase)
        {
            case CalibrationPhase.SendReference:
            case CalibrationPhase.Collect:
                Phase = CalibrationPhase.Collect;
                return new SendReferenceStep(Bb84States.All[_stateIndex], _settings.PulsesPerState, _purpose);
            case CalibrationPhase.Solve:
                return SolveFrom(_rounds[^1], mirror: false);
            case CalibrationPhase.Set:
                return new SetAnglesStep(_pendingAngles);
            case CalibrationPhase.Verify:
                return Judge();
            default:
                return new FinishedStep(_outcome!);
        }
    }

    /// <summary>The OGS's counts for the reference state it was asked to count.</summary>
    /// <exception cref="InvalidOperationException">No counts are awaited, or for another state.</exception>
    public void SubmitCounts(Bb84State sent, DecoderCounts counts)
    {
        Bb84State expected = Bb84States.All[_stateIndex];
        if (Phase != CalibrationPhase.Collect || sent != expected)
        {
            throw new InvalidOperationException($"counts for {sent} not awaited (phase {Phase}, expecting {expected})");
        }

        _counts[sent] = counts;
        _stateIndex++;
        if (_stateIndex < Bb84States.All.Count)
        {
            Phase = CalibrationPhase.SendReference;
            return;
        }

        ChannelEstimate? estimate = ChannelEstimator.TryEstimate(_counts, _settings.DarkCountsPerOutput, _settings.SourceErrorProbability, out string? problem);
        _counts.Clear();
        _stateIndex = 0;
        if (estimate is null)
        {
            Finish(false, problem!, revert: false);
            return;
        }

        var round = new CalibrationRound(_rounds.Count, _purpose, _iteration, _angles, estimate);
        _rounds.Add(round);
        _best ??= round;
        Phase = _purpose == RoundPurpose.Survey ? CalibrationPhase.Solve : CalibrationPhase.Verify;
    }

    /// <summary>The payload's report of the angles its plates reached after a <see cref="SetAnglesStep"/>.</summary>
    /// <exception cref="InvalidOperationException">No angles were being set.</exception>
    public void ConfirmAngles(CompensatorAngles reported)
    {
        if (Phase != CalibrationPhase.Set)
        {
            throw new InvalidOperationException($"no angles are being set (phase {Phase})");
        }

        _angles = reported;
        string? miss = Miss(_pendingAngles, reported);
        if (miss is not null)
        {
            Finish(false, miss, revert: false);
            return;
        }

        if (_finishing)
        {
            _outcome = _outcome! with { Angles = reported };
            Phase = _outcome.Succeeded ? CalibrationPhase.Done : CalibrationPhase.Failed;
            return;
        }

        _purpose = RoundPurpose.Verify;
        _stateIndex = 0;
        Phase = CalibrationPhase.SendReference;
    }

    /// <summary>How close to the source's contrast (dB) the measured contrast must come to count as "at the floor".</summary>
    public const double FloorMarginDb = 1.0;

    private double SourceContrastDb => BasisErrors.ContrastDb(_settings.SourceErrorProbability);

    private static double Score(CalibrationRound round) => round.Estimate.ChannelErrors.MinContrastDb;

    private CalibrationStep Judge()
    {
        CalibrationRound latest = _rounds[^1];
        CalibrationRound best = _best!;
        double target = _settings.TargetContrastDb;
        if (Score(latest) > Score(best) || ReferenceEquals(latest, best))
        {
            double gain = Score(latest) - Score(best);
            _best = latest;
            if (Score(latest) >= target && gain < _settings.MinImprovementDb)
            {
                return Finish(true, Reached(latest, "stopped improving"), revert: true);
            }

            // A passive H/V + D/A decoder sees a small residual rotation only in second order, so once the measured
            // contrast is at the source's own, the counts hold nothing more to correct: another solve would fit noise.
            if (Score(latest) >= target && latest.Estimate.MeasuredErrors.MinContrastDb >= SourceContrastDb - FloorMarginDb)
            {
                return Finish(true, Reached(latest, "at the source contrast"), revert: true);
            }

            return _iteration >= _settings.MaxIterations
                ? Finish(Score(latest) >= target, Reached(latest, $"iteration limit {_settings.MaxIterations}"), revert: true)
                : SolveFrom(latest, mirror: false);
        }

        if (Score(best) >= target)
        {
            return Finish(true, Reached(best, "stopped improving"), revert: true);
        }

        if (!_mirrorTried && _solvedFrom is not null)
        {
            return SolveFrom(_solvedFrom, mirror: true);
        }

        return _iteration >= _settings.MaxIterations
            ? Finish(false, Reached(best, $"below the target {target.ToString("F1", CultureInfo.InvariantCulture)} dB after {_iteration} iterations"), revert: true)
            : SolveFrom(latest, mirror: false);
    }

    private SetAnglesStep SolveFrom(CalibrationRound round, bool mirror)
    {
        if (!mirror)
        {
            _iteration++;
        }

        _solvedFrom = round;
        _mirrorTried = mirror;
        PoincareRotation measured = mirror ? round.Estimate.MirrorRotation : round.Estimate.Rotation;
        PoincareRotation plates = PoincareRotation.FromJones(round.Angles.ToJones());
        PoincareRotation wanted = _freeSpace.Transpose * measured.Transpose * _freeSpace * plates;
        _pendingAngles = CompensatorSolver.Solve(wanted.ToJones()).Angles;
        _finishing = false;
        Phase = CalibrationPhase.Set;
        return new SetAnglesStep(_pendingAngles);
    }

    private CalibrationStep Finish(bool succeeded, string reason, bool revert)
    {
        CompensatorAngles keep = revert && _best is not null ? _best.Angles : _angles;
        _outcome = new CalibrationOutcome(succeeded, keep, _best, _iteration, reason);
        if (revert && Miss(keep, _angles) is not null)
        {
            _pendingAngles = keep;
            _finishing = true;
            Phase = CalibrationPhase.Set;
            return new SetAnglesStep(keep);
        }

        Phase = succeeded ? CalibrationPhase.Done : CalibrationPhase.Failed;
        return new FinishedStep(_outcome);
    }

    private static string Reached(CalibrationRound round, string why) => string.Create(CultureInfo.InvariantCulture,
        $"{why}: Z {round.Estimate.ChannelErrors.ZContrastDb:F1} dB, X {round.Estimate.ChannelErrors.XContrastDb:F1} dB (source floor removed)");

    private string? Miss(CompensatorAngles wanted, CompensatorAngles reported)
    {
        (string Plate, double Wanted, double Got)[] plates =
        [
            ("first QWP", wanted.FirstQuarterWaveDegrees, reported.FirstQuarterWaveDegrees),
            ("HWP", wanted.HalfWaveDegrees, reported.HalfWaveDegrees),
            ("second QWP", wanted.SecondQuarterWaveDegrees, reported.SecondQuarterWaveDegrees),
        ];
        foreach ((string plate, double w, double g) in plates)
        {
            // A plate repeats every 180°.
            double off = Math.Abs(Math.IEEERemainder(g - w, 180.0));
            if (off > _settings.AngleToleranceDegrees)
            {
                return string.Create(CultureInfo.InvariantCulture, $"the {plate} reported {g:F2}° for a command of {w:F2}° (tolerance {_settings.AngleToleranceDegrees}°)");
            }
        }

        return null;
    }
}
