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
    public async Task Payload_takes_a_summary_of_just_the_required_counters()
    {
        var payload = new PayloadSessionController(new PassStart(1, 1, 1), () => 0);
        Assert.Null(payload.GroundSummary);

        await PortHarness.Drive(payload.OnMessageAsync, Message(SessionMessageTypes.Summary, MinimalSummary()));

        IReadOnlyDictionary<string, JsonElement> summary = Assert.IsAssignableFrom<IReadOnlyDictionary<string, JsonElement>>(payload.GroundSummary);
        Assert.Equal(7, summary.Count);
        Assert.Equal(1234, summary["sync_words_received"].GetInt32());
    }

    [Fact]
    public async Task Payload_ignores_unknown_members_nested_or_not()
    {
        // The ground sends its result details as they are: component statistics are nested objects.
        var payload = new PayloadSessionController(new PassStart(1, 1, 1), () => 0);
        string body = """
            {"sync_words_received":1234,"sync_batches_received":2,"sync_contiguous_end":18446744073709551615,
             "housekeeping_sent":3,"payload_housekeeping_received":4,"unroutable_messages":0,"malformed_messages":0,
             "indexer":{"tags":5,"deep":{"list":[1,2.5,"x",null,true]}},"pa_blocks":[{"bits":1}],"role":"ground","future":null}
            """;
        await PortHarness.Drive(payload.OnMessageAsync, Message(SessionMessageTypes.Summary, System.Text.Encoding.UTF8.GetBytes(body)));
        Assert.Equal(5, payload.GroundSummary!["indexer"].GetProperty("tags").GetInt32());
    }

    [Theory]
    [InlineData("""{"sync_words_received":1}""")]
    [InlineData("""{"sync_words_received":-1,"sync_batches_received":2,"sync_contiguous_end":3,"housekeeping_sent":3,"payload_housekeeping_received":4,"unroutable_messages":0,"malformed_messages":0}""")]
    [InlineData("""{"sync_words_received":1.5,"sync_batches_received":2,"sync_contiguous_end":3,"housekeeping_sent":3,"payload_housekeeping_received":4,"unroutable_messages":0,"malformed_messages":0}""")]
    [InlineData("""{"sync_words_received":"1","sync_batches_received":2,"sync_contiguous_end":3,"housekeeping_sent":3,"payload_housekeeping_received":4,"unroutable_messages":0,"malformed_messages":0}""")]
    [InlineData("""{"sync_words_received":1,"sync_words_received":1,"sync_batches_received":2,"sync_contiguous_end":3,"housekeeping_sent":3,"payload_housekeeping_received":4,"unroutable_messages":0,"malformed_messages":0}""")]
    public async Task Payload_rejects_a_summary_whose_required_counters_are_missing_repeated_or_not_unsigned_integers(string body)
    {
        var payload = new PayloadSessionController(new PassStart(1, 1, 1), () => 0);
        await Assert.ThrowsAsync<MalformedMessageException>(() =>
            PortHarness.Drive(payload.OnMessageAsync, Message(SessionMessageTypes.Summary, System.Text.Encoding.UTF8.GetBytes(body))));
        Assert.Null(payload.GroundSummary);
    }

    [Fact]
    public void The_grounds_own_details_make_a_summary_the_payload_accepts()
    {
        var details = new Dictionary<string, object>();
        foreach (string name in SessionSummary.RequiredCounters)
        {
            details[name] = 1L;
        }

        details["sync_contiguous_end"] = ulong.MaxValue;
        details["indexer"] = new { Tags = 5, Windows = new[] { 1.5, 2.5 } };
        Assert.Equal(ulong.MaxValue, SessionSummary.Decode(SessionSummary.Encode(details))["sync_contiguous_end"].GetUInt64());
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

    private static byte[] MinimalSummary() => """
        {"sync_words_received":1234,"sync_batches_received":2,"sync_contiguous_end":1234,"housekeeping_sent":3,
         "payload_housekeeping_received":4,"unroutable_messages":0,"malformed_messages":0}
        """u8.ToArray();

    private static InboundMessage Message(byte type, byte[] body) => new(Apids.SessionControl, type, body, Reliable: true);
}
