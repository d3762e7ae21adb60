using JinanOnboard.QuantumChannel.Simulation;

namespace JinanOnboard.QuantumChannel.Profiles;

/// <summary>
/// Another profile seen from a later start: pass second t here is pass second t + OffsetSeconds of
/// <paramref name="Inner"/>. Lets a simulation (whose pulse 0 is at pass second 0) start mid-pass.
/// </summary>
/// <param name="Inner">The full-pass profile.</param>
/// <param name="OffsetSeconds">Pass second of <paramref name="Inner"/> that becomes second 0.</param>
public sealed record TimeShiftedChannelProfile(IChannelProfile Inner, double OffsetSeconds) : IChannelProfile
{
    /// <inheritdoc />
    public double TransmittanceAt(double passSeconds) => Inner.TransmittanceAt(passSeconds + OffsetSeconds);

    /// <inheritdoc />
    public double BackgroundRatePerDetectorHz(double passSeconds) => Inner.BackgroundRatePerDetectorHz(passSeconds + OffsetSeconds);

    /// <inheritdoc />
    public double PolarizationErrorAt(double passSeconds) => Inner.PolarizationErrorAt(passSeconds + OffsetSeconds);

    /// <inheritdoc />
    public double OneWayDelaySecondsAt(double passSeconds) => Inner.OneWayDelaySecondsAt(passSeconds + OffsetSeconds);
}
