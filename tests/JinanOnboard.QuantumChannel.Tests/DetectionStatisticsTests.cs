using JinanOnboard.Primitives.TimeTags;
using JinanOnboard.Source;

using JinanOnboard.QuantumChannel.Profiles;
using JinanOnboard.QuantumChannel.Simulation;

namespace JinanOnboard.QuantumChannel.Tests;

/// <summary>Rates and errors of the simulated tags against the analytic channel model.</summary>
public sealed class DetectionStatisticsTests
{
    private const double Transmittance = 2e-3;
    private const double ChannelError = 0.01;
    private const double BackgroundHz = 20_000;
    private const double DelaySeconds = 2.1e-3;
    private const double DurationSeconds = 0.5;

    private static readonly ChannelSimulationOptions Options = new()
    {
        Seed = 2026,
        DurationSeconds = DurationSeconds,
        Detectors = new DetectorConfiguration { DeadTimePs = 0 },
        Clock = new TdcClockConfiguration { OffsetPs = 123_456_789_000, DriftPpm = 3.0 },
    };

    private static readonly Lazy<(SimulationRun Run, IPulseRandomStore Store)> SharedRun = new(() =>
    {
        var profile = new ConstantChannelProfile(Transmittance, BackgroundHz, ChannelError, DelaySeconds);
        SimulationRun run = SimulationRun.Execute(profile, Options, out IPulseRandomStore store);
        return (run, store);
    });

    [Fact]
    public void Signal_tag_count_matches_the_Poisson_expectation_per_detector()
    {
        SourceConfiguration source = SourceConfiguration.Jinan1;
        SimulationRun run = SharedRun.Value.Run;
        double[] split = Expectation.PhotonSplit(Expectation.CombinedError(source, ChannelError), 0.5);
        double expected = 0;
        for (int k = 0; k < 3; k++)
        {
            double mean = Expectation.MeanDetected(source, k, Transmittance, Options.Detectors.Efficiency);
            double perPulse = split.Sum(q => Expectation.ClickProbability(mean, q));
            expected += source.IntensityProbability(k) * perPulse;
        }

        expected *= run.Simulator.PulseCount;
        long observed = run.Truth.Count(t => t >= 0) - run.Tags.Count(t => t.Channel == TimeTag.SyncChannel);

        Assert.InRange(observed, expected - (5 * Math.Sqrt(expected)), expected + (5 * Math.Sqrt(expected)));
        Assert.Equal(observed, run.Simulator.Statistics.SignalTags);
    }

    [Fact]
    public void Dark_and_background_tag_count_matches_rate_times_duration_and_spreads_evenly()
    {
        SimulationRun run = SharedRun.Value.Run;
        double perDetector = (Options.Detectors.DarkCountRateHz + BackgroundHz) * DurationSeconds;
        long[] perChannel = new long[4];
        for (int i = 0; i < run.Tags.Count; i++)
        {
            if (run.Truth[i] == QuantumChannelSimulator.NoiseTruth)
            {
                perChannel[run.Tags[i].Channel]++;
            }
        }

        foreach (long count in perChannel)
        {
            Assert.InRange(count, perDetector - (5 * Math.Sqrt(perDetector)), perDetector + (5 * Math.Sqrt(perDetector)));
        }
    }

