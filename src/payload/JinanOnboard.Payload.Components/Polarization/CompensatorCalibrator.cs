using JinanOnboard.Primitives.Numerics;
using System.Globalization;
using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Primitives.Wire;
using JinanOnboard.Polarization;
using JinanOnboard.Polarization.Calibration;
using JinanOnboard.Polarization.Compensation;
using JinanOnboard.Polarization.Geometry;
using JinanOnboard.Polarization.Jones;
using JinanOnboard.Protocol.Messages;
using JinanOnboard.Runtime.Link;
using JinanOnboard.Runtime.Messages;
using JinanOnboard.Runtime.Plan;
using JinanOnboard.Runtime.Ports;

namespace JinanOnboard.Payload.Components.Polarization;

/// <summary>
/// The payload's compensator calibration over the link (protocol-spec/polarization-calibration.md): drives the domain
/// state machine <see cref="CompensatorCalibration"/> step by step — the source sends a reference state and the OGS's
/// counts come back in a message, the solved angles go to the three plates through their drivers — then hands the
/// source back to key mode. It never holds the pass up: counts that do not come within a timeout, a mount that fails or
/// a solver that does not converge end it as failed, and the pass goes on with the plates where they are.
/// </summary>
public sealed class CompensatorCalibrator
{
    /// <summary>Slack on top of the dwell for the OGS's counts to arrive, of the payload's clock (spec: dwell + 5 s).</summary>
    public static readonly TimeSpan CountsSlack = TimeSpan.FromSeconds(5);

    private const int MaxSteps = 1000; // a state machine that never finishes is a bug, not a pass-long wait

    private readonly PolarizationSettings _settings;
    private readonly PassFrameRotationTable _table;
    private readonly ICompensatorHardware _hardware;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private (ushort Request, byte State, TaskCompletionSource<ReferenceCounts> Answer)? _awaited;
    private PayloadCalibrationReport? _report;

    /// <param name="settings">The physics set's polarization section.</param>
    /// <param name="table">The pass's frame rotation (the payload's model of the free-space part, from orbit and attitude).</param>
    /// <param name="hardware">The compensator's mounts and the source's reference mode.</param>
    /// <param name="time">The payload's clock (timeouts).</param>
    public CompensatorCalibrator(PolarizationSettings settings, PassFrameRotationTable table, ICompensatorHardware hardware, TimeProvider time)
    {
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _table = table ?? throw new ArgumentNullException(nameof(table));
        _hardware = hardware ?? throw new ArgumentNullException(nameof(hardware));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>The calibrator for a plan's pass: the physics set's polarization section and the pass geometry.</summary>
    public static CompensatorCalibrator ForPlan(RunPlan plan, ICompensatorHardware hardware, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var settings = PolarizationSettings.From(plan.Physics);
        return new CompensatorCalibrator(settings, PassFrameRotationTable.Build(plan.Timeline, settings.OgsHalfWaveOffsetDegrees), hardware, time);
    }

    /// <summary>Output: polarization messages for the link.</summary>
    public AsyncOutputPort<OutboundMessage> Downlink { get; } = new("compensator-calibrator.out", PortMultiplicity.One);

    /// <summary>How the calibration ended, once it has.</summary>
    public PayloadCalibrationReport? Report => _report;

    /// <summary>Input: polarization messages from the ground (the reference counts).</summary>
    public ValueTask OnMessageAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Type != PolarizationMessageTypes.ReferenceCounts)
        {
            throw new MalformedMessageException($"polarization: unexpected type {message.Type} at the payload");
        }

