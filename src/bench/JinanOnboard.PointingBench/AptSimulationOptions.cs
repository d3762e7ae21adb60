namespace JinanOnboard.PointingBench;

/// <summary>A span of pass time, seconds.</summary>
public readonly record struct TimeWindow(double StartS, double DurationS)
{
    /// <summary>True when <paramref name="t"/> lies in [start, start + duration).</summary>
    public bool Contains(double t) => t >= StartS && t < StartS + DurationS;
}

/// <summary>What a pointing run simulates besides the settings: length, seed, clouds over the OGS, beacons off.</summary>
public sealed record AptSimulationOptions
{
    /// <summary>Simulated seconds of the default pass (centred on culmination).</summary>
    public double Seconds { get; init; } = 300;

    /// <summary>Run seed; every random stream derives from it (seed-derivation.md, apt.*).</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Cloud over the OGS: both beacons blocked, the capture camera sees false targets.</summary>
    public IReadOnlyList<TimeWindow> Clouds { get; init; } = [];

    /// <summary>False to run with both beacons dark (a loop that never locks).</summary>
    public bool BeaconsLit { get; init; } = true;

    /// <summary>
    /// Command the fast steering mirrors through their real driver (PI E-727 over GCS 2.0 to the bench's simulated
    /// controller) instead of the plant model directly; the mirror's physics are the same model either way.
    /// </summary>
    public bool Drivers { get; init; }
}
