using JinanOnboard.QuantumChannel.Profiles;

namespace JinanOnboard.QuantumChannel.Simulation;

/// <summary>Everything about one simulated pass other than the source and the channel profile.</summary>
public sealed record ChannelSimulationOptions
{
    /// <summary>Seed of every random draw of the simulation (the source's choices come from the store).</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Simulated duration (s) of emission, from pulse 0.</summary>
    public double DurationSeconds { get; init; } = 1.0;

    /// <summary>The four detectors.</summary>
    public DetectorConfiguration Detectors { get; init; } = new();

    /// <summary>The TDC clock.</summary>
    public TdcClockConfiguration Clock { get; init; } = new();

    /// <summary>Timing precision of the recovered sync words (ps FWHM, Gaussian); Jinan-1 ~100 ps.</summary>
    public double SyncJitterFwhmPs { get; init; } = 100.0;

    /// <summary>Emit the 9.5 kHz sync words on channel 4.</summary>
    public bool EmitSyncWords { get; init; } = true;

    /// <summary>
    /// Intervals of pass time (emission time, seconds) when the classical downlink is lost, so no sync
    /// word arrives (fades, dropouts). Photons still arrive as the profile says; a profile that also
    /// loses the quantum signal should return zero transmittance there.
    /// </summary>
    public IReadOnlyList<PassInterval> SyncOutages { get; init; } = [];

    /// <summary>
    /// Pulses per simulation segment (625 000 = 1 ms at 625 MHz). The profile is sampled at segment
    /// boundaries and interpolated linearly inside; results depend on it only through that interpolation.
    /// </summary>
    public long SegmentPulses { get; init; } = 625_000;
}

/// <summary>A half-open interval [StartSeconds, EndSeconds) of pass time.</summary>
/// <param name="StartSeconds">First second of the interval.</param>
/// <param name="EndSeconds">End of the interval (excluded).</param>
public readonly record struct PassInterval(double StartSeconds, double EndSeconds)
{
    /// <summary>True when <paramref name="passSeconds"/> lies in the interval.</summary>
    public bool Contains(double passSeconds) => passSeconds >= StartSeconds && passSeconds < EndSeconds;
}
