namespace JinanOnboard.Devices.Simulated.Tdc7200;

/// <summary>The physics behind a simulated TDC7200: its clock, its ring oscillator, its noise, its INTB wiring.</summary>
public sealed record SimulatedTdc7200Options
{
    /// <summary>CLOCK input frequency, Hz (8 MHz, the TI TDC7200EVM's oscillator).</summary>
    public double ClockFrequencyHz { get; init; } = 8e6;

    /// <summary>
    /// True period of one ring-oscillator count, seconds. Assumed 55 ps: the datasheet's typical resolution (SNAS647D §1
    /// "Features"); a real part's value drifts with supply and temperature, which calibration removes.
    /// </summary>
    public double RingOscillatorLsbSeconds { get; init; } = 55e-12;

    /// <summary>
    /// Standard deviation of the timing noise added to each measured interval, seconds. Assumed 35 ps: the datasheet's
    /// typical single-shot standard deviation (SNAS647D §1 "Features").
    /// </summary>
    public double JitterSigmaSeconds { get; init; } = 35e-12;

    /// <summary>
    /// Ring-oscillator counts per coarse-counter count, for the mode 1 overflow (COARSE_CNTR_OVF). Assumed 63: the
    /// datasheet describes the coarse counter but this figure is not published.
    /// </summary>
    public int CountsPerCoarseCount { get; init; } = 63;

    /// <summary>Seed of the noise and START-phase stream (label <c>tdc7200.simulated</c>, protocol-spec/seed-derivation.md).</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>The GPIO pin the INTB line is wired to on the simulated board.</summary>
    public int IntbPin { get; init; } = 25;
}
