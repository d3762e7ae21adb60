namespace JinanOnboard.Protocol.Delivery;

/// <summary>
/// Liveness of the link (delivery.md "Liveness and closing"). Before the handshake is confirmed, silence for the
/// loss-of-link time ends the session (there is no session to keep). After it, the same silence only marks the link
/// <i>down</i>: a cloud over the ground station or a pointing loss interrupts the beam for seconds, and the session,
/// its reliable messages and the application's distillation state wait for the beam to come back. The first valid
/// frame brings the link <i>up</i>. The side gives up after <see cref="LinkSessionOptions.GiveUpTimeout"/> without a
/// valid frame. A watchdog covers a link that is up but carries too little: the link is degraded when reliable
/// messages wait and none was acknowledged for <see cref="LinkSessionOptions.NoProgressTimeout"/>, or when over that
/// long the share of the peer's frames that failed to arrive intact stayed above
/// <see cref="LinkSessionOptions.MaxFrameErrorRate"/> (frames trickle through, so progress never quite stops, but a
/// pass would take many times its length).
/// </summary>
/// <remarks>
/// Written by the reader loop (<see cref="Heard"/>), the sender (<see cref="Progressed"/>) and the coordinator,
/// checked by the writer loop (<see cref="Check"/>), which wakes up at least every heartbeat. Timestamps are
/// volatile longs; the list of changes is guarded by its own lock.
/// </remarks>
internal sealed class Liveness
{
    private readonly TimeProvider _time;
    private readonly LinkSessionOptions _options;
    private readonly LinkStatistics _statistics;
    private readonly Func<TimeSpan> _passClock;
    private readonly long _start;
    private readonly List<LinkStateChange> _changes = [];

    // Samples (time, frames received, peer's highest frame number) about a second apart over the last no-progress
    // window, for the windowed frame error rate. Touched by the writer loop alone.
    private readonly Queue<(long At, long Received, long Highest)> _samples = new();
    private long _lastValidFrame;
    private long _lastProgress;
    private long _damagedAtDown;
    private long _damagedAtLastValid;
    private volatile bool _closing;
    private volatile bool _down;
    private volatile bool _confirmed;

    public Liveness(TimeProvider time, LinkSessionOptions options, LinkStatistics statistics, Func<TimeSpan> passClock)
    {
        _time = time;
        _options = options;
        _statistics = statistics;
        _passClock = passClock;
        _start = _lastValidFrame = _lastProgress = time.GetTimestamp();
    }

    /// <summary>Raised on the thread that noticed the change (the reader or writer loop): keep handlers short.</summary>
    public event Action<LinkStateChange>? Changed;

    /// <summary>True once this end is saying goodbye, has heard the peer's, or is being stopped.</summary>
    public bool IsClosing => _closing;

    public bool IsDown => _down;

    /// <summary>Every down and up so far, in order.</summary>
    public IReadOnlyList<LinkStateChange> Changes
    {
        get
        {
            lock (_changes)
            {
                return [.. _changes];
            }
        }
    }

    public void BeginClosing() => _closing = true;

    /// <summary>The handshake is confirmed: from now on silence marks the link down instead of ending the session.</summary>
    public void Confirmed() => _confirmed = true;

    /// <summary>A valid frame arrived (or the session starts): the silence clock restarts, and a down link is up.</summary>
    public void Heard()
    {
        long now = _time.GetTimestamp();
        TimeSpan silent = _time.GetElapsedTime(Volatile.Read(ref _lastValidFrame), now);
        Volatile.Write(ref _lastValidFrame, now);
        if (!_confirmed)
        {
            Volatile.Write(ref _damagedAtLastValid, DamagedArrivals());
        }

        if (_down)
        {
            _down = false;
            Volatile.Write(ref _lastProgress, now);
            Record(new LinkStateChange(true, _time.GetElapsedTime(_start, now), _passClock(), silent));
        }
    }

    /// <summary>The peer acknowledged a reliable message not acknowledged before.</summary>
    public void Progressed() => Volatile.Write(ref _lastProgress, _time.GetTimestamp());

