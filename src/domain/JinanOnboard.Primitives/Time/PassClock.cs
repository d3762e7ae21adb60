namespace JinanOnboard.Primitives.Time;

/// <summary>
/// Time since the start of the pass, the one time base every simulation model uses.
/// In real-time mode it follows a <see cref="TimeProvider"/>; in as-fast-as-possible mode the
/// simulation advances it explicitly, so the same code runs in both modes.
/// </summary>
public abstract class PassClock
{
    /// <summary>Current pass time.</summary>
    public abstract TimeSpan Now { get; }

    /// <summary>A clock that follows <paramref name="timeProvider"/> from the moment it is created.</summary>
    public static PassClock RealTime(TimeProvider timeProvider) => new RealTimePassClock(timeProvider);

    /// <summary>A clock that moves only when <see cref="VirtualPassClock.AdvanceTo"/> is called.</summary>
    public static VirtualPassClock Virtual() => new();

    private sealed class RealTimePassClock(TimeProvider timeProvider) : PassClock
    {
        private readonly long _start = timeProvider.GetTimestamp();

        public override TimeSpan Now => timeProvider.GetElapsedTime(_start);
    }
}

/// <summary>A pass clock advanced by the simulation (thread-safe, monotonic).</summary>
public sealed class VirtualPassClock : PassClock
{
    private long _ticks;

    public override TimeSpan Now => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    /// <summary>Moves the clock forward; a time in the past is ignored so the clock never runs backwards.</summary>
    public void AdvanceTo(TimeSpan passTime)
    {
        long target = passTime.Ticks;
        long current = Interlocked.Read(ref _ticks);
        while (target > current)
        {
            long seen = Interlocked.CompareExchange(ref _ticks, target, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