    [Fact]
    public void Gated_sifted_QBER_matches_polarization_error_plus_background()
    {
        SourceConfiguration source = SourceConfiguration.Jinan1;
        (SimulationRun run, IPulseRandomStore store) = SharedRun.Value;
        double error = Expectation.CombinedError(source, ChannelError);
        double periodPs = source.PulsePeriodPs;
        const double HalfGatePs = 400; // the 800 ps gate of system.md

        long signalSifted = 0, signalErrors = 0, allSifted = 0, allErrors = 0;
        for (int i = 0; i < run.Tags.Count; i++)
        {
            TimeTag tag = run.Tags[i];
            if (tag.Channel == TimeTag.SyncChannel)
            {
                continue;
            }

            // Invert the known clock and light time: this is the ideal receiver the detection layer approximates.
            double groundPs = (tag.TimePs - Options.Clock.OffsetPs) / (1 + (Options.Clock.DriftPpm * 1e-6));
            double slot = (groundPs - (DelaySeconds * 1e12)) / periodPs;
            long pulse = (long)Math.Round(slot);
            if (Math.Abs(slot - pulse) * periodPs > HalfGatePs || pulse < 0 || pulse >= run.Simulator.PulseCount)
            {
                continue;
            }

            PulseChoice choice = store.GetChoice(pulse);
            int measuredBasis = tag.Channel >> 1;
            if (measuredBasis != (int)choice.Basis)
            {
                continue;
            }

            bool wrong = (tag.Channel & 1) != choice.Bit;
            allSifted++;
            allErrors += wrong ? 1 : 0;
            if (run.Truth[i] >= 0)
            {
                Assert.Equal(pulse, run.Truth[i]);
                signalSifted++;
                signalErrors += wrong ? 1 : 0;
            }
        }

        // Signal: per detector of the matching basis, clicks ∝ 1 - exp(-λ q); gated with prob. erf(400 / (σ√2)).
        double sigmaPs = Options.Detectors.JitterFwhmPs / 2.3548200450309493;
        double gateFraction = Erf(HalfGatePs / (sigmaPs * Math.Sqrt(2)));
        double[] split = Expectation.PhotonSplit(error, 0.5);
        double right = 0, wrongExpected = 0;
        for (int k = 0; k < 3; k++)
        {
            double mean = Expectation.MeanDetected(source, k, Transmittance, Options.Detectors.Efficiency);
            right += source.IntensityProbability(k) * Expectation.ClickProbability(mean, split[0]);
            wrongExpected += source.IntensityProbability(k) * Expectation.ClickProbability(mean, split[1]);
        }

        right *= run.Simulator.PulseCount * gateFraction;
        wrongExpected *= run.Simulator.PulseCount * gateFraction;

        // Noise: uniform in time, so half falls in the 800 ps gate of a 1600 ps slot, half of that in the
        // prepared basis, and half of those on the wrong detector.
        double noiseTags = 4 * (Options.Detectors.DarkCountRateHz + BackgroundHz) * DurationSeconds;
        double noiseSiftedErrors = noiseTags * (2 * HalfGatePs / periodPs) * 0.5 * 0.5;

        double expectedSignalQber = wrongExpected / (right + wrongExpected);
        double expectedQber = (wrongExpected + noiseSiftedErrors) / (right + wrongExpected + (2 * noiseSiftedErrors));
        double observedSignalQber = signalErrors / (double)signalSifted;
        double observedQber = allErrors / (double)allSifted;

        Assert.InRange(observedSignalQber, expectedSignalQber - (5 * Math.Sqrt(expectedSignalQber / signalSifted)), expectedSignalQber + (5 * Math.Sqrt(expectedSignalQber / signalSifted)));
        double qberSigma = Math.Sqrt(expectedQber * (1 - expectedQber) / allSifted);
        Assert.InRange(observedQber, expectedQber - (5 * qberSigma), expectedQber + (5 * qberSigma));
        Assert.InRange(allSifted, (right + wrongExpected + (2 * noiseSiftedErrors)) * 0.97, (right + wrongExpected + (2 * noiseSiftedErrors)) * 1.03);
    }

    [Fact]
    public void Multi_photon_detections_follow_the_Poisson_photon_number()
    {
        SourceConfiguration source = SourceConfiguration.Jinan1;
        const double HighTransmittance = 0.2;
        var options = new ChannelSimulationOptions { Seed = 5, DurationSeconds = 0.004, Detectors = new DetectorConfiguration { DeadTimePs = 0 } };
        SimulationRun run = SimulationRun.Execute(new ConstantChannelProfile(HighTransmittance, 0, 0.01, 1e-3), options, out _);

        double detected = 0, multi = 0;
        for (int k = 0; k < 3; k++)
        {
            double mean = Expectation.MeanDetected(source, k, HighTransmittance, options.Detectors.Efficiency);
            detected += source.IntensityProbability(k) * (1 - Math.Exp(-mean));
            multi += source.IntensityProbability(k) * (1 - Math.Exp(-mean) - (mean * Math.Exp(-mean)));
        }

        detected *= run.Simulator.PulseCount;
        multi *= run.Simulator.PulseCount;
        ChannelSimulationStatistics stats = run.Simulator.Statistics;
        Assert.InRange(stats.DetectedPulses, detected - (5 * Math.Sqrt(detected)), detected + (5 * Math.Sqrt(detected)));
        Assert.InRange(stats.MultiPhotonDetectedPulses, multi - (5 * Math.Sqrt(multi)), multi + (5 * Math.Sqrt(multi)));
    }

    [Fact]
    public void A_transmittance_below_the_doubles_epsilon_gives_no_detections_and_ends()
    {
        // A pointing loop far off target gives T_point ~ 1e-20: 1 − p rounds to 1, and ln(1 − p) = 0 once made the
        // geometric gap infinite and the segment loop endless.
        var options = new ChannelSimulationOptions { Seed = 3, DurationSeconds = 0.003 };
        SimulationRun run = SimulationRun.Execute(new ConstantChannelProfile(1e-20, 0, 0.01, 1e-3), options, out _);

        Assert.Equal(0, run.Simulator.Statistics.DetectedPulses);
        Assert.Equal(run.Simulator.PulseCount, run.Simulator.Statistics.PulsesSimulated);
    }

    // Abramowitz and Stegun 7.1.26 (|error| < 1.5e-7), enough for a 5 σ test.
    private static double Erf(double x)
    {
        double t = 1 / (1 + (0.3275911 * x));
        double poly = t * (0.254829592 + (t * (-0.284496736 + (t * (1.421413741 + (t * (-1.453152027 + (t * 1.061405429))))))));
        return 1 - (poly * Math.Exp(-x * x));
    }
}
