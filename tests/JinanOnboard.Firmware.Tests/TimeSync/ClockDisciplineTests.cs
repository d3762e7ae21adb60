using JinanOnboard.Primitives.Wire;
using JinanOnboard.Runtime.Link;
using JinanOnboard.Runtime.Messages;
using JinanOnboard.Firmware.Tests.Harness;
using JinanOnboard.Payload.Components.TimeSync;
using JinanOnboard.Ground.Components.TimeSync;
using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Messages;

namespace JinanOnboard.Firmware.Tests.TimeSync;

public sealed class ClockDisciplineTests
{
    private const double NominalPeriodPs = 65_789 * 1600.0;

    [Fact]
    public async Task Recovers_the_payload_period_by_least_squares_through_jitter()
    {
        // A payload clock 5 ppm fast with ±100 ps uniform timing noise on each word.
        double truePeriodPs = NominalPeriodPs * (1 + 5e-6);
        var random = new Random(1234);
        long[] times = [.. Enumerable.Range(0, 9500).Select(k => (long)Math.Round((k * truePeriodPs) + ((random.NextDouble() - 0.5) * 200)))];
        var discipline = new ClockDiscipline();

        foreach (InboundMessage message in Batches(times, firstIndex: 0, wordsPerMessage: 950))
        {
            await PortHarness.Drive(discipline.OnMessageAsync, message);
        }

        // Slope standard error ≈ σ / sqrt(Σ(x - x̄)²) ≈ 58 ps / 2.7e5 ≈ 2e-4 ps.
        Assert.Equal(truePeriodPs, discipline.EstimatedPeriodPs, 0.01);
        Assert.Equal(9500, discipline.WordsReceived);
        Assert.Equal(10, discipline.Batches);
        Assert.Equal(9500UL, discipline.ContiguousEnd);
        Assert.Equal(times[^1] * 1e-12, discipline.LatestEmissionS, 15);
    }

    [Fact]
    public async Task Follows_the_emitter_end_to_end_and_finds_the_nominal_period()
    {
        var emitter = new SyncWordEmitter(1600, wordsPerMessage: 950);
        var discipline = new ClockDiscipline();
        emitter.Downlink.ConnectTo((message, ct) => discipline.OnMessageAsync(message.AsInbound(), ct));

        for (int i = 1; i <= 10; i++)
        {
            await PortHarness.Drive(emitter.OnTickAsync, TimeSpan.FromMilliseconds(100 * i));
        }

        Assert.Equal(105_262_400.0, discipline.EstimatedPeriodPs, 1e-3);
        Assert.Equal(9501, discipline.WordsReceived);
        Assert.Equal(9501UL, discipline.ContiguousEnd);
    }

    [Fact]
    public async Task The_period_is_unknown_until_two_words_arrived()
    {
        var discipline = new ClockDiscipline();
        Assert.True(double.IsNaN(discipline.EstimatedPeriodPs));

        await PortHarness.Drive(discipline.OnMessageAsync, Message(new SyncWordBatch(0, [0])));
        Assert.True(double.IsNaN(discipline.EstimatedPeriodPs));

        await PortHarness.Drive(discipline.OnMessageAsync, Message(new SyncWordBatch(1, [1000])));
        Assert.Equal(1000, discipline.EstimatedPeriodPs, 1e-9);
    }

    [Fact]
    public async Task A_missing_batch_stops_the_contiguous_end_at_the_gap_but_words_still_count()
    {
        long[] times = [.. Enumerable.Range(0, 400).Select(k => (long)(k * NominalPeriodPs))];
        List<InboundMessage> batches = Batches(times, firstIndex: 0, wordsPerMessage: 100);
        var discipline = new ClockDiscipline();

        await PortHarness.Drive(discipline.OnMessageAsync, batches[0]);
        await PortHarness.Drive(discipline.OnMessageAsync, batches[1]);
        await PortHarness.Drive(discipline.OnMessageAsync, batches[3]); // batch 2 (words 200..299) lost

        Assert.Equal(200UL, discipline.ContiguousEnd);
        Assert.Equal(300, discipline.WordsReceived);
        Assert.Equal(3, discipline.Batches);
        Assert.Equal(NominalPeriodPs, discipline.EstimatedPeriodPs, 1e-3);
        Assert.Equal(times[399] * 1e-12, discipline.LatestEmissionS, 15);
    }

    [Fact]
    public async Task A_batch_starting_inside_the_contiguous_range_extends_it()
    {
        var discipline = new ClockDiscipline();
        await PortHarness.Drive(discipline.OnMessageAsync, Message(new SyncWordBatch(0, [0, 10, 20])));
        await PortHarness.Drive(discipline.OnMessageAsync, Message(new SyncWordBatch(2, [20, 30, 40, 50])));

        Assert.Equal(6UL, discipline.ContiguousEnd);
    }

    [Fact]
    public async Task A_late_batch_that_fills_the_gap_joins_the_batches_after_it()
    {
        long[] times = [.. Enumerable.Range(0, 400).Select(k => (long)(k * NominalPeriodPs))];
        List<InboundMessage> batches = Batches(times, firstIndex: 0, wordsPerMessage: 100);
        var discipline = new ClockDiscipline();

        await PortHarness.Drive(discipline.OnMessageAsync, batches[0]);
        await PortHarness.Drive(discipline.OnMessageAsync, batches[1]);
        await PortHarness.Drive(discipline.OnMessageAsync, batches[3]);
        await PortHarness.Drive(discipline.OnMessageAsync, batches[2]); // retransmission arrives late

        Assert.Equal(400UL, discipline.ContiguousEnd);
    }

    [Fact]
    public async Task Rejects_a_wrong_message_type_and_a_malformed_body_without_counting_them()
    {
        var discipline = new ClockDiscipline();
        byte[] body = new SyncWordBatch(0, [0, 1]).Encode();

        await Assert.ThrowsAsync<MalformedMessageException>(() =>
            PortHarness.Drive(discipline.OnMessageAsync, new InboundMessage(Apids.TimeSync, 2, body, true)));
        await Assert.ThrowsAsync<MalformedMessageException>(() =>
            PortHarness.Drive(discipline.OnMessageAsync, new InboundMessage(Apids.TimeSync, SyncWordBatch.MessageType, body[..^1], true)));

        Assert.Equal(0, discipline.WordsReceived);
        Assert.Equal(0, discipline.Batches);
        Assert.Equal(0UL, discipline.ContiguousEnd);
    }

    private static InboundMessage Message(SyncWordBatch batch)
        => new OutboundMessage(Apids.TimeSync, SyncWordBatch.MessageType, batch.Encode(), Reliable: true).AsInbound();

    private static List<InboundMessage> Batches(long[] times, ulong firstIndex, int wordsPerMessage)
        => [.. times.Chunk(wordsPerMessage).Select((chunk, i) => Message(new SyncWordBatch(firstIndex + (ulong)(i * wordsPerMessage), chunk)))];
}
