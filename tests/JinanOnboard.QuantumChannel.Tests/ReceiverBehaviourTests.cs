using JinanOnboard.Primitives.TimeTags;
using JinanOnboard.Source;
using JinanOnboard.Source.Random;

using JinanOnboard.QuantumChannel.Profiles;
using JinanOnboard.QuantumChannel.Simulation;

namespace JinanOnboard.QuantumChannel.Tests;

/// <summary>Double clicks, dead time, ordering and determinism of the tag stream.</summary>
public sealed class ReceiverBehaviourTests
{
    [Fact]
    public void Double_clicks_in_one_basis_occur_at_the_Poisson_splitting_rate()
    {
        SourceConfiguration source = SourceConfiguration.Jinan1;
        const double Transmittance = 0.3;
        const double ChannelError = 0.02;
        var options = new ChannelSimulationOptions { Seed = 8, DurationSeconds = 0.004, Detectors = new DetectorConfiguration { DeadTimePs = 0 } };
        SimulationRun run = SimulationRun.Execute(new ConstantChannelProfile(Transmittance, 0, ChannelError, 1e-3), options, out _);

        var masks = new Dictionary<long, int>();
        for (int i = 0; i < run.Tags.Count; i++)
        {
            if (run.Tags[i].Channel < TimeTag.SyncChannel && run.Truth[i] >= 0)
            {
                masks[run.Truth[i]] = masks.GetValueOrDefault(run.Truth[i]) | (1 << run.Tags[i].Channel);
            }
        }

        long doubles = masks.Values.Count(m => (m & 0b0011) == 0b0011 || (m & 0b1100) == 0b1100);

        // Independent Poisson splitting: P(both detectors of a pair click) = Π (1 - exp(-λ q)).
        double[] split = Expectation.PhotonSplit(Expectation.CombinedError(source, ChannelError), 0.5);
        double expected = 0;
        for (int k = 0; k < 3; k++)
        {
            double mean = Expectation.MeanDetected(source, k, Transmittance, options.Detectors.Efficiency);
            double matched = Expectation.ClickProbability(mean, split[0]) * Expectation.ClickProbability(mean, split[1]);
            double other = Expectation.ClickProbability(mean, split[2]) * Expectation.ClickProbability(mean, split[3]);
            double both = matched * other;
            expected += source.IntensityProbability(k) * (matched + other - both);
        }

        expected *= run.Simulator.PulseCount;
        Assert.InRange(doubles, expected - (5 * Math.Sqrt(expected)), expected + (5 * Math.Sqrt(expected)));
        Assert.Equal(doubles, run.Simulator.Statistics.DoubleClickPulses);
    }

    [Fact]
    public void No_two_tags_on_one_detector_are_closer_than_the_dead_time()
    {
        const double DeadTimePs = 1_000_000; // 1 µs, far below the ~2 MHz per-detector photon rate here
        var options = new ChannelSimulationOptions
        {
            Seed = 4,
            DurationSeconds = 0.003,
            Detectors = new DetectorConfiguration { DeadTimePs = DeadTimePs },
            Clock = new TdcClockConfiguration { DriftPpm = -20 },
        };
        SimulationRun run = SimulationRun.Execute(new ConstantChannelProfile(0.05, 1e5, 0.01, 1e-3), options, out _);

        long[] last = [long.MinValue, long.MinValue, long.MinValue, long.MinValue];
        double minimumTdcGapPs = (DeadTimePs * (1 - 20e-6)) - 1;
        int checkedGaps = 0;
        foreach (TimeTag tag in run.Tags.Where(t => t.Channel < TimeTag.SyncChannel))
        {
            if (last[tag.Channel] != long.MinValue)
            {
                Assert.True(tag.TimePs - last[tag.Channel] >= minimumTdcGapPs, $"channel {tag.Channel}: gap {tag.TimePs - last[tag.Channel]} ps");
                checkedGaps++;
            }

            last[tag.Channel] = tag.TimePs;
        }

        Assert.True(checkedGaps > 5_000, $"only {checkedGaps} gaps");
        Assert.True(run.Simulator.Statistics.DeadTimeSuppressedClicks > checkedGaps, "the detectors should be saturated");
    }

