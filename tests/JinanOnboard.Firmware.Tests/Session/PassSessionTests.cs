using JinanOnboard.Runtime.Messages;
using JinanOnboard.Payload.Components.Session;
using JinanOnboard.Ground.Components.Session;
using JinanOnboard.Firmware.Tests.Harness;
using JinanOnboard.Payload.Components.TimeSync;
using JinanOnboard.Ground.Components.TimeSync;
using JinanOnboard.Protocol.Messages;

namespace JinanOnboard.Firmware.Tests.Session;

/// <summary>
/// The pass sequence of messages.md over a real link pair: PassStart, sync words, PassComplete,
/// the ground's Summary, CLOSE. Wired here by hand the way the topologies wire it.
/// </summary>
public sealed class PassSessionTests
{
    [Fact]
    public async Task Payload_and_ground_controllers_complete_a_one_second_pass()
    {
        await using var pair = new LinkPair();
        (long wordsAtSummary, long wordsAtEnd) = await RunPassAsync(pair);

        // Sync words are reliable and PassComplete is sent after them, so on a loss-free link the
        // ground's summary (taken when PassComplete arrives) already counts every word.
        Assert.Equal(9501, wordsAtSummary);
        Assert.Equal(9501, wordsAtEnd);
    }

    [Fact]
    public async Task With_downlink_losses_the_ground_summary_still_counts_every_sync_word()
    {
        // Lose a few CADUs late in the pass (the sync words of the last ticks): their retransmission
        // (after the 50 ms ack timeout) comes after the fast-mode PassComplete.
        await using var pair = new LinkPair(dropDownlinkCadu: index => index is >= 9 and < 12);
        (long wordsAtSummary, long wordsAtEnd) = await RunPassAsync(pair);

        Assert.True(pair.DroppedCadus > 0);
        Assert.Equal(9501, wordsAtEnd);
        Assert.Equal(9501, wordsAtSummary);
    }

    private static async Task<(long WordsAtSummary, long WordsAtEnd)> RunPassAsync(LinkPair pair)
    {
        var driver = new PassDriver(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(100), realtime: false, TimeProvider.System);
        var emitter = new SyncWordEmitter(1600, wordsPerMessage: 950);
        var payload = new PayloadSessionController(new PassStart(5, 1.0, 99), () => emitter.WordsSent);
        var ground = new GroundSessionController();
        var discipline = new ClockDiscipline();
        PassComplete? seenBeforeSummary = null;
        long wordsAtSummary = -1;

        driver.Tick.ConnectTo(emitter.OnTickAsync);
        emitter.Downlink.ConnectTo(pair.PayloadLink.SendAsync);
        payload.Downlink.ConnectTo(pair.PayloadLink.SendAsync);
        pair.PayloadLink.Inbound(Apids.SessionControl).ConnectTo(payload.OnMessageAsync);
        pair.GroundLink.Inbound(Apids.SessionControl).ConnectTo(ground.OnMessageAsync);
        pair.GroundLink.Inbound(Apids.TimeSync).ConnectTo(discipline.OnMessageAsync);
        ground.Uplink.ConnectTo(pair.GroundLink.SendAsync);
        ground.BeforeSummary.ConnectTo((complete, _) => { seenBeforeSummary = complete; return ValueTask.CompletedTask; });
        await pair.StartAsync();

        Task<double> groundRun = ground.RunAsync(pair.GroundSession, pair.GroundLink,
            () =>
            {
                wordsAtSummary = discipline.WordsReceived;
                // The required counters of messages.md §Summary; only the sync words matter here.
                var summary = SessionSummary.RequiredCounters.ToDictionary(name => name, object (_) => 0L);
                summary["sync_words_received"] = discipline.WordsReceived;
                return summary;
            },
            CancellationToken.None);
        double payloadSeconds = await payload.RunAsync(pair.PayloadSession, pair.PayloadLink, driver, CancellationToken.None).WaitAsync(PortHarness.Timeout);

        // The payload closes the session once it has the ground's summary (messages.md); the ground then ends.
        await pair.PayloadSession.CloseAsync(TimeSpan.FromSeconds(2)).WaitAsync(PortHarness.Timeout);
        double groundSeconds = await groundRun.WaitAsync(PortHarness.Timeout);

        Assert.Equal(1.0, payloadSeconds);
        Assert.Equal(1.0, groundSeconds);
        Assert.Equal(new PassStart(5, 1.0, 99), ground.Pass);
        Assert.Equal(new PassComplete(9501, 1.0), seenBeforeSummary);

        Assert.Equal(wordsAtSummary, payload.GroundSummary!["sync_words_received"].GetInt64());
        return (wordsAtSummary, discipline.WordsReceived);
    }
}
