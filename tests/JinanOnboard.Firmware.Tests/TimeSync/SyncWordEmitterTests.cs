using JinanOnboard.Primitives.TimeTags;
using JinanOnboard.Runtime.Link;
using JinanOnboard.Runtime.Messages;
using JinanOnboard.Firmware.Tests.Harness;
using JinanOnboard.Payload.Components.TimeSync;
using JinanOnboard.Ground.Components.TimeSync;
using JinanOnboard.Protocol.Messages;

namespace JinanOnboard.Firmware.Tests.TimeSync;

/// <summary>messages.md: sync word k goes with pulse k × 65 789, i.e. at k × 105 262 400 ps on the payload clock.</summary>
public sealed class SyncWordEmitterTests
{
    private const double PulsePeriodPs = 1600;
    private const long SyncPeriodPs = 65_789 * 1600; // 105 262 400 ps, messages.md
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task Over_one_second_in_100_ms_ticks_it_sends_every_word_up_to_the_pass_time_once()
    {
        var emitter = new SyncWordEmitter(PulsePeriodPs, wordsPerMessage: 950);
        List<OutboundMessage> sent = emitter.Downlink.Record();
        var wordsAfterTick = new List<long>();

        for (int i = 1; i <= 10; i++)
        {
            TimeSpan passTime = Tick * i;
            await PortHarness.Drive(emitter.OnTickAsync, passTime);
            List<SyncWordBatch> batches = sent.Batches();
            long words = batches.Sum(b => (long)b.EmissionTimesPs.Length);
            wordsAfterTick.Add(words);

            // Everything emitted by this pass time is out, and nothing later: the last word sent is at or
            // before the tick and the next one would be after it.
            long passPs = passTime.Ticks * 100_000;
            Assert.True(batches[^1].EmissionTimesPs[^1] <= passPs);
            Assert.True(words * SyncPeriodPs > passPs);
        }

        List<SyncWordBatch> all = sent.Batches();
        long[] times = [.. all.SelectMany(b => b.EmissionTimesPs)];

        // k × 105 262 400 ps <= 1 s for k = 0..9500: 9501 words.
        Assert.Equal(9501, times.Length);
        Assert.Equal(9501UL, emitter.WordsSent);
        Assert.Equal(Enumerable.Range(0, 9501).Select(k => k * SyncPeriodPs), times);

        // Indices contiguous from 0 across batches.
        ulong expectedFirst = 0;
        foreach (SyncWordBatch batch in all)
        {
            Assert.Equal(expectedFirst, batch.FirstIndex);
            Assert.InRange(batch.EmissionTimesPs.Length, 1, 950);
            expectedFirst += (ulong)batch.EmissionTimesPs.Length;
        }

        Assert.All(sent, m =>
        {
            Assert.Equal(Apids.TimeSync, m.Apid);
            Assert.Equal(SyncWordBatch.MessageType, m.Type);
            Assert.True(m.Reliable);
        });

        // ~950 words per 100 ms (9 500.07 Hz); the first tick also carries word 0 at t = 0.
        Assert.Equal([951L, 1901, 2851, 3801, 4751, 5701, 6651, 7601, 8551, 9501], wordsAfterTick);
    }

    [Fact]
    public async Task Batches_never_exceed_words_per_message()
    {
        var emitter = new SyncWordEmitter(PulsePeriodPs, wordsPerMessage: 100);
        List<OutboundMessage> sent = emitter.Downlink.Record();

        await PortHarness.Drive(emitter.OnTickAsync, TimeSpan.FromMilliseconds(100));

        List<SyncWordBatch> batches = sent.Batches();
        Assert.Equal(10, batches.Count); // 951 words = 9 × 100 + 51
        Assert.All(batches.Take(9), b => Assert.Equal(100, b.EmissionTimesPs.Length));
        Assert.Equal(51, batches[^1].EmissionTimesPs.Length);
    }

    [Fact]
    public async Task A_repeated_or_earlier_tick_sends_nothing_more()
    {
        var emitter = new SyncWordEmitter(PulsePeriodPs, wordsPerMessage: 950);
        List<OutboundMessage> sent = emitter.Downlink.Record();

        await PortHarness.Drive(emitter.OnTickAsync, TimeSpan.FromMilliseconds(200));
        int count = sent.Count;
        await PortHarness.Drive(emitter.OnTickAsync, TimeSpan.FromMilliseconds(200));
        await PortHarness.Drive(emitter.OnTickAsync, TimeSpan.FromMilliseconds(150));

        Assert.Equal(count, sent.Count);
    }

    [Fact]
    public async Task A_tick_landing_exactly_on_a_word_includes_that_word()
    {
        // 125 words = 13.1578 ms = 131 578 TimeSpan ticks exactly.
        var emitter = new SyncWordEmitter(PulsePeriodPs, wordsPerMessage: 950);
        List<OutboundMessage> sent = emitter.Downlink.Record();

        await PortHarness.Drive(emitter.OnTickAsync, TimeSpan.FromTicks(125 * SyncPeriodPs / 100_000));

        Assert.Equal(126, sent.Batches().Sum(b => b.EmissionTimesPs.Length));
    }

    [Fact]
    public void The_sync_schedule_matches_the_spec()
    {
        Assert.Equal(65_789, SyncSchedule.PulsesPerSyncWord);
        Assert.Equal(9500 * 65_789L, SyncSchedule.PulseOfSyncWord(9500));
    }
}
