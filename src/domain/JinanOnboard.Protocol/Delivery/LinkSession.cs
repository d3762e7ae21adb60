using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Threading.Channels;
using JinanOnboard.Primitives.Recording;
using JinanOnboard.Protocol.Framing;
using JinanOnboard.Protocol.Messages;
using JinanOnboard.Protocol.Signing;
using NSec.Cryptography;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace JinanOnboard.Protocol.Delivery;

/// <summary>
/// One end of the signed, acknowledged link over any byte pipe. Every frame is signed; frames
/// from another session or replayed frames are dropped and counted. Reliable messages are
/// repeated until acknowledged (selective acknowledgement) or superseded by the caller, with a
/// window sized to the bandwidth-delay product. protocol-spec/delivery.md is normative.
/// </summary>
public sealed class LinkSession : IAsyncDisposable
{
    private const byte ProtocolVersion = 1;
    private const int HelloLength = 10;

    private readonly IDuplexPipe _pipe;
    private readonly LinkSessionOptions _options;
    private readonly FrameSigner _signer;
    private readonly FrameVerifier _verifier;
    private readonly TimeProvider _time;
    private readonly ITap _tap;
    private readonly Func<TimeSpan> _passClock;
    private readonly ResiliencePipeline _retransmission;
    private readonly SemaphoreSlim _window;
    private readonly Channel<OutboundPacket> _reliableQueue = Channel.CreateUnbounded<OutboundPacket>(); // multi-reader form: it supports Count
    private readonly Channel<OutboundPacket> _unreliableQueue;
    private readonly Channel<byte> _doorbell = Channel.CreateBounded<byte>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Channel<InboundMessage> _inbound = Channel.CreateBounded<InboundMessage>(new BoundedChannelOptions(4096) { SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly ConcurrentDictionary<uint, OutboundPacket> _outstanding = new();
    private readonly Dictionary<ushort, ushort> _sequenceCounts = [];
    private readonly object _sendLock = new();
    private readonly object _receiveLock = new();
    private readonly ReceivedSet _received = new();
    private readonly ReplayWindow _replay = new();
    private readonly Reassembler _reassembler = new(maxSegments: 65536);
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _peerClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly ITimer _ackTimer;

    private uint _nextMessageId = 1;
    private ulong _frameSequence;
    private uint _virtualChannelFrameCount;
    private ulong _peerSession;
    private volatile bool _confirmed;
    private bool _ackPending;
    private bool _ackDue;
    private long _lastValidFrameTimestamp;
    private long _lastSentTimestamp;
    private volatile bool _closing;
    private Exception? _terminal;

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
        _signer = new FrameSigner(identity);
        _verifier = new FrameVerifier(peerKey);
        _time = timeProvider ?? TimeProvider.System;
        _tap = tap ?? NullTap.Instance;
        _passClock = passClock ?? (() => TimeSpan.Zero);
        _window = new SemaphoreSlim(options.WindowPackets, options.WindowPackets);
        _unreliableQueue = Channel.CreateBounded<OutboundPacket>(new BoundedChannelOptions(options.WindowPackets) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _ackTimer = _time.CreateTimer(_ => { Volatile.Write(ref _ackDue, true); Ring(); }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        // Each reliable packet is one Polly execution: send, wait for the ack up to AckTimeout,
        // back off exponentially, send again, until acknowledged, superseded or the link ends.
        _retransmission = new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = options.RetransmitBackoff,
                MaxDelay = options.MaxRetransmitBackoff,
                UseJitter = false,
            })
            .AddTimeout(options.AckTimeout)
            .Build();
    }

    /// <summary>Counters for this end.</summary>
    public LinkStatistics Statistics { get; } = new();

    /// <summary>Completes when both ends know each other's session (application traffic may flow).</summary>
    public Task Connected => _connected.Task;

    /// <summary>Completes when the peer has said goodbye (a CLOSE message).</summary>
    public Task PeerClosed => _peerClosed.Task;

    /// <summary>Application messages from the peer, in arrival order.</summary>
    public ChannelReader<InboundMessage> Inbound => _inbound.Reader;

    /// <summary>Largest body <see cref="SendAsync"/> accepts; larger reliable bodies are segmented.</summary>
    public int MaxUnsegmentedBytes => _options.MaxSegmentData;

    /// <summary>
    /// Runs the link until it is stopped (returns), or lost (throws <see cref="LinkLostException"/>).
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        Volatile.Write(ref _lastValidFrameTimestamp, _time.GetTimestamp());
        Task reader = Task.Run(() => ReadLoopAsync(linked.Token), CancellationToken.None);
        Task writer = Task.Run(() => WriteLoopAsync(linked.Token), CancellationToken.None);
        Task first = await Task.WhenAny(reader, writer);
        if (first.IsFaulted)
        {
            _terminal ??= first.Exception!.InnerException;
        }

        await linked.CancelAsync();
        await Task.WhenAll(reader.ContinueWith(_ => { }, TaskScheduler.Default), writer.ContinueWith(_ => { }, TaskScheduler.Default));
        _terminal ??= reader.Exception?.InnerException ?? writer.Exception?.InnerException;
        Exception? failure = _closing || cancellationToken.IsCancellationRequested ? null : _terminal;
        _inbound.Writer.TryComplete(failure);
        _connected.TrySetException(failure ?? new LinkLostException("The link stopped before the peer answered."));
        await _pipe.Output.CompleteAsync();
        if (failure is not null)
        {
            throw failure as LinkLostException ?? new LinkLostException(failure.Message, failure);
        }
    }

