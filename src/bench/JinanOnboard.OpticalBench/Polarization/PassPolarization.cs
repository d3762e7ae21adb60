using JinanOnboard.Config.Model;
using JinanOnboard.Physics.Parameters;
using JinanOnboard.Physics.Timeline;
using JinanOnboard.Polarization;
using JinanOnboard.Polarization.Errors;
using JinanOnboard.Polarization.Geometry;
using JinanOnboard.PolarizationBench;

namespace JinanOnboard.OpticalBench.Polarization;

/// <summary>
/// The polarization part of the channel over a pass (system.md §Polarization compensation), from Jones calculus: the
/// source fibre's seeded unitary with its drift, the payload's QWP–HWP–QWP compensator set by the calibration procedure
/// from the decoder's reference-state counts (<see cref="CalibrationRun"/>: the angles come from measured counts, never
/// from the fibre's hidden matrix), the free-space frame rotation of the pass geometry, and the OGS half-wave plate
/// following it second by second. The residual misalignment is the channel's error probability per second (the mean of
/// the Z and X bases' errors; the detector simulation adds the source's own contrast). The calibration is taken to run
/// before the QKD window, as the real system calibrates before sending key pulses; with
/// <see cref="BenchSettings.PolarizationOff"/>, or a calibration that fails, the channel is uncompensated.
/// </summary>
/// <remarks>
/// This is the bench's channel when the firmware runs without the optical path (a firmware process started on its own,
/// not by <c>jinan bench</c>): the payload's plates cannot reach the OGS half, so the calibration runs inside the bench.
/// With the optical path the firmware calibrates over the link and the OGS half is <see cref="OgsPolarizationBench"/>;
/// <see cref="BenchSettings.PolarizationOff"/> is this class either way.
/// </remarks>
public sealed class PassPolarization : IPolarizationChannel
{
    private readonly double[] _errorPerSecond;

    private PassPolarization(string mode, double[] errorPerSecond, BenchCalibrationResult? calibration, double hwpMinDeg, double hwpMaxDeg)
    {
        Mode = mode;
        _errorPerSecond = errorPerSecond;
        Calibration = calibration;
        HwpMinDeg = hwpMinDeg;
        HwpMaxDeg = hwpMaxDeg;
    }

    /// <summary><see cref="BenchSettings.PolarizationCompensated"/> or <see cref="BenchSettings.PolarizationOff"/>.</summary>
    public string Mode { get; }

    /// <summary>The compensator's calibration, or null when compensation is off.</summary>
    public BenchCalibrationResult? Calibration { get; }

    public double HwpMinDeg { get; }

    public double HwpMaxDeg { get; }

    /// <summary>Evaluates the pass's polarization (runs the calibration first when compensating).</summary>
    public static PassPolarization Create(PassTimeline timeline, PhysicsParameterSet physics, ulong seed, string mode)
    {
        var settings = PolarizationSettings.From(physics);
        var table = PassFrameRotationTable.Build(timeline, settings.OgsHalfWaveOffsetDegrees);
        var rig = new PolarizationRig(settings, table, seed);
        bool compensate = mode == BenchSettings.PolarizationCompensated;
        BenchCalibrationResult? calibration = compensate ? CalibrationRun.RunAsync(rig, 0).GetAwaiter().GetResult() : null;
        // The calibration belongs before the QKD window (the source sends key pulses only once the compensator is set): its
        // rounds take the first seconds of fibre drift, and the angles it leaves apply from the window's start.
        double calibratedFromS = calibration is { Outcome.Succeeded: true } ? 0 : double.PositiveInfinity;
        var perSecond = new double[table.Count];
        double hwpMin = double.PositiveInfinity, hwpMax = double.NegativeInfinity;
        for (int t = 0; t < table.Count; t++)
        {
            BasisErrors e;
            if (t >= calibratedFromS)
            {
                double hwp = table.HalfWaveDegreesAt(t);
                rig.OgsHalfWave.MoveToAsync(hwp).AsTask().GetAwaiter().GetResult();
                hwpMin = Math.Min(hwpMin, hwp);
                hwpMax = Math.Max(hwpMax, hwp);
                e = PolarizationErrorModel.Of(rig.ChannelAt(t));
            }
            else
            {
                e = PolarizationErrorModel.Of(rig.UncompensatedAt(t));
            }

            perSecond[t] = Math.Clamp((e.ZErrorProbability + e.XErrorProbability) / 2, 0, 0.5);
        }

        return new PassPolarization(mode, perSecond, calibration, hwpMin, hwpMax);
    }

    /// <summary>The channel's polarization error probability at a pass time (linear between whole seconds).</summary>
    public double ErrorAt(double passSeconds)
    {
        if (passSeconds <= 0)
        {
            return _errorPerSecond[0];
        }

        int k = (int)passSeconds;
        if (k >= _errorPerSecond.Length - 1)
        {
            return _errorPerSecond[^1];
        }

        double f = passSeconds - k;
        return (_errorPerSecond[k] * (1 - f)) + (_errorPerSecond[k + 1] * f);
    }

    /// <summary>What the ground's result says about it (<c>polarization</c>).</summary>
    public object Details()
    {
        double[] after = _errorPerSecond;

        return new
        {
            mode = Mode,
            calibration = Calibration is null ? null : new
            {
                succeeded = Calibration.Outcome.Succeeded,
                reason = Calibration.Outcome.Reason,
                iterations = Calibration.Outcome.Iterations,
                rounds = Calibration.Rounds.Count,
                angles_deg = new { qwp1 = Calibration.Outcome.Angles.FirstQuarterWaveDegrees, hwp = Calibration.Outcome.Angles.HalfWaveDegrees, qwp2 = Calibration.Outcome.Angles.SecondQuarterWaveDegrees },
                contrast_db = new { z = Math.Round(Calibration.TrueChannelErrors.ZContrastDb, 2), x = Math.Round(Calibration.TrueChannelErrors.XContrastDb, 2) },
                end_pass_s = Calibration.EndPassSeconds,
            },
            ogs_hwp_deg = double.IsFinite(HwpMinDeg) ? new { min = Math.Round(HwpMinDeg, 3), max = Math.Round(HwpMaxDeg, 3) } : null,
            channel_error_mean = Math.Round(after.Average(), 6),
            channel_error_max = Math.Round(after.Max(), 6),
            channel_error_per_s = _errorPerSecond.Select(e => Math.Round(e, 6)).ToArray(),
        };
    }
}
