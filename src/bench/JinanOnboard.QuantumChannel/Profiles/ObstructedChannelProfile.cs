using JinanOnboard.QuantumChannel.Simulation;

namespace JinanOnboard.QuantumChannel.Profiles;

/// <summary>
/// Another profile with the beam blocked during some intervals of pass time (a cloud over the ground station):
/// no photon of the source reaches the detectors there (transmittance 0). Background, polarization and light time are
/// the inner profile's: the detectors still count dark counts and whatever sky light the cloud lets through, which is
/// not modelled separately. The simulator interpolates over its ~1 ms segments, so each edge is smeared over one.
/// </summary>
/// <param name="Inner">The clear-sky profile.</param>
/// <param name="Obstructions">Intervals of pass time (emission time) during which the beam is blocked.</param>
public sealed record ObstructedChannelProfile(IChannelProfile Inner, IReadOnlyList<PassInterval> Obstructions) : IChannelProfile
{
    /// <inheritdoc />
    public double TransmittanceAt(double passSeconds) => Blocked(passSeconds) ? 0 : Inner.TransmittanceAt(passSeconds);

    /// <inheritdoc />
    public double BackgroundRatePerDetectorHz(double passSeconds) => Inner.BackgroundRatePerDetectorHz(passSeconds);

    /// <inheritdoc />
    public double PolarizationErrorAt(double passSeconds) => Inner.PolarizationErrorAt(passSeconds);

    /// <inheritdoc />
    public double OneWayDelaySecondsAt(double passSeconds) => Inner.OneWayDelaySecondsAt(passSeconds);

    private bool Blocked(double passSeconds)
    {
        foreach (PassInterval obstruction in Obstructions)
        {
            if (obstruction.Contains(passSeconds))
            {
                return true;
            }
        }

        return false;
    }
}
