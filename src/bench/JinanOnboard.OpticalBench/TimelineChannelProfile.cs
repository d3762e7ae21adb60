using JinanOnboard.Physics.Timeline;
using JinanOnboard.QuantumChannel;
using JinanOnboard.QuantumChannel.Profiles;
using JinanOnboard.QuantumChannel.Simulation;

namespace JinanOnboard.OpticalBench;

/// <summary>
/// The quantum channel of a pass as the orbit layer computes it (models.md §2): the timeline's total
/// transmittance with the detector efficiency divided out (the detector simulation applies it),
/// its background rate (less the dark counts, which the detector simulation adds itself) and light
/// time, and the residual polarization error as a function of pass time.
/// </summary>
public sealed class TimelineChannelProfile(PassTimeline timeline, double detectorEfficiency, double darkCountRateHz, Func<double, double> polarizationErrorAt) : IChannelProfile
{
    public double TransmittanceAt(double passSeconds) => Math.Clamp(timeline.TransmittanceAt(passSeconds) / detectorEfficiency, 0, 1);

    public double BackgroundRatePerDetectorHz(double passSeconds) => Math.Max(0, timeline.BackgroundCountsPerSPerDetector(passSeconds) - darkCountRateHz);

    public double PolarizationErrorAt(double passSeconds) => polarizationErrorAt(passSeconds);

    public double OneWayDelaySecondsAt(double passSeconds) => timeline.OneWayDelayS(passSeconds);
}
