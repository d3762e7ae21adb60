using JinanOnboard.Distillation.Exchange;
using JinanOnboard.Firmware.Tests.Harness;
using JinanOnboard.Primitives.Wire;
using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Messages;
using JinanOnboard.Runtime.Distillation;
using JinanOnboard.Runtime.Link;

namespace JinanOnboard.Firmware.Tests.Session;

/// <summary>
/// One malformed-message counter: a distillation body that does not parse is counted by the link with every other
/// malformed message, and only a well-formed message the distiller's state refuses is counted by the adapter.
/// </summary>
public sealed class DistillationLinkAdapterTests
{
    [Fact]
    public async Task A_body_that_does_not_parse_is_malformed_and_a_message_the_state_refuses_is_refused()
    {
        await using var pair = new LinkPair();
        var adapter = new DistillationLinkAdapter(pair.GroundLink);
        int handled = 0;
        adapter.ConnectInbound((_, body, _) =>
        {
            // A one-field message on the real codec; rounds above 5 stand for a state that refuses it.
            var reader = new WireReader(body.Span, "test round");
            uint round = reader.U32("round_index");
            reader.End();
            if (round > 5)
            {
                throw new DistillationProtocolException($"round {round} is too far ahead");
            }

            Interlocked.Increment(ref handled);
            return ValueTask.CompletedTask;
        });
        await pair.StartAsync();

        await Send(pair, [0, 0, 0, 1]);
        await Send(pair, [0, 0, 1]);          // truncated
        await Send(pair, [0, 0, 0, 1, 0]);    // trailing byte
        await Send(pair, [0, 0, 0, 9]);       // parses, refused
        await Send(pair, [0, 0, 0, 2]);       // still handled afterwards
        await pair.PayloadLink.DrainAsync(CancellationToken.None).WaitAsync(PortHarness.Timeout);
        await LinkComponentTests.WaitUntil(() => Volatile.Read(ref handled) == 2 && pair.GroundLink.Malformed == 2 && adapter.Refused == 1);

        Assert.Contains("too far ahead", adapter.LastRefusal, StringComparison.Ordinal);
        // The link may reorder reliable messages, so either bad body may be the last one refused.
        string[] reasons = ["test round: end at byte 4: 1 unexpected trailing bytes", "test round: round_index at byte 0: truncated (needs 4 bytes, 3 left)"];
        Assert.Contains(pair.GroundLink.LastMalformed, reasons);
    }

    private static ValueTask Send(LinkPair pair, byte[] body)
        => pair.PayloadLink.SendAsync(new OutboundMessage(Apids.Distillation, 1, body, Reliable: true), CancellationToken.None);
}
