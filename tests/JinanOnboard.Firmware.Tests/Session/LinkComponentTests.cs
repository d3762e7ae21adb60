using System.Runtime.CompilerServices;
using JinanOnboard.Runtime.Link;
using JinanOnboard.Runtime.Messages;
using JinanOnboard.Runtime.Telemetry;
using JinanOnboard.Firmware.Tests.Harness;
using JinanOnboard.Payload.Components.TimeSync;
using JinanOnboard.Ground.Components.TimeSync;
using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Messages;

namespace JinanOnboard.Firmware.Tests.Session;

/// <summary>LinkComponent over a real in-memory LinkSession pair: routing by APID, counters, drain.</summary>
public sealed class LinkComponentTests
{
    [Fact]
    public async Task Routes_each_apid_to_its_port_and_drains_reliable_sends()
    {
        await using var pair = new LinkPair();
        var discipline = new ClockDiscipline();
        var monitor = new HousekeepingMonitor();
        pair.GroundLink.Inbound(Apids.TimeSync).ConnectTo(discipline.OnMessageAsync);
        pair.GroundLink.Inbound(Apids.Telemetry).ConnectTo(monitor.OnMessageAsync);
        await pair.StartAsync();

        var emitter = new SyncWordEmitter(1600, wordsPerMessage: 95);
        emitter.Downlink.ConnectTo(pair.PayloadLink.SendAsync);
        for (int i = 1; i <= 3; i++)
        {
            await PortHarness.Drive(emitter.OnTickAsync, TimeSpan.FromMilliseconds(100 * i));
        }

        await pair.PayloadLink.DrainAsync(CancellationToken.None).WaitAsync(PortHarness.Timeout);
        await pair.PayloadLink.SendAsync(new OutboundMessage(Apids.Telemetry, Housekeeping.MessageType, new Housekeeping(0, 300_000, [new("x", 1)]).Encode(), Reliable: false), CancellationToken.None);
        await WaitUntil(() => discipline.WordsReceived == 2851 && monitor.Received == 1);

        Assert.Equal(2851UL, discipline.ContiguousEnd);
        Assert.Equal(105_262_400.0, discipline.EstimatedPeriodPs, 1e-3);
        Assert.Equal(300_000, monitor.Latest!.PassTimeUs);
        Assert.Equal(0, pair.GroundLink.Unroutable);
        Assert.Equal(0, pair.GroundLink.Malformed);
    }

    [Fact]
    public async Task Counts_messages_with_no_listener_and_bodies_a_component_rejects_and_keeps_routing()
    {
        await using var pair = new LinkPair();
        var monitor = new HousekeepingMonitor();
        pair.GroundLink.Inbound(Apids.Telemetry).ConnectTo(monitor.OnMessageAsync);
        _ = pair.GroundLink.Inbound(Apids.SessionControl); // a port that exists but is not connected
        await pair.StartAsync();

        byte[] good = new Housekeeping(0, 1, [new("x", 1)]).Encode();
        await Send(pair, Apids.TimeSync, 1, new SyncWordBatch(0, [0]).Encode());   // nobody listens
        await Send(pair, Apids.SessionControl, 1, new PassStart(1, 1, 1).Encode()); // port not connected
        await Send(pair, Apids.Telemetry, Housekeeping.MessageType, good[..^1]);    // truncated body
        await Send(pair, Apids.Telemetry, 9, good);                                 // unknown type
        await Send(pair, Apids.Telemetry, Housekeeping.MessageType, good);          // still routed afterwards
        await pair.PayloadLink.DrainAsync(CancellationToken.None).WaitAsync(PortHarness.Timeout);
        await WaitUntil(() => monitor.Received == 1);

        Assert.Equal(2, pair.GroundLink.Unroutable);
        Assert.Equal(2, pair.GroundLink.Malformed);
        Assert.False(pair.GroundLink.Inbound(Apids.SessionControl).IsConnected);
    }

    [Fact]
    public async Task Reliable_sends_beyond_max_in_flight_wait_for_acknowledgements()
    {
        var losing = new StrongBox<bool>(false);
        await using var pair = new LinkPair(maxInFlight: 2, dropDownlinkCadu: _ => Volatile.Read(ref losing.Value));
        var monitor = new HousekeepingMonitor();
        pair.GroundLink.Inbound(Apids.Telemetry).ConnectTo(monitor.OnMessageAsync);
        await pair.StartAsync();

        // The downlink goes dark: nothing reaches the ground, so nothing is acknowledged.
        Volatile.Write(ref losing.Value, true);
        await Send(pair, Apids.Telemetry, Housekeeping.MessageType, new Housekeeping(0, 1, []).Encode());
        await Send(pair, Apids.Telemetry, Housekeeping.MessageType, new Housekeeping(0, 2, []).Encode());
        Task third = Send(pair, Apids.Telemetry, Housekeeping.MessageType, new Housekeeping(0, 3, []).Encode()).AsTask();

        // Wait until the dark link has really swallowed frames (the relay runs on its own schedule).
        await WaitUntil(() => pair.DroppedCadus > 0);
        await Task.Delay(150);
        Assert.False(third.IsCompleted, "a third reliable send must wait while two are unacknowledged");

        // Light returns: retransmissions get through, acknowledgements free the window.
        Volatile.Write(ref losing.Value, false);
        await third.WaitAsync(PortHarness.Timeout);
        await pair.PayloadLink.DrainAsync(CancellationToken.None).WaitAsync(PortHarness.Timeout);
        await WaitUntil(() => monitor.Received == 3);

        Assert.True(pair.DroppedCadus > 0);
        Assert.Equal(3, monitor.Latest!.PassTimeUs);
    }

    [Fact]
    public async Task Inbound_returns_one_port_per_apid()
    {
        await using var pair = new LinkPair();

        Assert.Same(pair.GroundLink.Inbound(Apids.Telemetry), pair.GroundLink.Inbound(Apids.Telemetry));
        Assert.NotSame(pair.GroundLink.Inbound(Apids.Telemetry), pair.GroundLink.Inbound(Apids.TimeSync));
        Assert.Equal("link.inbound.0x020", pair.GroundLink.Inbound(Apids.Telemetry).Name);
    }

    private static ValueTask Send(LinkPair pair, ushort apid, byte type, byte[] body)
        => pair.PayloadLink.SendAsync(new OutboundMessage(apid, type, body, Reliable: true), CancellationToken.None);

    internal static async Task WaitUntil(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(PortHarness.Timeout);
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }
}
