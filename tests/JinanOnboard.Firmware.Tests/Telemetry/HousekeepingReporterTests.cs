using JinanOnboard.Runtime.Link;
using JinanOnboard.Runtime.Messages;
using JinanOnboard.Runtime.Telemetry;
using JinanOnboard.Firmware.Tests.Harness;
using JinanOnboard.Protocol.Messages;

namespace JinanOnboard.Firmware.Tests.Telemetry;

public sealed class HousekeepingReporterTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task Sends_one_report_per_period_of_pass_time_unacknowledged()
    {
        var reporter = new HousekeepingReporter(HousekeepingRole.Payload, TimeSpan.FromSeconds(1));
        List<OutboundMessage> sent = reporter.Downlink.Record();

        for (int i = 1; i <= 100; i++)
        {
            await PortHarness.Drive(reporter.OnTickAsync, Tick * i);
        }

        Assert.Equal(11, sent.Count);
        Assert.Equal(11, reporter.Sent);
        Assert.All(sent, m =>
        {
            Assert.Equal(Apids.Telemetry, m.Apid);
            Assert.Equal(Housekeeping.MessageType, m.Type);
            Assert.False(m.Reliable);
        });

        // The first tick reports, then one on each whole second of pass time: 0.1 s, 1.0 s, 2.0 s, ..., 10.0 s.
        long[] passTimesUs = [.. sent.Select(m => Housekeeping.Decode(m.Body).PassTimeUs)];
        Assert.Equal(new[] { 100_000L }.Concat(Enumerable.Range(1, 10).Select(k => k * 1_000_000L)), passTimesUs);
    }

    [Fact]
    public async Task Values_come_from_every_provider_in_registration_order_at_send_time()
    {
        var reporter = new HousekeepingReporter(HousekeepingRole.Ground, TimeSpan.FromMilliseconds(500));
        List<OutboundMessage> sent = reporter.Downlink.Record();
        int calls = 0;
        reporter.AddProvider(() => [new("calls", ++calls), new("constant", 2.5)]);
        reporter.AddProvider(() => [new("other", -1)]);

        await PortHarness.Drive(reporter.OnTickAsync, TimeSpan.FromMilliseconds(100));
        await PortHarness.Drive(reporter.OnTickAsync, TimeSpan.FromMilliseconds(300)); // within the period: no report, no provider call
        await PortHarness.Drive(reporter.OnTickAsync, TimeSpan.FromMilliseconds(600));

        Assert.Equal(2, sent.Count);
        Assert.Equal(2, calls);
        Housekeeping second = Housekeeping.Decode(sent[1].Body);
        Assert.Equal(1, second.Role);
        Assert.Equal(600_000, second.PassTimeUs);
        Assert.Equal(["calls", "constant", "other"], second.Values.Select(v => v.Key));
        Assert.Equal([2.0, 2.5, -1.0], second.Values.Select(v => v.Value));
    }

    [Fact]
    public async Task Without_providers_it_sends_empty_reports()
    {
        var reporter = new HousekeepingReporter(HousekeepingRole.Payload, TimeSpan.FromSeconds(1));
        List<OutboundMessage> sent = reporter.Downlink.Record();

        await PortHarness.Drive(reporter.OnTickAsync, Tick);

        Assert.Empty(Housekeeping.Decode(Assert.Single(sent).Body).Values);
    }
}
