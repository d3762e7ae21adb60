using System.Collections.Concurrent;
using JinanOnboard.Runtime.Ports;
using JinanOnboard.Primitives.Wire;
using JinanOnboard.Protocol.Delivery;

namespace JinanOnboard.Runtime.Link;

/// <summary>
/// The firmware's side of the link session. Input: <see cref="SendAsync"/> (messages from components).
/// Outputs: one port per APID for inbound messages. Reliable sends are started without waiting for
/// their acknowledgement, but at most <c>maxInFlight</c> at once, so a fast producer is slowed to
/// the link's pace instead of queueing without bound.
/// </summary>
public sealed class LinkComponent
{
    private readonly LinkSession _session;
    private long _flushMark;
    private readonly SemaphoreSlim _inFlight;
    private readonly ConcurrentDictionary<Task, byte> _pending = new();
    private readonly Dictionary<ushort, AsyncOutputPort<InboundMessage>> _routes = [];
    private long _unroutable;
    private long _malformed;
    private long _failedDeliveries;

    public LinkComponent(LinkSession session, int maxInFlight)
    {
        _session = session;
        _inFlight = new SemaphoreSlim(maxInFlight, maxInFlight);
    }

    /// <summary>Messages with no component listening on their APID.</summary>
    public long Unroutable => Interlocked.Read(ref _unroutable);

    /// <summary>Messages whose body a component rejected as malformed (the one counter of every APID: malformed_messages).</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>Why the last malformed message was refused (message, field and byte offset), for the log and the result.</summary>
    public string? LastMalformed { get; private set; }

    /// <summary>The output port for inbound messages of <paramref name="apid"/>.</summary>
    public AsyncOutputPort<InboundMessage> Inbound(ushort apid)
    {
        if (!_routes.TryGetValue(apid, out AsyncOutputPort<InboundMessage>? port))
        {
            port = new AsyncOutputPort<InboundMessage>($"link.inbound.0x{apid:X3}");
            _routes[apid] = port;
        }

        return port;
    }

    /// <summary>Input port: send one message (reliable ones are tracked until acknowledged).</summary>
    public async ValueTask SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        if (!message.Reliable)
        {
            await _session.SendAsync(message.Apid, message.Type, message.Body, cancellationToken);
            return;
        }

        await _inFlight.WaitAsync(cancellationToken);
        Task delivery = DeliverAsync(message);
        _pending.TryAdd(delivery, 0);
        _ = delivery.ContinueWith(t => _pending.TryRemove(t, out _), TaskScheduler.Default);
    }

    /// <summary>
    /// Input port, called after each tick of a fast-mode pass: waits until the messages handed over before the previous
    /// call have gone into frames (not for acknowledgements). Waiting for the previous tick, not this one, lets the
    /// writer frame tick k while the pass makes tick k+1, so frames fill up as in a real-time pass instead of one
    /// part-filled frame per tick; the pass still never runs more than one tick ahead of its link.
    /// </summary>
    public async ValueTask FlushAsync(TimeSpan passTime, CancellationToken cancellationToken)
    {
        long previous = _flushMark;
        _flushMark = _session.QueuedMark;
        await _session.WhenTakenAsync(previous, cancellationToken);
    }

    /// <summary>Waits until every reliable message handed over so far is acknowledged (or the link ends).</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (!_pending.IsEmpty)
        {
            await Task.WhenAll(_pending.Keys.ToArray()).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(cancellationToken);
        }

        if (Interlocked.Read(ref _failedDeliveries) > 0)
        {
            throw new LinkLostException($"{_failedDeliveries} reliable messages could not be delivered.");
        }
    }

    /// <summary>Routes inbound messages to their ports until the session's inbound channel completes.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RouteAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is LinkLostException or PlanMismatchException)
        {
            // The session ended the inbound stream with its reason; the session's own run reports it.
        }
    }

    private async Task RouteAsync(CancellationToken cancellationToken)
    {
        await foreach (InboundMessage message in _session.Inbound.ReadAllAsync(cancellationToken))
        {
            if (!_routes.TryGetValue(message.Apid, out AsyncOutputPort<InboundMessage>? port) || !port.IsConnected)
            {
                Interlocked.Increment(ref _unroutable);
                continue;
            }

            try
            {
                await port.InvokeAsync(message, cancellationToken);
            }
            catch (MalformedMessageException ex)
            {
                Interlocked.Increment(ref _malformed);
                LastMalformed = ex.Message;
            }
        }
    }

    private async Task DeliverAsync(OutboundMessage message)
    {
        try
        {
            await _session.SendReliableAsync(message.Apid, message.Type, message.Body);
        }
        catch (Exception ex) when (ex is LinkLostException or PlanMismatchException)
        {
            Interlocked.Increment(ref _failedDeliveries);
        }
        finally
        {
            _inFlight.Release();
        }
    }
}
