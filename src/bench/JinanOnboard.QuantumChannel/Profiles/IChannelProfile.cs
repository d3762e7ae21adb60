using JinanOnboard.QuantumChannel.Simulation;

namespace JinanOnboard.QuantumChannel.Profiles;

/// <summary>
/// The quantum channel of one pass as seen by the simulator, as smooth functions of pass time
/// (seconds since the start of the pass, on the source's clock, i.e. the emission time of a pulse).
/// The orbit and APT layers implement it from a pass timeline; <see cref="ConstantChannelProfile"/>
/// and <see cref="ElevationShapedChannelProfile"/> serve tests and stand-alone runs.
/// </summary>
/// <remarks>
/// The simulator samples the profile at the boundaries of short segments (about 1 ms) and
/// interpolates linearly in between, so implementations may be moderately expensive and must be
/// smooth on that scale. Every function must be defined on [0, pass duration].
/// </remarks>
public interface IChannelProfile
{
    /// <summary>
    /// Probability that one photon leaving the source reaches the input of a detector (link,
    /// atmosphere, pointing, receiver optics), excluding the detector efficiency. In [0, 1].
    /// </summary>
    double TransmittanceAt(double passSeconds);

    /// <summary>Background-light click rate per detector (Hz), excluding dark counts.</summary>
    double BackgroundRatePerDetectorHz(double passSeconds);

    /// <summary>
    /// Probability that a photon measured in its preparation basis lands in the wrong detector of
    /// that basis because of the channel and receiver (the source's own contrast is added by the
    /// simulator). In [0, 0.5].
    /// </summary>
    double PolarizationErrorAt(double passSeconds);

    /// <summary>
    /// One-way light time from source to detectors (seconds), range / c. Its derivative is the
    /// Doppler rate change of the received pulse train.
    /// </summary>
    double OneWayDelaySecondsAt(double passSeconds);
}
