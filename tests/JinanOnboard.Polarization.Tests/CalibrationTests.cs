using JinanOnboard.Polarization.Calibration;
using JinanOnboard.Polarization.Compensation;
using JinanOnboard.Polarization.Errors;
using JinanOnboard.Polarization.Geometry;
using JinanOnboard.Polarization.Jones;
using JinanOnboard.PolarizationBench;

namespace JinanOnboard.Polarization.Tests;

public sealed class CalibrationTests
{
    private static readonly Lazy<PassFrameRotationTable> DefaultTable = new(() => PassFrameRotationTable.Build(TestChannels.Pass()));

    private static PolarizationSettings Defaults => PolarizationSettings.From(TestChannels.Physics);

    private static Task<BenchCalibrationResult> Calibrate(ulong seed, PolarizationSettings? settings = null) =>
        CalibrationRun.RunAsync(new PolarizationRig(settings ?? Defaults, DefaultTable.Value, seed), 0);

    [Fact]
    public async Task Calibration_from_noisy_counts_reaches_25_dB_in_both_bases_over_100_seeds()
    {
        var worst = new List<double>();
        for (ulong seed = 1; seed <= 100; seed++)
        {
            BenchCalibrationResult result = await Calibrate(seed);

            Assert.True(result.Outcome.Succeeded, $"seed {seed}: {result.Outcome.Reason}");
            worst.Add(result.TrueChannelErrors.MinContrastDb);
        }

        Assert.True(worst.Min() >= 25, $"worst true contrast {worst.Min():F1} dB");
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_calibration_and_another_seed_another_fibre()
    {
        BenchCalibrationResult a = await Calibrate(7);
        BenchCalibrationResult b = await Calibrate(7);
        BenchCalibrationResult c = await Calibrate(8);

        Assert.Equal(a.Outcome.Angles, b.Outcome.Angles);
        Assert.Equal(a.Rounds.Select(r => r.Round.Estimate.MeasuredErrors), b.Rounds.Select(r => r.Round.Estimate.MeasuredErrors));
        Assert.NotEqual(a.Outcome.Angles, c.Outcome.Angles);
    }

    [Fact]
    public async Task The_survey_round_sees_the_raw_fibre_and_later_rounds_improve_on_it()
    {
        BenchCalibrationResult result = await Calibrate(3);

        Assert.Equal(RoundPurpose.Survey, result.Rounds[0].Round.Purpose);
        Assert.True(result.Rounds[0].TrueChannelErrors.MinContrastDb < 15);
        Assert.True(result.Outcome.Iterations >= 1);
        Assert.True(result.Outcome.Best!.Estimate.ChannelErrors.MinContrastDb >= 25);
    }

    [Fact]
    public async Task With_dark_counts_as_large_as_the_signal_the_calibration_does_not_claim_the_target()
    {
        PolarizationSettings starved = Defaults with { CalibrationDetectionsPerState = 300 };
        for (ulong seed = 1; seed <= 20; seed++)
        {
            BenchCalibrationResult result = await Calibrate(seed, starved);

            Assert.True(!result.Outcome.Succeeded || result.TrueChannelErrors.MinContrastDb >= 25, $"seed {seed}: claimed {result.Outcome.Reason}, true {result.TrueChannelErrors.MinContrastDb:F1} dB");
        }
    }

    [Fact]
    public void Without_detections_the_calibration_fails_and_says_why()
    {
        var calibration = new CompensatorCalibration(Defaults.ToCalibrationSettings(), CompensatorAngles.Home, JonesMatrix.Identity);
        for (int i = 0; i < 4; i++)
        {
            var send = Assert.IsType<SendReferenceStep>(calibration.NextStep());
            calibration.SubmitCounts(send.State, new DecoderCounts(100, 101, 99, 100));
        }

        var finished = Assert.IsType<FinishedStep>(calibration.NextStep());
        Assert.Equal(CalibrationPhase.Failed, calibration.Phase);
        Assert.Contains("too few detections", finished.Outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_step_is_asked_again_until_answered_and_counts_for_the_wrong_state_are_refused()
    {
        var calibration = new CompensatorCalibration(Defaults.ToCalibrationSettings(), CompensatorAngles.Home, JonesMatrix.Identity);
        CalibrationStep first = calibration.NextStep();

        Assert.Equal(first, calibration.NextStep());
        Assert.Equal(CalibrationPhase.Collect, calibration.Phase);
        Assert.Equal(new SendReferenceStep(Bb84State.H, 625_000_000, RoundPurpose.Survey), first);
        Assert.Throws<InvalidOperationException>(() => calibration.SubmitCounts(Bb84State.D, default));
    }

    [Fact]
    public void A_plate_that_does_not_reach_its_angle_fails_the_calibration()
    {
        JonesMatrix fibre = TestChannels.RandomUnitary(11);
        var calibration = new CompensatorCalibration(Defaults.ToCalibrationSettings(), CompensatorAngles.Home, JonesMatrix.Identity);
        CalibrationStep step = calibration.NextStep();
        while (step is SendReferenceStep send)
        {
            calibration.SubmitCounts(send.State, Exact(fibre, send.State));
            step = calibration.NextStep();
        }

        var set = Assert.IsType<SetAnglesStep>(step);
        calibration.ConfirmAngles(set.Angles with { HalfWaveDegrees = set.Angles.HalfWaveDegrees + 5 });

        Assert.Equal(CalibrationPhase.Failed, calibration.Phase);
        Assert.Contains("HWP reported", calibration.Outcome!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Noise_free_counts_give_the_channel_rotation_as_one_of_the_two_candidates()
    {
        for (ulong seed = 0; seed < 50; seed++)
        {
            JonesMatrix channel = TestChannels.RandomUnitary(seed);
            var counts = Bb84States.All.ToDictionary(s => s, s => Exact(channel, s));

            ChannelEstimate estimate = ChannelEstimator.TryEstimate(counts, 0, 0, out string? problem)!;

            Assert.Null(problem);
            Assert.Equal(1.0, estimate.Visibility, 4);
            double fit = Math.Max(
                JonesMatrix.ProcessFidelity(channel, estimate.Rotation.ToJones()),
                JonesMatrix.ProcessFidelity(channel, estimate.MirrorRotation.ToJones()));
            Assert.True(fit > 1 - 1e-6, $"seed {seed}: fidelity {fit}");
        }
    }

    [Fact]
    public void With_noise_free_counts_the_state_machine_brings_any_fibre_to_the_target_and_tries_the_other_S3_sign_when_a_solution_is_worse()
    {
        int mirrorTries = 0;
        for (ulong seed = 0; seed < 60; seed++)
        {
            JonesMatrix fibre = TestChannels.RandomUnitary(seed);
            // The free-space part the OGS knows: its HWP after the frame rotation (here a fixed one).
            JonesMatrix freeSpace = Waveplate.HalfWave(10) * Waveplate.Rotator(20);
            var calibration = new CompensatorCalibration(Defaults.ToCalibrationSettings() with { DarkCountsPerOutput = 0, SourceErrorProbability = 0 }, CompensatorAngles.Home, freeSpace);
            CompensatorAngles plates = CompensatorAngles.Home;
            CalibrationStep step = calibration.NextStep();
            while (step is not FinishedStep)
            {
                if (step is SendReferenceStep send)
                {
                    calibration.SubmitCounts(send.State, Exact(freeSpace * plates.ToJones() * fibre, send.State));
                }
                else if (step is SetAnglesStep set)
                {
                    plates = set.Angles;
                    calibration.ConfirmAngles(plates);
                }

                step = calibration.NextStep();
            }

            Assert.Equal(CalibrationPhase.Done, calibration.Phase);
            // The procedure's own goal: both bases at the target (a passive decoder sees small residual rotations only in
            // second order, so near-degenerate channels stop a little short of the exact inverse).
            Assert.True(PolarizationErrorModel.Of(freeSpace * plates.ToJones() * fibre).MinContrastDb >= 25, $"seed {seed}: {calibration.Outcome!.Reason}");
            mirrorTries += calibration.Rounds.Count - 1 - calibration.Iterations;
        }

        Assert.True(mirrorTries > 0, "no calibration needed the other sign of S3");
    }

    /// <summary>Counts of 10⁹ detections with no noise, for the estimator's algebra.</summary>
    private static DecoderCounts Exact(JonesMatrix channel, Bb84State sent)
    {
        JonesVector received = channel * JonesVector.Of(sent);
        long N(Bb84State output) => (long)Math.Round(0.5e9 * JonesVector.Of(output).Overlap(received));
        return new DecoderCounts(N(Bb84State.H), N(Bb84State.V), N(Bb84State.D), N(Bb84State.A));
    }
}
