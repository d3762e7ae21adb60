using System.IO.Pipelines;
using System.Threading.Channels;
using JinanOnboard.Primitives.Recording;
using JinanOnboard.Protocol.Framing;
using JinanOnboard.Protocol.Messages;
using JinanOnboard.Protocol.Signing;
using NSec.Cryptography;

namespace JinanOnboard.Protocol.Delivery;

/// <summary>
/// One end of the signed, acknowledged link over any byte pipe. Every frame is signed; frames
/// from another session or replayed frames are dropped and counted. Reliable messages are
/// repeated until acknowledged (selective acknowledgement) or superseded by the caller, with a
/// window sized to the bandwidth-delay product. The handshake includes the plan agreement
/// (<see cref="LinkSessionOptions.Agreement"/>): no application message goes out or is delivered
/// before the peer's list has matched ours. protocol-spec/delivery.md is normative.
/// </summary>
/// <remarks>
/// The session only wires and runs its parts: <see cref="Handshake"/> (session ids, plan agreement),
/// <see cref="ReliableSender"/> (numbering, window, retransmission), <see cref="Acknowledger"/>
/// (received ids, when an ACK is owed), <see cref="Reassembler"/>, and the two loops,
/// <see cref="FrameReader"/> with <see cref="FrameReceiver"/> and <see cref="FrameWriter"/> with
/// <see cref="FrameComposer"/>.
/// <para>
/// Concurrency model. Two tasks run the link: the reader loop alone touches what only receiving
/// needs (replay window, reassembler, deframer) and the writer loop alone what only sending needs
/// (frame and packet counters). Application threads submit messages; timers and retransmissions run
/// on the thread pool. What they share lives in three parts, Handshake, ReliableSender and
/// Acknowledger, each guarding its fields with one private lock that is never held while calling
/// another part or awaiting, so locks never nest and no lock order exists to get wrong. The rest
/// is thread-safe by construction: channels (outbox, inbound, doorbell), volatile fields
/// (liveness, the terminal error) and interlocked counters (statistics). Anything that makes a
/// frame due rings the doorbell; the writer re-checks all work after every wake-up, so a ring
/// cannot be lost.
/// </para>
/// </remarks>
public sealed class LinkSession : IAsyncDisposable
{
    private readonly IDuplexPipe _pipe;
    private readonly LinkSessionOptions _options;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Liveness _liveness;
    private readonly Outbox _outbox;
    private readonly Handshake _handshake;
    private readonly ReliableSender _sender;
    private readonly Acknowledger _acknowledger;
    private readonly FrameReceiver _receiver;
    private readonly FrameReader _reader;
    private readonly FrameWriter _writer;
    private readonly Channel<InboundMessage> _inbound = Channel.CreateBounded<InboundMessage>(new BoundedChannelOptions(4096) { SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
    private volatile Exception? _terminal;

    public LinkSession(
        IDuplexPipe pipe,
        LinkSessionOptions options,
        Identity identity,
        PublicKey peerKey,
        TimeProvider? timeProvider = null,
        ITap? tap = null,
        Func<TimeSpan>? passClock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _pipe = pipe ?? throw new ArgumentNullException(nameof(pipe));
        _options = options;
        TimeProvider time = _time = timeProvider ?? TimeProvider.System;
        tap ??= NullTap.Instance;
        passClock ??= () => TimeSpan.Zero;
        var doorbell = new Doorbell(time);
        _liveness = new Liveness(time, options, Statistics, passClock);
        _outbox = new Outbox(options.WindowPackets, doorbell);
        _handshake = new Handshake(options.SessionId, options.IsPayload, options.Agreement);
        _handshake.Connected.ContinueWith(t => _liveness.Confirmed(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        _sender = new ReliableSender(options, time, _outbox, doorbell, Statistics, _liveness.Progressed, _stop.Token);
        _acknowledger = new Acknowledger(options.AckDelay, time, doorbell);
        _receiver = new FrameReceiver(options, new FrameVerifier(peerKey), _handshake, _acknowledger, _sender, _liveness, doorbell, Statistics);
        var composer = new FrameComposer(options, new FrameSigner(identity), _handshake, _acknowledger, _sender, _outbox, Statistics);
        _reader = new FrameReader(pipe.Input, options.FrameCoding, _receiver, _inbound.Writer, Statistics, tap, passClock);
        _writer = new FrameWriter(pipe.Output, composer, options.FrameCoding, doorbell, _liveness, () => _sender.HasUnsettled, Statistics, time, tap, passClock);
    }

    /// <summary>Counters for this end.</summary>
    public LinkStatistics Statistics { get; } = new();

    /// <summary>
    /// Completes when both ends know each other's session and the peer's plan agreement equals
    /// ours (application traffic may flow). Fails with <see cref="PlanMismatchException"/> when the
    /// plans differ, or <see cref="LinkLostException"/> when the link ends first.
    /// </summary>
    public Task Connected => _handshake.Connected;

    /// <summary>Every time the link went down or came up again (delivery.md "Liveness"), in order.</summary>
    public IReadOnlyList<LinkStateChange> LinkStateChanges => _liveness.Changes;

    /// <summary>Raised when the link goes down or comes up, on a link loop's thread: keep handlers short.</summary>
    public event Action<LinkStateChange>? LinkStateChanged
    {
        add => _liveness.Changed += value;
        remove => _liveness.Changed -= value;
    }

    /// <summary>True while no valid frame has arrived for the loss-of-link time (after the handshake).</summary>
    public bool IsLinkDown => _liveness.IsDown;

    /// <summary>Share of the peer's frames that did not arrive intact so far (see <see cref="LinkDegradedException"/>).</summary>
    public double FrameErrorRate => _liveness.FrameErrorRate();

    /// <summary>Completes when the peer has said goodbye (a CLOSE message).</summary>
    public Task PeerClosed => _receiver.PeerClosed;

    /// <summary>Application messages from the peer, in arrival order.</summary>
    public ChannelReader<InboundMessage> Inbound => _inbound.Reader;

    /// <summary>Largest body <see cref="SendAsync"/> accepts; larger reliable bodies are segmented.</summary>
    public int MaxUnsegmentedBytes => _options.MaxSegmentData;

    /// <summary>
    /// Runs the link until it is stopped (returns), or lost (throws <see cref="LinkLostException"/>),
    /// or the peer's run plan differs (throws <see cref="PlanMismatchException"/>, which wins over
    /// any later end of the link).
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        _liveness.Heard();
        Task agreementAcknowledged = DeliverAgreementAsync();
        Task<bool> reader = Task.Run(() => _reader.RunAsync(linked.Token), CancellationToken.None);
        Task writer = Task.Run(() => _writer.RunAsync(linked.Token), CancellationToken.None);
        Task refusal = RefusalSettledAsync(agreementAcknowledged, linked.Token);
        Task first = await Task.WhenAny(reader, writer, refusal);
        if (first.IsFaulted)
        {
            _terminal ??= first.Exception!.InnerException;
        }
        else if (first == reader && reader.Result)
        {
            await EndOfPeerStreamAsync();
        }

        await linked.CancelAsync();
        await Task.WhenAll(Settled(reader), Settled(writer), Settled(refusal));
        _terminal ??= reader.Exception?.InnerException ?? writer.Exception?.InnerException;
        Exception? failure = _handshake.Refusal ?? (_liveness.IsClosing || cancellationToken.IsCancellationRequested ? null : _terminal);
        _inbound.Writer.TryComplete(failure);
        _handshake.Abandon(failure ?? new LinkLostException("The link stopped before the peer answered."));
        await _pipe.Output.CompleteAsync();
        if (failure is PlanMismatchException mismatch)
        {
            throw mismatch;
        }

        if (failure is not null)
        {
            throw failure as LinkLostException ?? new LinkLostException(failure.Message, failure);
        }
    }

    /// <summary>
    /// Sends a message that must arrive: repeated until the peer acknowledges every segment
    /// (true) or <paramref name="supersede"/> fires first (false). Waits for the plan agreement,
    /// then for window space; throws the reason (<see cref="PlanMismatchException"/>,
    /// <see cref="LinkLostException"/>) when the session ends first.
    /// </summary>
    public async Task<bool> SendReliableAsync(ushort apid, byte type, ReadOnlyMemory<byte> data, CancellationToken supersede = default)
    {
        if (data.Length > _options.MaxMessageBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(data), $"Message of {data.Length} bytes exceeds {_options.MaxMessageBytes}.");
        }

        try
        {
            await AgreementAsync(supersede);
        }
        catch (OperationCanceledException) when (supersede.IsCancellationRequested)
        {
            return false;
        }

        Task<bool> delivery = _sender.DeliverMessageAsync(apid, type, data, supersede);
        Interlocked.Increment(ref Statistics.MessagesSent);
        try
        {
            return await delivery;
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested && !supersede.IsCancellationRequested)
        {
            throw Stopped("The link stopped before the message was acknowledged.");
        }
    }

    /// <summary>
    /// Sends a message once, without acknowledgement (telemetry, time codes). It must fit one packet.
    /// Waits for the plan agreement and for room in the queue.
    /// </summary>
    public async ValueTask SendAsync(ushort apid, byte type, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        if (data.Length > _options.MaxSegmentData)
        {
            throw new ArgumentOutOfRangeException(nameof(data), $"Unacknowledged message of {data.Length} bytes exceeds one packet ({_options.MaxSegmentData}).");
        }

        await AgreementAsync(cancellationToken);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        await _outbox.EnqueueUnreliableAsync(new OutboundPacket(apid, type, SequenceFlags.Unsegmented, 0, data), linked.Token);
        Interlocked.Increment(ref Statistics.MessagesSent);
    }

    /// <summary>A mark of everything handed to the session so far, for <see cref="WhenTakenAsync"/>.</summary>
    public long QueuedMark => _outbox.Enqueued;

    /// <summary>
    /// Completes once the packets queued before <paramref name="mark"/> (a <see cref="QueuedMark"/>) have been taken into
    /// frames (or the session has stopped). It does not wait for what was queued after the mark, so a producer that waits
    /// for its previous tick's mark keeps the writer busy while it makes the next tick, and frames fill up (transports.md
    /// §4: a fast-mode pass runs at most one tick ahead of its link).
    /// </summary>
    public async Task WhenTakenAsync(long mark, CancellationToken cancellationToken)
    {
        while (!_stop.IsCancellationRequested)
        {
            // Take the next-write signal before reading the count, so a frame written in between is not missed.
            Task written = _writer.NextFrameWritten;
            if (_outbox.Taken >= mark)
            {
                return;
            }

            await written.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Says goodbye reliably (bounded by <paramref name="timeout"/>), then stops the session.</summary>
    public async Task CloseAsync(TimeSpan timeout)
    {
        if (!_stop.IsCancellationRequested && Connected.IsCompletedSuccessfully)
        {
            using var expiry = new CancellationTokenSource(timeout, _time);
            try
            {
                await SendReliableAsync(Apids.LinkControl, LinkControlTypes.Close, ReadOnlyMemory<byte>.Empty, expiry.Token);
            }
            catch (LinkLostException)
            {
                // The peer may already have gone after its own goodbye; closing is still orderly.
            }
        }

        _liveness.BeginClosing();
        await _stop.CancelAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _liveness.BeginClosing();
        await _stop.CancelAsync();
        await _acknowledger.DisposeAsync();
        _stop.Dispose();
        _sender.Dispose();
    }

    private static Task Settled(Task task) => task.ContinueWith(_ => { }, TaskScheduler.Default);

    /// <summary>Sends this end's agreement list, the session's first reliable message; completes when the peer has acknowledged all of it.</summary>
    private Task DeliverAgreementAsync()
        => _sender.DeliverMessageAsync(Apids.LinkControl, LinkControlTypes.Agreement, _handshake.AgreementBody, CancellationToken.None);

    /// <summary>
    /// Completes once the plans are known to differ and the peer has acknowledged our list too, so
    /// that it finds the mismatch itself rather than seeing this end vanish; bounded by the
    /// loss-of-link time in case that acknowledgement never comes.
    /// </summary>
    private async Task RefusalSettledAsync(Task agreementAcknowledged, CancellationToken cancellationToken)
    {
        await _handshake.Refused.WaitAsync(cancellationToken);
        try
        {
            await Settled(agreementAcknowledged).WaitAsync(_options.LossOfLinkTimeout, _time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The peer never confirmed it has our list; end anyway.
        }
    }

    /// <summary>Application messages wait until the plans agree (delivery.md "Plan agreement").</summary>
    private async ValueTask AgreementAsync(CancellationToken cancellationToken)
    {
        if (Connected.IsCompletedSuccessfully)
        {
            return;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        try
        {
            await Connected.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Stopped("The link stopped before the plans were agreed.");
        }
    }

    /// <summary>The error for an operation the end of the session cut short.</summary>
    private Exception Stopped(string what)
    {
        Exception? reason = _handshake.Refusal ?? _terminal;
        return reason is PlanMismatchException or LinkLostException ? reason : new LinkLostException(what, reason);
    }

    /// <summary>
    /// The peer's stream ended. After a goodbye either way that is the orderly end of the
    /// session; otherwise the peer vanished mid-session.
    /// </summary>
    private async Task EndOfPeerStreamAsync()
    {
        if (_liveness.IsClosing || PeerClosed.IsCompleted)
        {
            _liveness.BeginClosing();
            await _stop.CancelAsync();
            return;
        }

        _terminal ??= new LinkLostException("Loss of link: the peer closed the connection without ending the session.");
    }
}
