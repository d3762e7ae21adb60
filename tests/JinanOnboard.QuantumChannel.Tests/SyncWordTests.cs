using JinanOnboard.Primitives.TimeTags;
using JinanOnboard.Source;

using JinanOnboard.QuantumChannel.Profiles;
using JinanOnboard.QuantumChannel.Simulation;

namespace JinanOnboard.QuantumChannel.Tests;

public sealed class SyncWordTests
{
    [Fact]
    public void A_sync_tag_marks_every_65789th_pulse_at_its_arrival_time_on_the_TDC_clock()
    {
        const double DelaySeconds = 1.7e-3;
        var clock = new TdcClockConfiguration { OffsetPs = 5e9, DriftPpm = 2.5 };
        var options = new ChannelSimulationOptions { Seed = 1, DurationSeconds = 0.02, Clock = clock };
        SimulationRun run = SimulationRun.Execute(new ConstantChannelProfile(1e-4, 100, 0.01, DelaySeconds), options, out _);

        var sync = Enumerable.Range(0, run.Tags.Count).Where(i => run.Tags[i].Channel == TimeTag.SyncChannel).ToList();
        long expectedWords = ((run.Simulator.PulseCount - 1) / SyncSchedule.PulsesPerSyncWord) + 1;
        Assert.Equal(expectedWords, sync.Count);

        double sigmaPs = options.SyncJitterFwhmPs / 2.3548200450309493;
        for (int w = 0; w < sync.Count; w++)
        {
            long pulse = SyncSchedule.PulseOfSyncWord(w);
            Assert.Equal(pulse, run.Truth[sync[w]]);
            double expectedPs = clock.OffsetPs + (((pulse * SourceConfiguration.Jinan1.PulsePeriodPs) + (DelaySeconds * 1e12)) * (1 + (clock.DriftPpm * 1e-6)));
            Assert.InRange(run.Tags[sync[w]].TimePs, expectedPs - (6 * sigmaPs) - 1, expectedPs + (6 * sigmaPs) + 1);
        }
    }

    [Fact]
    public void Sync_spacing_shows_the_Doppler_rate_change_of_a_pass()
    {
        var pass = new ElevationShapedChannelProfile(new ElevationPassParameters { MaxElevationDeg = 80 });
        double nominalPs = SyncSchedule.PulsesPerSyncWord * SourceConfiguration.Jinan1.PulsePeriodPs;

        double rising = MeanSyncSpacingPs(new TimeShiftedChannelProfile(pass, 30));
        double setting = MeanSyncSpacingPs(new TimeShiftedChannelProfile(pass, pass.WindowSeconds - 30.5));

        // Spacing = nominal · (1 + d(delay)/dt): shorter while the range shrinks, longer while it grows.
        double riseRate = (pass.OneWayDelaySecondsAt(30.25) - pass.OneWayDelaySecondsAt(30.0)) / 0.25;
        Assert.True(riseRate < -1e-6);
        Assert.Equal(nominalPs * (1 + riseRate), rising, nominalPs * 2e-7);
        Assert.True(setting > nominalPs * (1 + 1e-6));
    }

    [Fact]
    public void No_sync_word_arrives_during_a_classical_link_outage()
    {
        var outage = new PassInterval(0.004, 0.009);
        var options = new ChannelSimulationOptions { Seed = 6, DurationSeconds = 0.02, SyncOutages = [outage] };
        SimulationRun run = SimulationRun.Execute(new ConstantChannelProfile(1e-3, 100, 0.01, 1e-3), options, out _);

        var marked = Enumerable.Range(0, run.Tags.Count).Where(i => run.Tags[i].Channel == TimeTag.SyncChannel).Select(i => run.Truth[i]).ToList();
        long all = ((run.Simulator.PulseCount - 1) / SyncSchedule.PulsesPerSyncWord) + 1;
        long lost = Enumerable.Range(0, (int)all).Count(w => outage.Contains(SyncSchedule.PulseOfSyncWord(w) * 1.6e-9));
        Assert.True(lost > 40);
        Assert.Equal(all - lost, marked.Count);
        Assert.DoesNotContain(marked, pulse => outage.Contains(pulse * 1.6e-9));
        Assert.Contains(run.Tags, t => t.Channel < TimeTag.SyncChannel && t.TimePs > 5e9 && t.TimePs < 9e9);
    }

    private static double MeanSyncSpacingPs(IChannelProfile profile)
    {
        var options = new ChannelSimulationOptions { Seed = 2, DurationSeconds = 0.25, Clock = new TdcClockConfiguration { DriftPpm = 0 } };
        SimulationRun run = SimulationRun.Execute(profile, options, out _);
        List<long> times = run.Tags.Where(t => t.Channel == TimeTag.SyncChannel).Select(t => t.TimePs).ToList();
        return (times[^1] - times[0]) / (double)(times.Count - 1);
    }
}
