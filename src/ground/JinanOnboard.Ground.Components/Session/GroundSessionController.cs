using JinanOnboard.Runtime.Ports;
using JinanOnboard.Primitives.Wire;
using JinanOnboard.Runtime.Link;
using JinanOnboard.Runtime.Messages;
using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Messages;

namespace JinanOnboard.Ground.Components.Session;

/// <summary>
/// Ground side of a pass: learns the pass from the payload's announcement, waits for the payload's
/// "pass complete", lets the ground's work finish (<see cref="BeforeSummary"/>), sends its summary
/// and ends when the payload has it (acknowledged, or the payload's CLOSE arrived).
/// </summary>
public sealed class GroundSessionController
{
    private readonly TaskCompletionSource<PassStart> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<PassComplete> _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Output: messages for the link.</summary>
    public AsyncOutputPort<OutboundMessage> Uplink { get; } = new("ground-session.out", PortMultiplicity.One);

    /// <summary>
    /// Output: called once, with the payload's announcement, on the link's routing loop. Messages are routed in order
    /// and each handler is awaited, so whatever starts here (the detection chain) has started before the pass-complete
    /// that follows is handled, however late the thread pool runs other continuations.
    /// </summary>
    public AsyncOutputPort<PassStart> PassStarted { get; } = new("ground-session.pass-started", PortMultiplicity.One);

    /// <summary>Output: called after the payload's pass-complete, before the summary (flush the ground's pipelines).</summary>
    public AsyncOutputPort<PassComplete> BeforeSummary { get; } = new("ground-session.before-summary", PortMultiplicity.One);

    /// <summary>Completes with the payload's announcement.</summary>
    public Task<PassStart> Started => _started.Task;

    /// <summary>The payload's announcement, once received.</summary>
    public PassStart? Pass => _started.Task.IsCompletedSuccessfully ? _started.Task.Result : null;

    /// <summary>Input: session-control messages from the payload.</summary>
    public ValueTask OnMessageAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        switch (message.Type)
        {
            case SessionMessageTypes.PassStart:
                // The seed and everything else the sides must share were compared in the link handshake (plan agreement).
                PassStart start = PassStart.Decode(message.Data);
                return _started.TrySetResult(start) ? PassStarted.InvokeAsync(start, cancellationToken) : ValueTask.CompletedTask;
            case SessionMessageTypes.PassComplete:
                _completed.TrySetResult(PassComplete.Decode(message.Data));
                break;
            default:
                throw new MalformedMessageException($"session control: unexpected type {message.Type} at the ground");
        }

        return ValueTask.CompletedTask;
    }

    public async Task<double> RunAsync(LinkSession session, LinkComponent link, Func<IReadOnlyDictionary<string, object>> summary, CancellationToken cancellationToken)
    {
        await _started.Task.WaitAsync(cancellationToken);
        PassComplete complete = await _completed.Task.WaitAsync(cancellationToken);
        await BeforeSummary.InvokeAsync(complete, cancellationToken);
        await Uplink.InvokeAsync(new OutboundMessage(Apids.SessionControl, SessionMessageTypes.Summary, SessionSummary.Encode(summary()), Reliable: true), cancellationToken);

        // The session is complete once the payload has the summary: its acknowledgement says so, and so does the
        // payload's CLOSE (sent only after the summary arrived), whichever comes first — the acknowledgement may be
        // the frame the payload's hang-up cuts off.
        Task drained = link.DrainAsync(cancellationToken);
        await Task.WhenAny(drained, session.PeerClosed);
        if (!session.PeerClosed.IsCompleted)
        {
            await drained;
        }

        return complete.PassTimeS;
    }
}
