using System.Diagnostics;
using JinanOnboard.Devices.Mirrors;

namespace JinanOnboard.Runtime.Pointing;

/// <summary>
/// The fine mirror as the loop commands it, with the wall-clock interval between successive commands measured
/// (<see cref="Stopwatch"/> timestamps into a 1 µs histogram, allocation-free): what a real-time pass reports as the fine
/// loop's achieved rate and jitter. Everything else passes through.
/// </summary>
public sealed class CommandTimingMirror(ITipTiltMirror inner) : ITipTiltMirror
{
    private const int MaxBinUs = 20_000;
    private readonly long[] _bins = new long[MaxBinUs + 1]; // last bin: 20 ms and more
    private long _first;
    private long _last;
    private long _maxTicks;

    public string Identity => inner.Identity;

    public TipTiltRange RangeMicroradians => inner.RangeMicroradians;

    /// <summary>Commands sent.</summary>
    public long Commands { get; private set; }

    /// <summary>
    /// Whether commands are timed (a real-time pass). As fast as possible the intervals mean nothing and are not reported,
    /// and a clock read and a division per command were a measurable share of the loops' CPU (issue 16).
    /// </summary>
    public bool Timed { get; set; } = true;

    public ValueTask MoveAsync(double xMicroradians, double yMicroradians, CancellationToken cancellationToken = default)
    {
        if (!Timed)
        {
            Commands++;
            return inner.MoveAsync(xMicroradians, yMicroradians, cancellationToken);
        }

        long now = Stopwatch.GetTimestamp();
        if (Commands++ == 0)
        {
            _first = now;
        }
        else
        {
            long interval = now - _last;
            _maxTicks = Math.Max(_maxTicks, interval);
            _bins[(int)Math.Min(MaxBinUs, interval * 1_000_000 / Stopwatch.Frequency)]++;
        }

        _last = now;
        return inner.MoveAsync(xMicroradians, yMicroradians, cancellationToken);
    }

    public ValueTask<TipTiltPosition> ReadPositionAsync(CancellationToken cancellationToken = default) => inner.ReadPositionAsync(cancellationToken);

    public ValueTask RecoverAsync(CancellationToken cancellationToken = default) => inner.RecoverAsync(cancellationToken);

    /// <summary>Achieved command rate and the interval distribution so far (null before two commands).</summary>
    public FineLoopTiming? Timing()
    {
        if (Commands < 2)
        {
            return null;
        }

        double spanS = (double)(_last - _first) / Stopwatch.Frequency;
        return new FineLoopTiming(Commands, Math.Round((Commands - 1) / spanS, 1), Percentile(0.5), Percentile(0.99), Math.Round(_maxTicks * 1e6 / Stopwatch.Frequency, 1));
    }

    private double Percentile(double q)
    {
        long rank = (long)Math.Ceiling(q * (Commands - 1));
        long seen = 0;
        for (int us = 0; us < _bins.Length; us++)
        {
            seen += _bins[us];
            if (seen >= rank)
            {
                return us;
            }
        }

        return MaxBinUs;
    }
}

/// <summary>The fine loop in real time: mirror commands, their rate (per wall second), interval p50/p99 (1 µs bins) and max, µs.</summary>
public sealed record FineLoopTiming(long Commands, double RateHz, double IntervalP50Us, double IntervalP99Us, double IntervalMaxUs);
