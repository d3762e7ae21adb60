using JinanOnboard.QuantumChannel.Profiles;

namespace JinanOnboard.QuantumChannel.Simulation;

/// <summary>
/// The OGS time-to-digital converter's clock against true (ground) time:
/// tdcPs = OffsetPs + groundPs · (1 + DriftPpm · 1e-6). Ground time 0 is the emission of pulse 0
/// on the source clock; the light time is added before this mapping.
/// </summary>
public sealed record TdcClockConfiguration
{
    /// <summary>TDC reading at ground time 0 (ps). Assumed 0 by default; tests use a large one.</summary>
    public double OffsetPs { get; init; }

    /// <summary>Rate error of the TDC clock (ppm); assumed 0.1 ppm (a disciplined but free-running crystal).</summary>
    public double DriftPpm { get; init; } = 0.1;

    /// <summary>TDC time-bin width (ps); tags are rounded to multiples of it. 1 ps.</summary>
    public double ResolutionPs { get; init; } = 1.0;
}
