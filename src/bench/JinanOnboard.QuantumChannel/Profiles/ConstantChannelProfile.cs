using JinanOnboard.QuantumChannel.Simulation;

namespace JinanOnboard.QuantumChannel.Profiles;

/// <summary>A channel that does not change over the pass (tests, calibration runs).</summary>
/// <param name="Transmittance">Source-to-detector-input transmittance, in [0, 1].</param>
/// <param name="BackgroundPerDetectorHz">Background click rate per detector (Hz).</param>
/// <param name="PolarizationError">Wrong-detector probability in the matching basis, in [0, 0.5].</param>
/// <param name="OneWayDelaySeconds">Fixed light time (s); constant delay means no Doppler.</param>
public sealed record ConstantChannelProfile(
    double Transmittance,
    double BackgroundPerDetectorHz,
    double PolarizationError,
    double OneWayDelaySeconds) : IChannelProfile
{
    /// <inheritdoc />
    public double TransmittanceAt(double passSeconds) => Transmittance;

    /// <inheritdoc />
    public double BackgroundRatePerDetectorHz(double passSeconds) => BackgroundPerDetectorHz;

    /// <inheritdoc />
    public double PolarizationErrorAt(double passSeconds) => PolarizationError;

    /// <inheritdoc />
    public double OneWayDelaySecondsAt(double passSeconds) => OneWayDelaySeconds;
}
