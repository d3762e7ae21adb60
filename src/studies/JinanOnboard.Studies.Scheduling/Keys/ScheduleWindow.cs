namespace JinanOnboard.Studies.Scheduling.Keys;

/// <summary>
/// The time grid of a schedule (models.md §8): <see cref="Intervals"/> intervals of <see cref="IntervalS"/> seconds from
/// <see cref="StartUtc"/>; geometry is sampled <see cref="SamplesPerInterval"/> times per interval, at the centres of
/// equal sub-steps (10 per 10 s interval: the key is summed over the seconds of the interval, models.md §5).
/// </summary>
public sealed record ScheduleWindow(DateTime StartUtc, int Intervals, double IntervalS = 10, int SamplesPerInterval = 10)
{
    /// <summary>The window of <paramref name="days"/> days of 10 s intervals from <paramref name="startUtc"/>.</summary>
    public static ScheduleWindow OfDays(DateTime startUtc, double days, double intervalS = 10, int samplesPerInterval = 10)
    {
        if (!(days > 0) || !double.IsFinite(days))
        {
            throw new ArgumentOutOfRangeException(nameof(days), days, "days must be > 0");
        }

        return new ScheduleWindow(startUtc, (int)Math.Round(days * 86400.0 / intervalS), intervalS, samplesPerInterval);
    }

    /// <summary>End of the last interval.</summary>
    public DateTime EndUtc => StartUtc.AddSeconds(Intervals * IntervalS);

    /// <summary>Seconds each geometry sample stands for.</summary>
    public double SampleS => IntervalS / SamplesPerInterval;

    /// <summary>Start of interval <paramref name="m"/>.</summary>
    public DateTime IntervalStartUtc(int m) => StartUtc.AddSeconds(m * IntervalS);

    /// <summary>Time of sample <paramref name="j"/> of interval <paramref name="m"/> (the centre of its sub-step).</summary>
    public DateTime SampleUtc(int m, int j) => StartUtc.AddSeconds((m * IntervalS) + ((j + 0.5) * SampleS));

    /// <summary>Centre of interval <paramref name="m"/>.</summary>
    public DateTime IntervalCentreUtc(int m) => StartUtc.AddSeconds((m + 0.5) * IntervalS);
}
