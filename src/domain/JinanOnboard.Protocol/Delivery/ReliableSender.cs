using JinanOnboard.Protocol.Framing;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace JinanOnboard.Protocol.Delivery;

/// <summary>
/// The sending half of reliable delivery (delivery.md "Reliable messages", "Retransmission"):
/// numbers and segments messages, keeps each id unsettled until it is acknowledged or abandoned,
/// holds at most a window of packets in flight and repeats each one until acknowledged.
/// </summary>
internal sealed class ReliableSender : IDisposable
{
    // Guards the next id and the unsettled set together: an id is unsettled from the instant it
    // exists, so the floor (lowest unsettled id) can never pass one that waits for window space.
    private readonly object _lock = new();
    private readonly Dictionary<uint, OutboundPacket> _unsettled = [];
    private readonly int _maxSegmentData;
    private readonly SemaphoreSlim _window;
    private readonly ResiliencePipeline _retransmission;
    private readonly Outbox _outbox;
    private readonly Doorbell _doorbell;
    private readonly LinkStatistics _statistics;
    private readonly CancellationToken _stopped;
    private readonly Action _progressed;
    private uint _nextMessageId = 1;

    /// <param name="progressed">Called when an acknowledgement settles a packet not acknowledged before (the no-progress watchdog).</param>
    /// <param name="stopped">Cancelled when the session ends: deliveries in progress end with <see cref="OperationCanceledException"/>.</param>
    public ReliableSender(LinkSessionOptions options, TimeProvider time, Outbox outbox, Doorbell doorbell, LinkStatistics statistics, Action progressed, CancellationToken stopped)
    {
        _progressed = progressed;
        _maxSegmentData = options.MaxSegmentData;
        _window = new SemaphoreSlim(options.WindowPackets, options.WindowPackets);
        _outbox = outbox;
        _doorbell = doorbell;
        _statistics = statistics;
        _stopped = stopped;

        // Each reliable packet is one Polly execution: send, wait for the ack up to AckTimeout,
        // back off exponentially, send again, until acknowledged, superseded or the link ends.
        _retransmission = new ResiliencePipelineBuilder { TimeProvider = time }
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

    /// <summary>Lowest message id not yet settled (every id below it is acknowledged or abandoned).</summary>
    public uint Floor
    {
        get
        {
            lock (_lock)
            {
                uint floor = _nextMessageId;
                foreach (uint id in _unsettled.Keys)
                {
                    floor = Math.Min(floor, id);
                }

                return floor;
            }
        }
    }

    /// <summary>True while any assigned id waits for its acknowledgement.</summary>
    public bool HasUnsettled
    {
        get
        {
            lock (_lock)
            {
                return _unsettled.Count > 0;
            }
        }
    }

    /// <summary>
    /// Numbers a message and cuts it into segments of consecutive ids (packets.md "Segmentation");
    /// every segment is unsettled from now on, until <see cref="DeliverAsync"/> settles it.
    /// </summary>
    public OutboundPacket[] Submit(ushort apid, byte type, ReadOnlyMemory<byte> data)
    {
        int max = _maxSegmentData;
        int count = Math.Max(1, (data.Length + max - 1) / max);
        var packets = new OutboundPacket[count];
        lock (_lock)
        {
            for (int i = 0; i < count; i++)
            {
                SequenceFlags flags = count == 1 ? SequenceFlags.Unsegmented
                    : i == 0 ? SequenceFlags.First
                    : i == count - 1 ? SequenceFlags.Last
                    : SequenceFlags.Continuation;
                int start = i * max;
                packets[i] = new OutboundPacket(apid, type, flags, _nextMessageId++, data.Slice(start, Math.Min(max, data.Length - start)));
                _unsettled[packets[i].MessageId] = packets[i];
            }
        }

        return packets;
    }

    /// <summary>
    /// Submits a message and delivers all its segments: true when every one is acknowledged, false
    /// when <paramref name="supersede"/> fired first. Numbering happens before the first await, so
    /// messages keep the order of the calls.
    /// </summary>
    public async Task<bool> DeliverMessageAsync(ushort apid, byte type, ReadOnlyMemory<byte> data, CancellationToken supersede)
    {
        OutboundPacket[] packets = Submit(apid, type, data);
        if (packets.Length == 1)
        {
            return await DeliverAsync(packets[0], supersede);
        }

        bool[] results = await Task.WhenAll(packets.Select(p => DeliverAsync(p, supersede)));
        return results.All(r => r);
    }

    /// <summary>
    /// Sends a submitted packet until it is acknowledged (true) or <paramref name="supersede"/>
    /// fires (false); waits for window space first. Throws <see cref="OperationCanceledException"/>
    /// when the session stops. The packet is settled however this ends.
    /// </summary>
    public async Task<bool> DeliverAsync(OutboundPacket packet, CancellationToken supersede)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(supersede, _stopped);
        bool holdsSlot = false;
        try
        {
            await _window.WaitAsync(linked.Token);
            holdsSlot = true;
            Interlocked.Increment(ref _statistics.ReliableSent);
            await _retransmission.ExecuteAsync(
                async ct =>
                {
                    if (packet.Acked.Task.IsCompleted)
                    {
                        return;
                    }

                    _outbox.EnqueueReliable(packet);
                    await packet.Acked.Task.WaitAsync(ct);
                },
                linked.Token);
            Interlocked.Increment(ref _statistics.ReliableAcked);
            return true;
        }
        catch (OperationCanceledException) when (supersede.IsCancellationRequested)
        {
            Interlocked.Increment(ref _statistics.ReliableSuperseded);
            return false;
        }
        finally
        {
            lock (_lock)
            {
                _unsettled.Remove(packet.MessageId);
            }

            // After the stop the window may be disposed; nobody waits on it any more.
            if (holdsSlot && !_stopped.IsCancellationRequested)
            {
                _window.Release();
            }

            // A settled id below the floor lets the receiver forget it; tell it soon.
            _doorbell.Ring();
        }
    }

    /// <summary>Applies the peer's ACK (delivery.md): ids at or below <paramref name="cumulative"/> or inside a range are acknowledged.</summary>
    /// <param name="ranges">The ACK's range list as on the wire (<see cref="AckPayload"/>).</param>
    public void Acknowledge(uint cumulative, ReadOnlySpan<byte> ranges)
    {
        int rangeCount = ranges.Length / AckPayload.RangeLength;
        bool progressed = false;
        lock (_lock)
        {
            foreach (KeyValuePair<uint, OutboundPacket> entry in _unsettled)
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
                    // Continuations run asynchronously (see OutboundPacket.Acked): nothing re-enters this lock.
                    progressed |= entry.Value.Acked.TrySetResult();
                }
            }
        }

        if (progressed)
        {
            _progressed();
        }
    }

    public void Dispose() => _window.Dispose();
}
