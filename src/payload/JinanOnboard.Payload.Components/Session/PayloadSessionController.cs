using JinanOnboard.Runtime.Ports;
using JinanOnboard.Primitives.Wire;
using JinanOnboard.Runtime.Link;
using JinanOnboard.Runtime.Messages;
using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Messages;

namespace JinanOnboard.Payload.Components.Session;

/// <summary>
/// Payload side of a pass: announce it, run the pass clock, say the pass is complete, wait until
/// every reliable message is acknowledged and the ground has sent its summary.
/// </summary>
public sealed class PayloadSessionController(PassStart passStart, Func<ulong> syncWordsSent)
{
    private readonly TaskCompletionSource<IReadOnlyDictionary<string, System.Text.Json.JsonElement>> _groundSummary = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Output: messages for the link.</summary>
    public AsyncOutputPort<OutboundMessage> Downlink { get; } = new("payload-session.out", PortMultiplicity.One);

    /// <summary>
    /// Output: called once the link is up, before PassStart (work that must precede the key pulses, such as the
    /// polarization compensator's calibration over the link).
    /// </summary>
    public AsyncOutputPort<PassStart> BeforePass { get; } = new("payload-session.before-pass");

    /// <summary>The ground's end-of-session summary, once received.</summary>
    public IReadOnlyDictionary<string, System.Text.Json.JsonElement>? GroundSummary =>
        _groundSummary.Task.IsCompletedSuccessfully ? _groundSummary.Task.Result : null;

    /// <summary>Input: session-control messages from the ground.</summary>
    public ValueTask OnMessageAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        if (message.Type != SessionMessageTypes.Summary)
        {
            throw new MalformedMessageException($"session control: unexpected type {message.Type} at the payload");
        }

        _groundSummary.TrySetResult(SessionSummary.Decode(message.Data));
        return ValueTask.CompletedTask;
    }

    public async Task<double> RunAsync(LinkSession session, LinkComponent link, PassDriver driver, CancellationToken cancellationToken)
    {
        await session.Connected.WaitAsync(cancellationToken);
        if (BeforePass.IsConnected)
        {
            await BeforePass.InvokeAsync(passStart, cancellationToken);
        }

        await Downlink.InvokeAsync(new OutboundMessage(Apids.SessionControl, SessionMessageTypes.PassStart, passStart.Encode(), Reliable: true), cancellationToken);
        await driver.RunAsync(cancellationToken);

        // Every sync word must be acknowledged before "pass complete", so the ground's summary counts them all.
        await link.DrainAsync(cancellationToken);
        var complete = new PassComplete(syncWordsSent(), driver.PassTime.TotalSeconds);
        await Downlink.InvokeAsync(new OutboundMessage(Apids.SessionControl, SessionMessageTypes.PassComplete, complete.Encode(), Reliable: true), cancellationToken);
        await link.DrainAsync(cancellationToken);
        await _groundSummary.Task.WaitAsync(cancellationToken);
        return driver.PassTime.TotalSeconds;
    }
}
