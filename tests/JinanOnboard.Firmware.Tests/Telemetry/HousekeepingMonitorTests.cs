using JinanOnboard.Primitives.Wire;
using JinanOnboard.Runtime.Messages;
using JinanOnboard.Runtime.Telemetry;
using JinanOnboard.Firmware.Tests.Harness;
using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Messages;

namespace JinanOnboard.Firmware.Tests.Telemetry;

public sealed class HousekeepingMonitorTests
{
    [Fact]
    public async Task Keeps_the_report_with_the_latest_pass_time_even_when_reports_arrive_out_of_order()
    {
        var monitor = new HousekeepingMonitor();
        Assert.Null(monitor.Latest);

        await PortHarness.Drive(monitor.OnMessageAsync, Report(1_000_000, 1));
        await PortHarness.Drive(monitor.OnMessageAsync, Report(3_000_000, 3));
        await PortHarness.Drive(monitor.OnMessageAsync, Report(2_000_000, 2)); // late, unacknowledged datagram

        Assert.Equal(3, monitor.Received);
        Assert.NotNull(monitor.Latest);
        Assert.Equal(3_000_000, monitor.Latest.PassTimeUs);
        Assert.Equal(3.0, Assert.Single(monitor.Latest.Values).Value);
    }

    [Fact]
    public async Task Works_end_to_end_from_a_reporter()
    {
        var reporter = new HousekeepingReporter(HousekeepingRole.Ground, TimeSpan.FromSeconds(1));
        var monitor = new HousekeepingMonitor();
        reporter.AddProvider(() => [new("temperature_c", 20.5)]);
        reporter.Downlink.ConnectTo((m, ct) => monitor.OnMessageAsync(m.AsInbound(), ct));

        for (int i = 1; i <= 30; i++)
        {
            await PortHarness.Drive(reporter.OnTickAsync, TimeSpan.FromMilliseconds(100 * i));
        }

        Assert.Equal(4, monitor.Received);
        Assert.Equal(3_000_000, monitor.Latest!.PassTimeUs);
        Assert.Equal(1, monitor.Latest.Role);
    }

    [Fact]
    public async Task Rejects_a_wrong_type_and_a_malformed_body_without_counting_or_replacing()
    {
        var monitor = new HousekeepingMonitor();
        await PortHarness.Drive(monitor.OnMessageAsync, Report(5, 1));
        InboundMessage good = Report(10, 2);

        await Assert.ThrowsAsync<MalformedMessageException>(() =>
            PortHarness.Drive(monitor.OnMessageAsync, good with { Type = 2 }));
        await Assert.ThrowsAsync<MalformedMessageException>(() =>
            PortHarness.Drive(monitor.OnMessageAsync, good with { Data = good.Data[..^1] }));

        Assert.Equal(1, monitor.Received);
        Assert.Equal(5, monitor.Latest!.PassTimeUs);
    }

    private static InboundMessage Report(long passTimeUs, double value)
        => new(Apids.Telemetry, Housekeeping.MessageType, new Housekeeping(0, passTimeUs, [new("v", value)]).Encode(), Reliable: false);
}