    /// <summary>
    /// Sends a message that must arrive: repeated until the peer acknowledges every segment
    /// (true) or <paramref name="supersede"/> fires first (false). Waits for window space.
    /// </summary>
    public async Task<bool> SendReliableAsync(ushort apid, byte type, ReadOnlyMemory<byte> data, CancellationToken supersede = default)
    {
        if (data.Length > _options.MaxMessageBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(data), $"Message of {data.Length} bytes exceeds {_options.MaxMessageBytes}.");
        }

        OutboundPacket[] packets = Segment(apid, type, data);
        if (packets.Length == 1)
        {
            return await DeliverAsync(packets[0], supersede);
        }

        bool[] results = await Task.WhenAll(packets.Select(p => DeliverAsync(p, supersede)));
        return results.All(r => r);
    }

    /// <summary>Sends a message once, without acknowledgement (telemetry, time codes). It must fit one packet.</summary>
    public async ValueTask SendAsync(ushort apid, byte type, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        if (data.Length > _options.MaxSegmentData)
        {
            throw new ArgumentOutOfRangeException(nameof(data), $"Unacknowledged message of {data.Length} bytes exceeds one packet ({_options.MaxSegmentData}).");
        }

        OutboundPacket packet;
        lock (_sendLock)
        {
            packet = new OutboundPacket(apid, type, SequenceFlags.Unsegmented, 0, data);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        await _unreliableQueue.Writer.WriteAsync(packet, linked.Token);
        Interlocked.Increment(ref Statistics.MessagesSent);
        Ring();
    }

    /// <summary>Says goodbye reliably (bounded by <paramref name="timeout"/>), then stops the session.</summary>
    public async Task CloseAsync(TimeSpan timeout)
    {
        if (!_stop.IsCancellationRequested && _connected.Task.IsCompletedSuccessfully)
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

        _closing = true;
        await _stop.CancelAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _closing = true;
        await _stop.CancelAsync();
        await _ackTimer.DisposeAsync();
        _stop.Dispose();
        _window.Dispose();
    }

    private OutboundPacket[] Segment(ushort apid, byte type, ReadOnlyMemory<byte> data)
    {
        int max = _options.MaxSegmentData;
        int count = Math.Max(1, (data.Length + max - 1) / max);
        var packets = new OutboundPacket[count];
        lock (_sendLock)
        {
            for (int i = 0; i < count; i++)
            {
                SequenceFlags flags = count == 1 ? SequenceFlags.Unsegmented
                    : i == 0 ? SequenceFlags.First
                    : i == count - 1 ? SequenceFlags.Last
                    : SequenceFlags.Continuation;
                int start = i * max;
                packets[i] = new OutboundPacket(apid, type, flags, _nextMessageId++, data.Slice(start, Math.Min(max, data.Length - start)));

                // Unsettled from the moment its id exists, even while it waits for window space:
                // otherwise the floor we advertise could pass it and the peer would drop it as old.
                _outstanding[packets[i].MessageId] = packets[i];
            }
        }

        Interlocked.Increment(ref Statistics.MessagesSent);
        return packets;
    }

    private async Task<bool> DeliverAsync(OutboundPacket packet, CancellationToken supersede)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(supersede, _stop.Token);
        bool holdsSlot = false;
        try
        {
            await _window.WaitAsync(linked.Token);
            holdsSlot = true;
            Interlocked.Increment(ref Statistics.ReliableSent);
            await _retransmission.ExecuteAsync(
                async ct =>
                {
                    if (packet.Acked.Task.IsCompleted)
                    {
                        return;
                    }

                    Enqueue(packet);
                    await packet.Acked.Task.WaitAsync(ct);
                },
                linked.Token);
            Interlocked.Increment(ref Statistics.ReliableAcked);
            return true;
        }
        catch (OperationCanceledException) when (supersede.IsCancellationRequested)
        {
            Interlocked.Increment(ref Statistics.ReliableSuperseded);
            return false;
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            throw _terminal as LinkLostException ?? new LinkLostException("The link stopped before the message was acknowledged.", _terminal);
        }
        finally
        {
            _outstanding.TryRemove(packet.MessageId, out _);
            if (holdsSlot && !_stop.IsCancellationRequested)
            {
                _window.Release();
            }

            // A settled id below the floor lets the receiver forget it; tell it soon.
            Ring();
        }
    }

    private void Enqueue(OutboundPacket packet)
    {
        if (packet.TryMarkQueued())
        {
            _reliableQueue.Writer.TryWrite(packet);
            Ring();
        }
    }

    private void Ring() => _doorbell.Writer.TryWrite(0);

    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        byte[] cadu = new byte[TransferFrameLayout.CaduLength(_options.FrameLength)];
        while (!cancellationToken.IsCancellationRequested)
        {
            CheckLossOfLink();
            while (HasWork())
            {
                int length = BuildFrame(cadu);
                _tap.Observe("link", TapDirection.Outgoing, _passClock(), cadu);
                try
                {
                    await _pipe.Output.WriteAsync(cadu.AsMemory(0, length), cancellationToken);
                }
                catch (Exception e) when (e is IOException or InvalidOperationException or System.Net.Sockets.SocketException)
                {
                    throw new LinkLostException($"Sending to the peer failed: {e.Message}", e);
                }

                Interlocked.Increment(ref Statistics.FramesSent);
                Volatile.Write(ref _lastSentTimestamp, _time.GetTimestamp());
            }

            TimeSpan wait = _confirmed ? _options.HeartbeatInterval : TimeSpan.FromTicks(_options.HeartbeatInterval.Ticks / 4);
            try
            {
                await _doorbell.Reader.ReadAsync(cancellationToken).AsTask().WaitAsync(wait, _time, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Heartbeat or hello due: HasWork() sees it.
            }
        }
    }

    private bool HasWork()
    {
        bool peerKnown = Volatile.Read(ref _peerSession) != 0;
        if (peerKnown && (_reliableQueue.Reader.Count > 0 || _unreliableQueue.Reader.Count > 0))
        {
            return true;
        }

        if (Volatile.Read(ref _ackDue))
        {
            return true;
        }

        TimeSpan sinceSent = _time.GetElapsedTime(Volatile.Read(ref _lastSentTimestamp));
        TimeSpan interval = _confirmed ? _options.HeartbeatInterval : TimeSpan.FromTicks(_options.HeartbeatInterval.Ticks / 4);
        return sinceSent >= interval;
    }

    private void CheckLossOfLink()
    {
        TimeSpan silent = _time.GetElapsedTime(Volatile.Read(ref _lastValidFrameTimestamp));
        if (silent > _options.LossOfLinkTimeout && !_closing)
        {
            throw new LinkLostException($"Loss of link: no valid frame from the peer for {silent.TotalSeconds:F1} s.");
        }
    }

    private int BuildFrame(byte[] cadu)
    {
        int zoneStart = TransferFrameLayout.SyncMarkerLength + TransferFrameLayout.HeaderLength;
        Span<byte> zone = cadu.AsSpan(zoneStart, TransferFrameLayout.PacketZoneCapacity(_options.FrameLength));
        int position = 0;
        ulong peer = Volatile.Read(ref _peerSession);
        if (!_confirmed)
        {
            position += WriteHello(zone);
        }

        position += WriteAckIfPending(zone[position..]);
        if (peer != 0)
        {
            position = TakePackets(_reliableQueue.Reader, zone, position, reliable: true);
            position = TakePackets(_unreliableQueue.Reader, zone, position, reliable: false);
        }

        uint vcfc;
        ulong sequence;
        lock (_sendLock)
        {
            vcfc = _virtualChannelFrameCount = (_virtualChannelFrameCount + 1) & 0xFFFFFF;
            sequence = ++_frameSequence;
        }

        var header = new TransferFrameHeader(_options.SpacecraftId, TransferFrameLayout.DataVirtualChannel, vcfc, _options.SessionId, peer, sequence, (ushort)position);
        TransferFrameCodec.Seal(cadu, header, _signer);
        return cadu.Length;
    }

    private int TakePackets(ChannelReader<OutboundPacket> queue, Span<byte> zone, int position, bool reliable)
    {
        while (queue.TryPeek(out OutboundPacket? packet) && position + packet.EncodedLength <= zone.Length)
        {
            queue.TryRead(out _);
            packet.MarkDequeued();
            if (reliable && packet.Acked.Task.IsCompleted)
            {
                continue;
            }

            var wire = new SpacePacket(!_options.IsPayload, packet.Apid, packet.Flags, NextSequenceCount(packet.Apid), packet.MessageId, packet.Type, packet.Data.Span);
            position += wire.WriteTo(zone[position..]);
            packet.Transmissions++;
            if (packet.Transmissions > 1)
            {
                Interlocked.Increment(ref Statistics.Retransmissions);
            }

            Interlocked.Add(ref Statistics.PayloadBytesSent, packet.Data.Length);
        }

        return position;
    }

    private ushort NextSequenceCount(ushort apid)
    {
        lock (_sendLock)
        {
            _sequenceCounts.TryGetValue(apid, out ushort count);
            _sequenceCounts[apid] = (ushort)((count + 1) & 0x3FFF);
            return count;
        }
    }

    private int WriteHello(Span<byte> zone)
    {
        Span<byte> body = stackalloc byte[HelloLength];
        body[0] = ProtocolVersion;
        body[1] = _options.IsPayload ? (byte)0 : (byte)1;
        BinaryPrimitives.WriteUInt64BigEndian(body[2..], _options.SessionId);
        return new SpacePacket(!_options.IsPayload, Apids.LinkControl, SequenceFlags.Unsegmented, NextSequenceCount(Apids.LinkControl), 0, LinkControlTypes.Hello, body).WriteTo(zone);
    }

    private int WriteAckIfPending(Span<byte> zone)
    {
        Span<(uint Start, uint End)> ranges = stackalloc (uint, uint)[LinkSessionOptions.MaxAckRanges];
        uint cumulative;
        int rangeCount;
        lock (_receiveLock)
        {
            if (!_ackPending && !Volatile.Read(ref _ackDue) && _outstanding.IsEmpty)
            {
                return 0;
            }

            _ackPending = false;
            Volatile.Write(ref _ackDue, false);
            cumulative = _received.Cumulative;
            rangeCount = _received.GetRanges(ranges);
        }

        Span<byte> body = stackalloc byte[AckPayload.FixedLength + (LinkSessionOptions.MaxAckRanges * AckPayload.RangeLength)];
        int length = AckPayload.Write(body, cumulative, CurrentFloor(), ranges[..rangeCount]);
        return new SpacePacket(!_options.IsPayload, Apids.LinkControl, SequenceFlags.Unsegmented, NextSequenceCount(Apids.LinkControl), 0, LinkControlTypes.Ack, body[..length]).WriteTo(zone);
    }

    /// <summary>Lowest message id not yet settled on this side (all below are acked or abandoned).</summary>
    private uint CurrentFloor()
    {
        uint floor;
        lock (_sendLock)
        {
            floor = _nextMessageId;
        }

        foreach (uint id in _outstanding.Keys)
        {
            if (id < floor)
            {
                floor = id;
            }
        }

        return floor;
    }

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        var deframer = new CaduDeframer(_options.FrameLength);
        byte[] frame = new byte[_options.FrameLength];
        var delivered = new List<InboundMessage>();
        PipeReader input = _pipe.Input;
        while (true)
        {
            ReadResult result;
            try
            {
                result = await input.ReadAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
            {
                throw new LinkLostException($"Receiving from the peer failed: {e.Message}", e);
            }

            ReadOnlySequence<byte> buffer = result.Buffer;
            while (deframer.TryRead(ref buffer, frame))
            {
                _tap.Observe("link", TapDirection.Incoming, _passClock(), frame);
                ProcessFrame(frame, delivered);
            }

            Interlocked.Exchange(ref Statistics.SkippedBytes, deframer.SkippedBytes);
            input.AdvanceTo(buffer.Start, buffer.End);
            foreach (InboundMessage message in delivered)
            {
                await _inbound.Writer.WriteAsync(message, cancellationToken);
            }

            delivered.Clear();
            if (result.IsCompleted)
            {
                if (_closing || _peerClosed.Task.IsCompleted)
                {
                    _closing = true;
                    await _stop.CancelAsync();
                    return;
                }

                throw new LinkLostException("Loss of link: the peer closed the connection without ending the session.");
            }
        }
    }

    private void ProcessFrame(ReadOnlySpan<byte> frame, List<InboundMessage> delivered)
    {
        FrameCheck check = TransferFrameCodec.Open(frame, _options.SpacecraftId, _verifier, out TransferFrameHeader header, out ReadOnlySpan<byte> zone);
        switch (check)
        {
            case FrameCheck.BadCrc:
                Interlocked.Increment(ref Statistics.FramesBadCrc);
                return;
            case FrameCheck.Malformed:
                Interlocked.Increment(ref Statistics.FramesMalformed);
                return;
            case FrameCheck.BadSignature:
                Interlocked.Increment(ref Statistics.FramesBadSignature);
                return;
        }

        bool preHandshake = header.ReceiverSessionId == 0;
        if (!preHandshake && header.ReceiverSessionId != _options.SessionId)
        {
            // Signed by the peer, but for another session of ours: a replay from an earlier pass.
            Interlocked.Increment(ref Statistics.FramesOutOfSession);
            return;
        }

        ulong peer = Volatile.Read(ref _peerSession);
        if (_confirmed && header.SenderSessionId != peer)
        {
            Interlocked.Increment(ref Statistics.FramesOutOfSession);
            return;
        }

        if (preHandshake && _confirmed)
        {
            // Hellos of a session that is already established: stale or replayed.
            Interlocked.Increment(ref Statistics.FramesOutOfSession);
            return;
        }

        if (!preHandshake || peer == header.SenderSessionId)
        {
            ReplayWindow.Verdict verdict = _replay.Check(header.FrameSequence);
            if (verdict != ReplayWindow.Verdict.Accepted)
            {
                Interlocked.Increment(ref Statistics.FramesReplayed);
                return;
            }
        }

        if (!preHandshake && !_confirmed)
        {
            Volatile.Write(ref _peerSession, header.SenderSessionId);
            _confirmed = true;
            _connected.TrySetResult();
        }

        Volatile.Write(ref _lastValidFrameTimestamp, _time.GetTimestamp());
        Interlocked.Increment(ref Statistics.FramesReceived);
        ProcessPackets(zone, header, preHandshake, delivered);
    }

    private void ProcessPackets(ReadOnlySpan<byte> zone, in TransferFrameHeader header, bool preHandshake, List<InboundMessage> delivered)
    {
        while (!zone.IsEmpty)
        {
            if (!SpacePacket.TryRead(zone, out SpacePacket packet, out int consumed) || packet.IsTelecommand != _options.IsPayload)
            {
                Interlocked.Increment(ref Statistics.PacketsMalformed);
                return;
            }

            zone = zone[consumed..];
            if (packet.Apid == Apids.LinkControl && packet.MessageType == LinkControlTypes.Hello)
            {
                HandleHello(packet, header);
                continue;
            }

            if (preHandshake)
            {
                continue;
            }

            if (packet.Apid == Apids.LinkControl && packet.MessageType == LinkControlTypes.Ack)
            {
                HandleAck(packet.Data);
                continue;
            }

            HandleApplicationPacket(packet, delivered);
        }
    }

    private void HandleHello(SpacePacket packet, in TransferFrameHeader header)
    {
        ReadOnlySpan<byte> body = packet.Data;
        byte expectedRole = _options.IsPayload ? (byte)1 : (byte)0;
        if (body.Length != HelloLength || body[0] != ProtocolVersion || body[1] != expectedRole
            || BinaryPrimitives.ReadUInt64BigEndian(body[2..]) != header.SenderSessionId)
        {
            Interlocked.Increment(ref Statistics.PacketsMalformed);
            return;
        }

        if (!_confirmed)
        {
            // Until the peer proves it has seen our nonce, follow its newest hello.
            Volatile.Write(ref _peerSession, header.SenderSessionId);
            Ring();
        }
    }

    private void HandleAck(ReadOnlySpan<byte> body)
    {
        if (!AckPayload.TryRead(body, out uint cumulative, out uint floor, out ReadOnlySpan<byte> ranges))
        {
            Interlocked.Increment(ref Statistics.PacketsMalformed);
            return;
        }

        int rangeCount = ranges.Length / AckPayload.RangeLength;
        foreach (KeyValuePair<uint, OutboundPacket> entry in _outstanding)
        {
            uint id = entry.Key;
            bool acked = id <= cumulative;
            for (int r = 0; !acked && r < rangeCount; r++)
            {
                (uint start, uint end) = AckPayload.ReadRange(ranges, r);
                acked = id >= start && id <= end;
            }

            if (acked)
            {
                entry.Value.Acked.TrySetResult();
            }
        }

        lock (_receiveLock)
        {
            _received.AdvanceFloor(floor);
        }
    }

    private void HandleApplicationPacket(SpacePacket packet, List<InboundMessage> delivered)
    {
        Interlocked.Add(ref Statistics.PayloadBytesReceived, packet.Data.Length);
        if (packet.MessageId == 0)
        {
            if (packet.Flags != SequenceFlags.Unsegmented)
            {
                Interlocked.Increment(ref Statistics.PacketsMalformed);
                return;
            }

            Interlocked.Increment(ref Statistics.MessagesReceived);
            delivered.Add(new InboundMessage(packet.Apid, packet.MessageType, packet.Data.ToArray(), Reliable: false));
            return;
        }

        bool isNew;
        lock (_receiveLock)
        {
            isNew = _received.Add(packet.MessageId);
            if (!_ackPending)
            {
                _ackPending = true;
                _ackTimer.Change(_options.AckDelay, Timeout.InfiniteTimeSpan);
            }
        }

        if (!isNew)
        {
            Interlocked.Increment(ref Statistics.DuplicatesReceived);
            return;
        }

        InboundMessage? message = packet.Flags == SequenceFlags.Unsegmented
            ? new InboundMessage(packet.Apid, packet.MessageType, packet.Data.ToArray(), Reliable: true)
            : _reassembler.Add(packet.MessageId, packet.Flags, packet.Apid, packet.MessageType, packet.Data);
        if (message is null)
        {
            return;
        }

        if (message.Apid == Apids.LinkControl && message.Type == LinkControlTypes.Close)
        {
            _peerClosed.TrySetResult();
            return;
        }

        Interlocked.Increment(ref Statistics.MessagesReceived);
        delivered.Add(message);
    }
}
