using System.Text.Json;
using JinanOnboard.Primitives.Wire;
using JinanOnboard.Runtime.Messages;
using JinanOnboard.Payload.Components.Session;
using JinanOnboard.Ground.Components.Session;
using JinanOnboard.Firmware.Tests.Harness;
using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Messages;

namespace JinanOnboard.Firmware.Tests.Session;

public sealed class SessionControllerTests
{
    [Fact]
    public async Task Ground_learns_the_pass_from_PassStart()
    {
        var ground = new GroundSessionController();
        Assert.Null(ground.Pass);

        await PortHarness.Drive(ground.OnMessageAsync, Message(SessionMessageTypes.PassStart, new PassStart(77, 300, 42).Encode()));

        Assert.Equal(new PassStart(77, 300, 42), ground.Pass);
    }

    [Fact]
    public async Task Ground_starts_the_pass_within_the_routing_call_of_the_first_announcement_only()
    {
        // The detection chain starts on this port: it must have run before the call returns, so it precedes the
        // pass-complete the link routes next (a continuation on the thread pool could run after it under load).
        var ground = new GroundSessionController();
        var started = new List<PassStart>();
        ground.PassStarted.ConnectTo((start, _) => { started.Add(start); return ValueTask.CompletedTask; });

        await PortHarness.Drive(ground.OnMessageAsync, Message(SessionMessageTypes.PassStart, new PassStart(3, 40, 7).Encode()));
        Assert.Equal([new PassStart(3, 40, 7)], started);

        await PortHarness.Drive(ground.OnMessageAsync, Message(SessionMessageTypes.PassStart, new PassStart(3, 40, 7).Encode()));
        Assert.Single(started);
    }

    [Fact]
    public async Task Ground_accepts_PassComplete()
    {
        var ground = new GroundSessionController();
        await PortHarness.Drive(ground.OnMessageAsync, Message(SessionMessageTypes.PassStart, new PassStart(1, 1, 1).Encode()));
        await PortHarness.Drive(ground.OnMessageAsync, Message(SessionMessageTypes.PassComplete, new PassComplete(9501, 1).Encode()));
        Assert.NotNull(ground.Pass);
    }

    [Theory]
    [InlineData(SessionMessageTypes.Summary)]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(255)]
    public async Task Ground_rejects_an_unexpected_type(byte type)
    {
        var ground = new GroundSessionController();
        await Assert.ThrowsAsync<MalformedMessageException>(() =>
            PortHarness.Drive(ground.OnMessageAsync, Message(type, SessionSummary.Encode(new Dictionary<string, object> { ["a"] = 1 }))));
        Assert.Null(ground.Pass);
    }

    [Fact]
    public async Task Ground_rejects_a_malformed_PassStart_and_still_accepts_a_good_one()
    {
        var ground = new GroundSessionController();
        await Assert.ThrowsAsync<MalformedMessageException>(() =>
            PortHarness.Drive(ground.OnMessageAsync, Message(SessionMessageTypes.PassStart, new PassStart(1, 0, 1).Encode())));
        Assert.Null(ground.Pass);

        await PortHarness.Drive(ground.OnMessageAsync, Message(SessionMessageTypes.PassStart, new PassStart(1, 5, 1).Encode()));
        Assert.Equal(5, ground.Pass!.DurationS);
    }

    [Fact]
    public async Task Ground_keeps_the_first_announcement()
    {
        var ground = new GroundSessionController();
        await PortHarness.Drive(ground.OnMessageAsync, Message(SessionMessageTypes.PassStart, new PassStart(1, 5, 1).Encode()));
        await PortHarness.Drive(ground.OnMessageAsync, Message(SessionMessageTypes.PassStart, new PassStart(2, 9, 2).Encode()));
        Assert.Equal(1UL, ground.Pass!.PassId);
    }

    [Fact]
    public async Task Payload_takes_the_ground_summary()
    {
        var payload = new PayloadSessionController(new PassStart(1, 1, 1), () => 0);
        Assert.Null(payload.GroundSummary);

        byte[] body = SessionSummary.Encode(new Dictionary<string, object> { ["secret_key_bits"] = 1234, ["role"] = "ground" });
        await PortHarness.Drive(payload.OnMessageAsync, Message(SessionMessageTypes.Summary, body));

        IReadOnlyDictionary<string, JsonElement> summary = Assert.IsAssignableFrom<IReadOnlyDictionary<string, JsonElement>>(payload.GroundSummary);
        Assert.Equal(1234, summary["secret_key_bits"].GetInt32());
        Assert.Equal("ground", summary["role"].GetString());
    }

    [Theory]
    [InlineData(SessionMessageTypes.PassStart)]
    [InlineData(SessionMessageTypes.PassComplete)]
    [InlineData(9)]
    public async Task Payload_rejects_an_unexpected_type(byte type)
    {
        var payload = new PayloadSessionController(new PassStart(1, 1, 1), () => 0);
        await Assert.ThrowsAsync<MalformedMessageException>(() =>
            PortHarness.Drive(payload.OnMessageAsync, Message(type, new PassStart(1, 1, 1).Encode())));
        Assert.Null(payload.GroundSummary);
    }

    [Fact]
    public async Task Payload_rejects_a_summary_that_is_not_a_json_object()
    {
        var payload = new PayloadSessionController(new PassStart(1, 1, 1), () => 0);
        await Assert.ThrowsAsync<MalformedMessageException>(() =>
            PortHarness.Drive(payload.OnMessageAsync, Message(SessionMessageTypes.Summary, "[1]"u8.ToArray())));
        Assert.Null(payload.GroundSummary);
    }

    private static InboundMessage Message(byte type, byte[] body) => new(Apids.SessionControl, type, body, Reliable: true);
}