        ReferenceCounts counts = ReferenceCounts.Decode(message.Data);
        lock (_gate)
        {
            // A late answer to a request already given up on is ignored (spec: "Sequence" 2).
            if (_awaited is { } awaited && awaited.Request == counts.Request && awaited.State == counts.State)
            {
                awaited.Answer.TrySetResult(counts);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Runs the calibration to its end, reports it to the OGS and puts the source in key mode.</summary>
    public async Task<PayloadCalibrationReport> RunAsync(CancellationToken cancellationToken)
    {
        long start = _time.GetTimestamp();
        var calibration = (CompensatorCalibration?)null;
        int requests = 0;
        PayloadCalibrationReport report;
        try
        {
            foreach (var plate in Plates)
            {
                await plate.HomeAsync(cancellationToken);
            }

            // The OGS's half-wave plate stands at the pass start's geometry angle until the pass starts (HalfWaveFollower).
            JonesMatrix freeSpace = _table.FreeSpaceJones(0, _table.HalfWaveDegreesAt(0));
            calibration = new CompensatorCalibration(_settings.ToCalibrationSettings(), await ReportedAsync(cancellationToken), freeSpace);
            report = await StepAsync(calibration, () => requests++, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            report = Failed(calibration, requests, e is CountsTimeoutException ? e.Message : $"{e.GetType().Name}: {e.Message}");
            report = report with { Angles = await TryReportedAsync(cancellationToken) ?? report.Angles };
        }

        report = report with { Requests = requests, WallS = _time.GetElapsedTime(start).TotalSeconds };
        _report = report;
        var result = new CalibrationResult(
            report.Succeeded, (ushort)Math.Min(report.Iterations, ushort.MaxValue), (ushort)Math.Min(report.Rounds, ushort.MaxValue),
            report.Angles.FirstQuarterWaveDegrees, report.Angles.HalfWaveDegrees, report.Angles.SecondQuarterWaveDegrees,
            report.ContrastZDb, report.ContrastXDb, report.Reason);
        await Downlink.InvokeAsync(new OutboundMessage(Apids.Polarization, PolarizationMessageTypes.CalibrationResult, result.Encode(), Reliable: true), cancellationToken);
        await _hardware.EmitKeysAsync(cancellationToken);
        return report;
    }

    /// <summary>Housekeeping: whether the compensator is calibrated and what the counts said.</summary>
    public IEnumerable<KeyValuePair<string, double>> Housekeeping()
    {
        PayloadCalibrationReport? report = _report;
        if (report is null)
        {
            yield break;
        }

        yield return new("pol_calibrated", report.Succeeded ? 1 : 0);
        yield return new("pol_iterations", report.Iterations);
        yield return new("pol_contrast_z_db", report.ContrastZDb);
        yield return new("pol_contrast_x_db", report.ContrastXDb);
    }

    /// <summary>The calibration for the payload's result (<c>polarization_calibration</c>).</summary>
    public object? Details() => _report is not { } r ? null : new
    {
        succeeded = r.Succeeded,
        reason = r.Reason,
        iterations = r.Iterations,
        rounds = r.Rounds,
        requests = r.Requests,
        angles_deg = new { qwp1 = r.Angles.FirstQuarterWaveDegrees, hwp = r.Angles.HalfWaveDegrees, qwp2 = r.Angles.SecondQuarterWaveDegrees },
        contrast_db_estimated = new { z = ReportNumber.OrNull(r.ContrastZDb, 2), x = ReportNumber.OrNull(r.ContrastXDb, 2) },
        wall_s = Math.Round(r.WallS, 3),
    };

    private IEnumerable<Devices.Waveplates.IWaveplateRotator> Plates => [_hardware.FirstQuarterWave, _hardware.HalfWave, _hardware.SecondQuarterWave];

    private async Task<PayloadCalibrationReport> StepAsync(CompensatorCalibration calibration, Action requested, CancellationToken cancellationToken)
    {
        ushort request = 0;
        for (int step = 0; step < MaxSteps; step++)
        {
            switch (calibration.NextStep())
            {
                case SendReferenceStep send:
                    ReferenceCounts counts = await MeasureAsync(request, send.State, cancellationToken);
                    requested();
                    request++;
                    calibration.SubmitCounts(send.State, new DecoderCounts(Count(counts.H), Count(counts.V), Count(counts.D), Count(counts.A)));
                    break;
                case SetAnglesStep set:
                    await _hardware.FirstQuarterWave.MoveToAsync(set.Angles.FirstQuarterWaveDegrees, cancellationToken);
                    await _hardware.HalfWave.MoveToAsync(set.Angles.HalfWaveDegrees, cancellationToken);
                    await _hardware.SecondQuarterWave.MoveToAsync(set.Angles.SecondQuarterWaveDegrees, cancellationToken);
                    calibration.ConfirmAngles(await ReportedAsync(cancellationToken));
                    break;
                case FinishedStep finished:
                    return Of(finished.Outcome, calibration.Rounds.Count);
            }
        }

        return Failed(calibration, request, $"the calibration did not finish within {MaxSteps} steps");
    }

    private async Task<ReferenceCounts> MeasureAsync(ushort request, Bb84State state, CancellationToken cancellationToken)
    {
        var answer = new TaskCompletionSource<ReferenceCounts>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _awaited = (request, (byte)state, answer);
        }

        try
        {
            await _hardware.EmitReferenceAsync(request, state, cancellationToken);
            var measure = new MeasureReference(request, (byte)state, _settings.CalibrationStepS);
            await Downlink.InvokeAsync(new OutboundMessage(Apids.Polarization, PolarizationMessageTypes.MeasureReference, measure.Encode(), Reliable: true), cancellationToken);
            TimeSpan timeout = TimeSpan.FromSeconds(_settings.CalibrationStepS) + CountsSlack;
            try
            {
                return await answer.Task.WaitAsync(timeout, _time, cancellationToken);
            }
            catch (TimeoutException)
            {
                throw new CountsTimeoutException(string.Create(CultureInfo.InvariantCulture, $"no counts for request {request} (state {state}) within {timeout.TotalSeconds:F1} s"));
            }
        }
        finally
        {
            lock (_gate)
            {
                _awaited = null;
            }
        }
    }

    private async Task<CompensatorAngles> ReportedAsync(CancellationToken cancellationToken) => new(
        await _hardware.FirstQuarterWave.GetAngleAsync(cancellationToken),
        await _hardware.HalfWave.GetAngleAsync(cancellationToken),
        await _hardware.SecondQuarterWave.GetAngleAsync(cancellationToken));

    /// <summary>Where the plates were left after a failure, if the mounts still answer.</summary>
    private async Task<CompensatorAngles?> TryReportedAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await ReportedAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private static long Count(ulong value) => value > long.MaxValue ? long.MaxValue : (long)value;

    private static PayloadCalibrationReport Of(CalibrationOutcome outcome, int rounds)
    {
        BasisErrorsOrNaN(outcome.Best, out double z, out double x);
        return new PayloadCalibrationReport(outcome.Succeeded, outcome.Reason, outcome.Iterations, rounds, 0, outcome.Angles, z, x, 0);
    }

    private static PayloadCalibrationReport Failed(CompensatorCalibration? calibration, int requests, string reason)
    {
        CalibrationRound? best = calibration?.Rounds.OrderByDescending(r => r.Estimate.ChannelErrors.MinContrastDb).FirstOrDefault();
        BasisErrorsOrNaN(best, out double z, out double x);
        CompensatorAngles angles = calibration?.Rounds.Count > 0 ? calibration.Rounds[^1].Angles : CompensatorAngles.Home;
        return new PayloadCalibrationReport(false, reason, calibration?.Iterations ?? 0, calibration?.Rounds.Count ?? 0, requests, angles, z, x, 0);
    }

    private static void BasisErrorsOrNaN(CalibrationRound? round, out double z, out double x)
    {
        z = round?.Estimate.ChannelErrors.ZContrastDb ?? double.NaN;
        x = round?.Estimate.ChannelErrors.XContrastDb ?? double.NaN;
    }


    private sealed class CountsTimeoutException(string message) : Exception(message);
}
