namespace JinanOnboard.Orbit.Passes;

/// <summary>How <see cref="PassFinder"/> searches. Defaults follow models.md §1: 10 deg, Sun below -12 deg when night-only.</summary>
public sealed record PassSearchOptions
{
    /// <summary>Minimum elevation of a usable pass, degrees.</summary>
    public double MinElevationDeg { get; init; } = 10.0;

    /// <summary>Keep only the part of each pass with the site in darkness.</summary>
    public bool NightOnly { get; init; }

    /// <summary>Darkness means the Sun's elevation is below this, degrees (-12: nautical twilight).</summary>
    public double MaxSunElevationDeg { get; init; } = -12.0;

    /// <summary>Coarse sampling step, seconds. 10 s cannot skip a LEO pass above 10 deg (those last &gt; 1 min); grazing maxima between samples are refined too.</summary>
    public double CoarseStepS { get; init; } = 10.0;

    /// <summary>Crossing times are refined until the bracket is this narrow, seconds (issue 4 asks for 0.1 s or better).</summary>
    public double TimeToleranceS { get; init; } = 0.05;

    /// <summary>Throw <see cref="ArgumentOutOfRangeException"/> naming the bad option.</summary>
    public void Validate()
    {
        if (MinElevationDeg is < -5 or >= 90 || double.IsNaN(MinElevationDeg))
        {
            throw new ArgumentOutOfRangeException(nameof(MinElevationDeg), MinElevationDeg, "minimum elevation must be in [-5, 90) deg");
        }

        if (MaxSunElevationDeg is < -90 or > 90 || double.IsNaN(MaxSunElevationDeg))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxSunElevationDeg), MaxSunElevationDeg, "Sun elevation limit must be in [-90, 90] deg");
        }

        if (CoarseStepS is <= 0 or > 60 || double.IsNaN(CoarseStepS))
        {
            throw new ArgumentOutOfRangeException(nameof(CoarseStepS), CoarseStepS, "coarse step must be in (0, 60] s");
        }

        if (TimeToleranceS is <= 0 or > 1 || double.IsNaN(TimeToleranceS))
        {
            throw new ArgumentOutOfRangeException(nameof(TimeToleranceS), TimeToleranceS, "time tolerance must be in (0, 1] s");
        }
    }
}
