namespace JinanOnboard.Physics.Timeline;

/// <summary>How a <see cref="PassTimeline"/> is sampled and which conditions it assumes.</summary>
public sealed record PassTimelineOptions
{
    /// <summary>Sampling step, seconds (1 s default; the brief asks for per-second or finer).</summary>
    public double StepS { get; init; } = 1.0;

    /// <summary>Cloud index 0 (clear) .. 150 (overcast); null uses the parameter set's value.</summary>
    public double? CloudIndex { get; init; }

    /// <summary>Add urban sky glow to the background (true for the urban rooftop stations).</summary>
    public bool UrbanSky { get; init; } = true;

    /// <summary>
    /// Instantaneous pointing error in µrad as a function of pass seconds (from the APT loops), for the dynamic
    /// pointing loss; null uses the parameter set's configured value.
    /// </summary>
    public Func<double, double>? PointingErrorUrad { get; init; }
}
