namespace JinanOnboard.Orbit.Passes;

/// <summary>
/// One pass of a satellite over a site: the interval with elevation at or above the minimum (and,
/// with the night filter, the Sun below its limit — models.md §1). Times are UTC.
/// <see cref="StartsAtWindowEdge"/>/<see cref="EndsAtWindowEdge"/> say the pass was cut by the search window.
/// </summary>
public sealed record SatellitePass(
    string SiteName,
    DateTime RiseUtc,
    DateTime SetUtc,
    DateTime MaxElevationUtc,
    double MaxElevationDeg,
    double RiseAzimuthDeg,
    double SetAzimuthDeg,
    bool StartsAtWindowEdge,
    bool EndsAtWindowEdge)
{
    /// <summary>Time between rise and set.</summary>
    public TimeSpan Duration => SetUtc - RiseUtc;
}