    /// <summary>
    /// Marks the link down when the peer has been silent for the loss-of-link time; throws
    /// <see cref="LinkLostException"/> (or <see cref="LinkDegradedException"/>) when the side must give up.
    /// </summary>
    /// <param name="waitingForAcknowledgement">Reliable messages of this end wait for their acknowledgement.</param>
    public void Check(bool waitingForAcknowledgement)
    {
        if (_closing)
        {
            return;
        }

        long now = _time.GetTimestamp();
        TimeSpan silent = _time.GetElapsedTime(Volatile.Read(ref _lastValidFrame), now);
        if (!_confirmed)
        {
            if (silent > _options.LossOfLinkTimeout)
            {
                // Damaged frames kept arriving: the peer is there, but the link cannot carry even the handshake.
                string what = $"no valid frame from the peer for {silent.TotalSeconds:F1} s";
                throw DamagedArrivals() > Volatile.Read(ref _damagedAtLastValid)
                    ? new LinkDegradedException($"Link degraded: {what} before the handshake completed, only damaged frames arrived; frame error rate {FrameErrorRate():F3}.", FrameErrorRate())
                    : new LinkLostException($"Loss of link: {what}.");
            }

            return;
        }

        if (!_down && silent > _options.LossOfLinkTimeout)
        {
            _down = true;
            Volatile.Write(ref _damagedAtDown, DamagedArrivals());
            Record(new LinkStateChange(false, _time.GetElapsedTime(_start, now), _passClock(), silent));
        }

        if (_down)
        {
            // A down period says nothing about the frames that arrive once the beam is back: the window starts afresh.
            _samples.Clear();
            if (silent > _options.GiveUpTimeout)
            {
                string what = $"no valid frame from the peer for {silent.TotalSeconds:F1} s (link.give_up_s = {_options.GiveUpTimeout.TotalSeconds:G} s)";
                throw DamagedArrivals() > Volatile.Read(ref _damagedAtDown)
                    ? new LinkDegradedException($"Link degraded: {what}, only damaged frames arrived; frame error rate {FrameErrorRate():F3}.", FrameErrorRate())
                    : new LinkLostException($"Loss of link: {what}.");
            }

            return;
        }

        ThrowIfFrameErrorRateStaysHigh(now);
        if (!waitingForAcknowledgement)
        {
            Volatile.Write(ref _lastProgress, now);
        }
        else if (_time.GetElapsedTime(Volatile.Read(ref _lastProgress), now) > _options.NoProgressTimeout)
        {
            double fer = FrameErrorRate();
            throw new LinkDegradedException(
                $"Link degraded: no reliable message acknowledged for {_options.NoProgressTimeout.TotalSeconds:G} s (link.no_progress_s) although frames arrive; frame error rate {fer:F3}.",
                fer);
        }
    }

    private void ThrowIfFrameErrorRateStaysHigh(long now)
    {
        long received = Interlocked.Read(ref _statistics.FramesReceived);
        long highest = Interlocked.Read(ref _statistics.PeerFrameSequence);
        if (_samples.Count == 0 || _time.GetElapsedTime(_samples.Last().At, now) >= TimeSpan.FromSeconds(1))
        {
            _samples.Enqueue((now, received, highest));
        }

        while (_samples.Count > 1 && _time.GetElapsedTime(_samples.Peek().At, now) > _options.NoProgressTimeout)
        {
            _samples.Dequeue();
        }

        (long at, long receivedThen, long highestThen) = _samples.Peek();
        long sent = highest - highestThen;
        if (_time.GetElapsedTime(at, now) < _options.NoProgressTimeout * 0.9 || sent <= 0)
        {
            return;
        }

        double fer = 1.0 - ((double)(received - receivedThen) / sent);
        if (fer > _options.MaxFrameErrorRate)
        {
            throw new LinkDegradedException(
                $"Link degraded: {fer:P1} of the peer's frames failed to arrive intact over the last {_time.GetElapsedTime(at, now).TotalSeconds:F0} s (link.max_frame_error_rate = {_options.MaxFrameErrorRate:G}); frame error rate {fer:F3}.",
                fer);
        }
    }

    /// <summary>
    /// Share of the peer's frames that did not arrive intact: 1 − frames received / the peer's highest frame
    /// sequence number seen (it numbers every frame from 1, so the gaps are the lost and damaged ones).
    /// </summary>
    public double FrameErrorRate()
    {
        long highest = Interlocked.Read(ref _statistics.PeerFrameSequence);
        long received = Interlocked.Read(ref _statistics.FramesReceived);
        return highest <= 0 ? 1.0 : Math.Clamp(1.0 - ((double)received / highest), 0.0, 1.0);
    }

    /// <summary>
    /// Evidence that the peer's light still arrives but bit errors spoil it: candidates that failed the CRC or the
    /// decoder. Not bytes the hunt skipped, nor frames with a bad signature: a peer with the wrong key sends perfect
    /// frames, and its failure is loss of link with its own diagnosis.
    /// </summary>
    private long DamagedArrivals()
        => Interlocked.Read(ref _statistics.FramesBadCrc) + Interlocked.Read(ref _statistics.FramesUncorrectable);

    private void Record(LinkStateChange change)
    {
        lock (_changes)
        {
            _changes.Add(change);
        }

        Changed?.Invoke(change);
    }
}
