using JinanOnboard.QuantumChannel.Profiles;

namespace JinanOnboard.OpticalBench.Pointing;

/// <summary>
/// The channel of a pass with the pointing loops in it (models.md §2): the orbit layer's transmittance with its fixed
/// pointing loss taken out, times the payload's dynamic T_point = exp(−2 θe²/θd²) on its beam divergence and the OGS's
/// on its receiver field, each the mean over the fine-loop samples of the channel's segment (the photons of one segment
/// see the coupling of that segment). Without a payload trace (no optical path to the payload's process) the fixed
/// pointing loss stays.
/// </summary>
public sealed class PointingCoupledChannelProfile(IChannelProfile inner, double fixedPointingTransmittance, PointingTrace? payload, PointingTrace ogs, double segmentS) : IChannelProfile
{
    public double TransmittanceAt(double passSeconds)
    {
        if (passSeconds <= 0)
        {
            // Before the loops' first cycle the beam is pointed open loop from the predicted orbit (~150 µrad off against
            // a 4.5 µrad divergence): no light to speak of. The simulator asks this once, when it is built.
            return 0;
        }

        double t = inner.TransmittanceAt(passSeconds);
        double payloadPointing = payload is null ? 1.0 : payload.MeanTransmittance(passSeconds - segmentS, passSeconds) / fixedPointingTransmittance;
        double o = ogs.MeanTransmittance(passSeconds - segmentS, passSeconds);
        return Math.Clamp(t * payloadPointing * o, 0, 1);
    }

    public double BackgroundRatePerDetectorHz(double passSeconds) => inner.BackgroundRatePerDetectorHz(passSeconds);

    public double PolarizationErrorAt(double passSeconds) => inner.PolarizationErrorAt(passSeconds);

    public double OneWayDelaySecondsAt(double passSeconds) => inner.OneWayDelaySecondsAt(passSeconds);
}
