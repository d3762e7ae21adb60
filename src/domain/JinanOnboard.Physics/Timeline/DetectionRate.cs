using JinanOnboard.Physics.Parameters;

namespace JinanOnboard.Physics.Timeline;

/// <summary>
/// Expected signal detections per second for a decoy-state source over a channel of transmittance η
/// (models.md §5: the gain of intensity μ is 1 - e^(-ημ), background excluded): f · Σ_k p_k (1 - e^(-η μ_k)).
/// NaN when the set does not give the source's rate and intensities (the uplink study set).
/// </summary>
internal sealed class DetectionRate
{
    private readonly double _rateHz;
    private readonly double[] _intensities;
    private readonly double[] _probabilities;

    public DetectionRate(PhysicsParameterSet set)
    {
        _rateHz = set.NumberOr("source.repetition_rate_hz", double.NaN);
        _intensities = set.Has("source.intensities") ? [.. set.Array("source.intensities")] : [];
        _probabilities = set.Has("source.intensity_probabilities")
            ? [.. set.Array("source.intensity_probabilities")]
            : [.. _intensities.Select(_ => 1.0 / Math.Max(1, _intensities.Length))];
    }

    public double SignalPerS(double transmittance)
    {
        if (double.IsNaN(_rateHz) || _intensities.Length == 0)
        {
            return double.NaN;
        }

        double perPulse = 0;
        for (int k = 0; k < _intensities.Length; k++)
        {
            perPulse += _probabilities[k] * -double.ExpM1(-transmittance * _intensities[k]);
        }

        return _rateHz * perPulse;
    }
}