    [Fact]
    public void Tags_come_out_in_time_order_across_segment_boundaries()
    {
        var options = new ChannelSimulationOptions { Seed = 3, DurationSeconds = 0.03, SegmentPulses = 10_007 };
        var pass = new ElevationShapedChannelProfile(new ElevationPassParameters());
        var profile = new TimeShiftedChannelProfile(pass, pass.WindowSeconds / 2);
        SimulationRun run = SimulationRun.Execute(profile, options, out _);

        Assert.True(run.Tags.Count > 1000, $"only {run.Tags.Count} tags");
        for (int i = 1; i < run.Tags.Count; i++)
        {
            Assert.True(run.Tags[i].TimePs >= run.Tags[i - 1].TimePs, $"tag {i} goes back in time: {run.Tags[i - 1]} {run.Truth[i - 1]} then {run.Tags[i]} {run.Truth[i]}");
        }
    }

    [Fact]
    public void Same_seed_gives_identical_tags_whatever_the_read_size()
    {
        var options = new ChannelSimulationOptions { Seed = 77, DurationSeconds = 0.02 };
        var profile = new ConstantChannelProfile(1e-3, 5000, 0.01, 3e-3);
        SimulationRun big = SimulationRun.Execute(profile, options, out _, chunk: 100_000);
        SimulationRun small = SimulationRun.Execute(profile, options, out _, chunk: 7);
        SimulationRun otherSeed = SimulationRun.Execute(profile, options with { Seed = 78 }, out _);

        Assert.Equal(big.Tags, small.Tags);
        Assert.Equal(big.Truth, small.Truth);
        Assert.NotEqual(big.Tags, otherSeed.Tags);
    }

    [Fact]
    public void Memory_does_not_grow_with_pass_length()
    {
        var profile = new ConstantChannelProfile(1e-3, 500, 0.01, 3e-3);
        long shortPass = AllocatedWhileSimulating(profile, 0.02);
        long longPass = AllocatedWhileSimulating(profile, 0.4);

        // Twenty times the pulses (380 more segments, 20x the tags) may not cost even 40 bytes per segment.
        Assert.InRange(longPass - shortPass, -16_384, 16_384);
    }

    [Fact]
    public void Read_without_truth_gives_the_same_tags()
    {
        var options = new ChannelSimulationOptions { Seed = 12, DurationSeconds = 0.005 };
        var profile = new ConstantChannelProfile(1e-3, 500, 0.01, 3e-3);
        SimulationRun withTruth = SimulationRun.Execute(profile, options, out _);
        var simulator = new QuantumChannelSimulator(new PhiloxPulseRandomStore(99, SourceConfiguration.Jinan1), SourceConfiguration.Jinan1, profile, options);
        var tags = new List<TimeTag>();
        var buffer = new TimeTag[333];
        int read;
        while ((read = simulator.Read(buffer)) > 0)
        {
            tags.AddRange(buffer.AsSpan(0, read));
        }

        Assert.Equal(withTruth.Tags, tags);
        Assert.Equal(0, simulator.Read(buffer));
    }

    private static long AllocatedWhileSimulating(IChannelProfile profile, double seconds)
    {
        var buffer = new TimeTag[4096];
        long before = GC.GetAllocatedBytesForCurrentThread();
        var simulator = new QuantumChannelSimulator(
            new PhiloxPulseRandomStore(5, SourceConfiguration.Jinan1), SourceConfiguration.Jinan1, profile, new ChannelSimulationOptions { DurationSeconds = seconds });
        long tags = 0;
        int read;
        while ((read = simulator.Read(buffer)) > 0)
        {
            tags += read;
        }

        Assert.True(tags > 1000);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
