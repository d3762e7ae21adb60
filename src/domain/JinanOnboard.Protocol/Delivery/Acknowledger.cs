namespace JinanOnboard.Protocol.Delivery;

/// <summary>
/// The receiving half of reliable delivery (delivery.md "Reliable messages"): records the ids that
/// arrive (answering "duplicate?"), learns the peer's floor, and decides when an ACK is owed —
/// piggybacked on the next frame going out, or alone once the ack delay has passed.
/// </summary>
internal sealed class Acknowledger : IAsyncDisposable
{
    // Guards the received set and the pending flag: the reader records, the writer takes.
    private readonly object _lock = new();
    private readonly ReceivedSet _received = new();
    private readonly ITimer _delayTimer;
    private readonly TimeSpan _ackDelay;
    private bool _pending;
    private bool _due;

    public Acknowledger(TimeSpan ackDelay, TimeProvider time, Doorbell doorbell)
    {
        _ackDelay = ackDelay;
        _delayTimer = time.CreateTimer(_ => { Volatile.Write(ref _due, true); doorbell.Ring(); }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The ack delay has passed with an acknowledgement still owed: a frame should go out now.</summary>
    public bool IsDue => Volatile.Read(ref _due);

    /// <summary>
    /// Records a reliable id; false when it had arrived before. Either way the peer is owed an ACK
    /// (its earlier one may have been lost), sent at the latest after the ack delay.
    /// </summary>
    public bool Record(uint id)
    {
        lock (_lock)
        {
            bool isNew = _received.Add(id);
            if (!_pending)
            {
                _pending = true;
                _delayTimer.Change(_ackDelay, Timeout.InfiniteTimeSpan);
            }

            return isNew;
        }
    }

    /// <summary>The peer settled every id below <paramref name="floor"/>: they count as received.</summary>
    public void AdvanceFloor(uint floor)
    {
        lock (_lock)
        {
            _received.AdvanceFloor(floor);
        }
    }

    /// <summary>
    /// Takes the acknowledgement to put in the next frame: the cumulative id and up to
    /// <paramref name="ranges"/>.Length selective ranges. False when none is owed, unless
    /// <paramref name="carryFloor"/>: a sender with unsettled packets sends an ACK in every frame,
    /// because the ACK carries its floor, which lets the peer's cumulative pass abandoned ids.
    /// </summary>
    public bool TryTake(bool carryFloor, Span<(uint Start, uint End)> ranges, out uint cumulative, out int rangeCount)
    {
        lock (_lock)
        {
            if (!_pending && !Volatile.Read(ref _due) && !carryFloor)
            {
                cumulative = 0;
                rangeCount = 0;
                return false;
            }

            _pending = false;
            Volatile.Write(ref _due, false);
            cumulative = _received.Cumulative;
            rangeCount = _received.GetRanges(ranges);
            return true;
        }
    }

    public ValueTask DisposeAsync() => _delayTimer.DisposeAsync();
}
