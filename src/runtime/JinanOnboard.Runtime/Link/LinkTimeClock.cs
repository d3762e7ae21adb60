namespace JinanOnboard.Runtime.Link;

/// <summary>
/// The time the link emulation's outages and delay are read on: the process's pass time, except that it never runs
/// slower than real time. In a fast-mode pass the payload's pass driver advances only as fast as the link takes its
/// frames (its sends wait for the window); during an outage nothing is acknowledged, the driver stops, and a pass
/// clock that stops inside an outage would keep the link dark for ever. Real links do not wait for the pass either:
/// while the pass clock stands still, the link time moves on at wall-clock rate from where the pass clock stopped,
/// so an outage lasts at most its configured length in wall time (and a long one still trips the loss-of-link
/// timeout, as it would in orbit). When the pass clock moves again and is ahead, it is followed. Before the pass has
/// begun (the pass clock still at zero: handshake, wiring, calibration) the link time does not coast: outages are pass
/// events, and a start-up that took longer than an outage's start (a loaded machine, a real-time calibration) must not
/// darken the link before the pass it belongs to. The link time is
/// monotonic. It only decides which chunks fall in an outage and which delay they get — never a random draw — so the
/// same seed still gives the same loss and bit-error pattern per chunk.
/// </summary>
public sealed class LinkTimeClock
{
    private readonly Func<TimeSpan> _passTime;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private TimeSpan _lastPass = TimeSpan.MinValue;
    private long _lastPassChange;
    private TimeSpan _last;

    public LinkTimeClock(Func<TimeSpan> passTime, TimeProvider time)
    {
        _passTime = passTime ?? throw new ArgumentNullException(nameof(passTime));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>The current link time.</summary>
    public TimeSpan Now()
    {
        TimeSpan pass = _passTime();
        long now = _time.GetTimestamp();
        lock (_gate)
        {
            if (pass != _lastPass)
            {
                _lastPass = pass;
                _lastPassChange = now;
            }

            TimeSpan coasting = _lastPass == TimeSpan.Zero ? TimeSpan.Zero : _lastPass + _time.GetElapsedTime(_lastPassChange, now);
            TimeSpan link = coasting > pass ? coasting : pass;
            if (link > _last)
            {
                _last = link;
            }

            return _last;
        }
    }
}
