using JinanOnboard.Polarization.Calibration;
using JinanOnboard.Polarization.Compensation;
using JinanOnboard.Polarization.Errors;
using JinanOnboard.Polarization.Jones;

namespace JinanOnboard.PolarizationBench;

/// <summary>One measured round of a bench calibration, with the bench's truth beside what the counts said.</summary>
/// <param name="Round">The state machine's record (angles reported, estimate from counts).</param>
/// <param name="PassSeconds">Pass time at the end of the round.</param>
/// <param name="TrueChannelErrors">Error probabilities of the real path (no source floor) while the round was measured.</param>
public sealed record BenchRound(CalibrationRound Round, double PassSeconds, BasisErrors TrueChannelErrors);

/// <summary>What a bench calibration did and reached.</summary>
/// <param name="Outcome">The state machine's outcome.</param>
/// <param name="Rounds">Every round with its truth.</param>
/// <param name="StartPassSeconds">When it started.</param>
/// <param name="EndPassSeconds">When it ended (each reference state takes one calibration step).</param>
/// <param name="TrueChannelErrors">Error probabilities of the real path with the final plates, at the end (no source floor).</param>
public sealed record BenchCalibrationResult(CalibrationOutcome Outcome, IReadOnlyList<BenchRound> Rounds, double StartPassSeconds, double EndPassSeconds, BasisErrors TrueChannelErrors);

/// <summary>
/// Runs the compensator calibration against the bench as the two sides will over the link: the payload side executes
/// "send state X for N pulses" and "set angles" through the mounts' <see cref="JinanOnboard.Devices.Waveplates.IWaveplateRotator"/>,
/// the OGS side counts at the simulated decoder and reports. The pass clock advances one calibration step per
/// reference state and the OGS plate follows the geometry throughout.
/// </summary>
public static class CalibrationRun
{
    private const int MaxSteps = 10_000;

    /// <summary>Homes the plates, then calibrates starting at <paramref name="startPassSeconds"/>.</summary>
    public static async Task<BenchCalibrationResult> RunAsync(PolarizationRig rig, double startPassSeconds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rig);
        foreach (var mount in new[] { rig.FirstQuarterWave, rig.HalfWave, rig.SecondQuarterWave, rig.OgsHalfWave })
        {
            await mount.HomeAsync(cancellationToken);
        }

        double now = startPassSeconds;
        double ogsReported = await rig.OgsHalfWave.MoveToAsync(rig.Table.HalfWaveDegreesAt(now), cancellationToken);
        // The OGS's model of the free-space part: the frame rotation from the geometry and its plate's reported angle.
        JonesMatrix freeSpace = rig.Table.FreeSpaceJones(now, ogsReported);
        var calibration = new CompensatorCalibration(rig.Settings.ToCalibrationSettings(), await ReportedAsync(rig, cancellationToken), freeSpace);
        var rounds = new List<BenchRound>();
        for (int step = 0; step < MaxSteps; step++)
        {
            switch (calibration.NextStep())
            {
                case SendReferenceStep send:
                    await rig.OgsHalfWave.MoveToAsync(rig.Table.HalfWaveDegreesAt(now), cancellationToken);
                    now += rig.Settings.CalibrationStepS;
                    JonesMatrix channel = rig.ChannelAt(now);
                    calibration.SubmitCounts(send.State, rig.Decoder.Count(send.State, channel));
                    if (calibration.Rounds.Count > rounds.Count)
                    {
                        rounds.Add(new BenchRound(calibration.Rounds[^1], now, PolarizationErrorModel.Of(channel)));
                    }

                    break;
                case SetAnglesStep set:
                    await rig.FirstQuarterWave.MoveToAsync(set.Angles.FirstQuarterWaveDegrees, cancellationToken);
                    await rig.HalfWave.MoveToAsync(set.Angles.HalfWaveDegrees, cancellationToken);
                    await rig.SecondQuarterWave.MoveToAsync(set.Angles.SecondQuarterWaveDegrees, cancellationToken);
                    calibration.ConfirmAngles(await ReportedAsync(rig, cancellationToken));
                    break;
                case FinishedStep finished:
                    return new BenchCalibrationResult(finished.Outcome, rounds, startPassSeconds, now, PolarizationErrorModel.Of(rig.ChannelAt(now)));
            }
        }

        throw new InvalidOperationException($"the calibration did not finish within {MaxSteps} steps");
    }

    private static async Task<CompensatorAngles> ReportedAsync(PolarizationRig rig, CancellationToken cancellationToken) => new(
        await rig.FirstQuarterWave.GetAngleAsync(cancellationToken),
        await rig.HalfWave.GetAngleAsync(cancellationToken),
        await rig.SecondQuarterWave.GetAngleAsync(cancellationToken));
}
