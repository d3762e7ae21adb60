namespace JinanOnboard.PointingBench.Ends;

/// <summary>
/// The bench's time as device simulators read it: the ticks of an end's rate-group time base, moved forward by the
/// bench as it advances its plants, so a simulated device sees the pass time of the command it answers on every run
/// alike. Timers are not supported: nothing on the bench waits on this clock.
/// </summary>
public sealed class BenchClock(long ticksPerSecond) : TimeProvider
{
    private long _ticks;

    public override long TimestampFrequency => ticksPerSecond;

    public override long GetTimestamp() => Volatile.Read(ref _ticks);

    /// <summary>Moves the clock forward by <paramref name="ticks"/>.</summary>
    public void Advance(int ticks) => Interlocked.Add(ref _ticks, ticks);
}
