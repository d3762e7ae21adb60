using System.Runtime.CompilerServices;

namespace JinanOnboard.Control.Scheduling;

/// <summary>
/// Runs several loops at fixed integer rates (20, 40, 14 Hz, kHz...) on one exact time base: time is counted in ticks
/// of 1/L second, L the least common multiple of the rates, so loop i fires at every multiple of L/rateᵢ ticks with no
/// rounding drift, and loops due at the same tick run in registration order. The same sequence therefore comes out on
/// every run and machine. Time is injectable: a simulation advances it as fast as it likes (<see cref="TryNext"/>),
/// firmware converts its <see cref="TimeProvider"/>'s elapsed time with <see cref="TickAt"/> and runs what is due.
/// Allocation-free after construction.
/// </summary>
public sealed class FixedRateScheduler
{
    private readonly long[] _periodTicks;
    private readonly long[] _nextTick;

    /// <param name="ratesHz">Each loop's rate, whole hertz; the index is the loop's id.</param>
    public FixedRateScheduler(IReadOnlyList<int> ratesHz)
    {
        ArgumentNullException.ThrowIfNull(ratesHz);
        if (ratesHz.Count == 0 || ratesHz.Count > 32)
        {
            throw new ArgumentException("between 1 and 32 loops", nameof(ratesHz));
        }

        long lcm = 1;
        foreach (int rate in ratesHz)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
            lcm = checked(lcm / Gcd(lcm, rate) * rate);
        }

        TicksPerSecond = lcm;
        _periodTicks = [.. ratesHz.Select(r => lcm / r)];
        _nextTick = new long[ratesHz.Count];
        MinPeriodTicks = _periodTicks.Min();
    }

    /// <summary>L: ticks per second of the time base.</summary>
    public long TicksPerSecond { get; }

    /// <summary>The fastest loop's period in ticks: no two consecutive due ticks are further apart.</summary>
    public long MinPeriodTicks { get; }

    /// <summary>Number of loops.</summary>
    public int LoopCount => _periodTicks.Length;

    /// <summary>Loop <paramref name="loop"/>'s period, ticks.</summary>
    public long PeriodTicks(int loop) => _periodTicks[loop];

    /// <summary>Seconds at <paramref name="tick"/>.</summary>
    public double SecondsAt(long tick) => (double)tick / TicksPerSecond;

    /// <summary>The tick at (or just before) an elapsed time, exact in integer arithmetic on <see cref="TimeSpan.Ticks"/>.</summary>
    public long TickAt(TimeSpan elapsed) => (long)(((Int128)elapsed.Ticks * TicksPerSecond) / TimeSpan.TicksPerSecond);

    /// <summary>
    /// The next tick at or before <paramref name="untilTick"/> at which some loop is due, and those loops as a bit mask
    /// (bit i = loop i, run them in increasing i); their next due ticks advance. False when nothing is due by then.
    /// </summary>
    // Per fine tick: compiled at first call with inlining across assemblies, which ReadyToRun code lacks (issue 16).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryNext(long untilTick, out long tick, out uint dueMask)
    {
        long next = long.MaxValue;
        for (int i = 0; i < _nextTick.Length; i++)
        {
            next = Math.Min(next, _nextTick[i]);
        }

        if (next > untilTick)
        {
            tick = 0;
            dueMask = 0;
            return false;
        }

        uint mask = 0;
        for (int i = 0; i < _nextTick.Length; i++)
        {
            if (_nextTick[i] == next)
            {
                mask |= 1u << i;
                _nextTick[i] += _periodTicks[i];
            }
        }

        tick = next;
        dueMask = mask;
        return true;
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
