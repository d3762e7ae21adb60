using CsCheck;
using JinanOnboard.Runtime.Link;
using JinanOnboard.Runtime.Messages;
using JinanOnboard.Firmware.Tests.Harness;
using JinanOnboard.Payload.Components.TimeSync;
using JinanOnboard.Ground.Components.TimeSync;

namespace JinanOnboard.Firmware.Tests.TimeSync;

public sealed class TimeSyncPropertyTests
{
    private const long SyncPeriodPs = 65_789 * 1600;

    [Fact]
    public void For_any_increasing_ticks_and_batch_size_the_emitter_sends_exactly_the_words_due()
    {
        Gen<(int[] StepsUs, int WordsPerMessage)> cases = Gen.Select(Gen.Int[1, 300_000].Array[1, 12], Gen.Int[1, 9500]);

        cases.Sample(c =>
        {
            var emitter = new SyncWordEmitter(1600, c.WordsPerMessage);
            List<OutboundMessage> sent = emitter.Downlink.Record();
            long passUs = 0;
            foreach (int stepUs in c.StepsUs)
            {
                passUs += stepUs;
                emitter.OnTickAsync(TimeSpan.FromTicks(passUs * 10), CancellationToken.None).AsTask().Wait(PortHarness.Timeout);

                // Words k with k × period <= pass time, k = 0..floor(t / period).
                long due = (passUs * 1_000_000 / SyncPeriodPs) + 1;
                Assert.Equal((ulong)due, emitter.WordsSent);
            }

            List<SyncWordBatch> batches = sent.Batches();
            Assert.All(batches, b => Assert.InRange(b.EmissionTimesPs.Length, 1, c.WordsPerMessage));
            long[] times = [.. batches.SelectMany(b => b.EmissionTimesPs)];
            Assert.Equal(Enumerable.Range(0, times.Length).Select(k => k * SyncPeriodPs), times);
            Assert.Equal(batches.Select(b => b.FirstIndex), batches.Select((b, i) => (ulong)batches.Take(i).Sum(p => p.EmissionTimesPs.Length)));
        }, iter: 200);
    }

    [Fact]
    public void The_period_estimate_and_word_count_do_not_depend_on_delivery_order()
    {
        long[] times = [.. Enumerable.Range(0, 2000).Select(k => (k * SyncPeriodPs) + ((k * 7919) % 61) - 30)];
        SyncWordBatch[] batches = [.. times.Chunk(100).Select((chunk, i) => new SyncWordBatch((ulong)(i * 100), chunk))];
        double inOrderPeriodPs = Run(batches).EstimatedPeriodPs;

        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            SyncWordBatch[] shuffled = [.. batches];
            new Random(seed).Shuffle(shuffled);
            ClockDiscipline discipline = Run(shuffled);

            Assert.Equal(2000, discipline.WordsReceived);
            // Only summation order differs: rounding of ~1e-14 relative (observed 1.2e-6 ps), nothing physical.
            Assert.Equal(inOrderPeriodPs, discipline.EstimatedPeriodPs, 1e-4);
            Assert.Equal(times[^1] * 1e-12, discipline.LatestEmissionS, 15);
        }, iter: 100);
    }

    private static ClockDiscipline Run(IEnumerable<SyncWordBatch> batches)
    {
        var discipline = new ClockDiscipline();
        foreach (SyncWordBatch batch in batches)
        {
            var message = new OutboundMessage(0x010, SyncWordBatch.MessageType, batch.Encode(), true).AsInbound();
            discipline.OnMessageAsync(message, CancellationToken.None).AsTask().Wait(PortHarness.Timeout);
        }

        return discipline;
    }
}
