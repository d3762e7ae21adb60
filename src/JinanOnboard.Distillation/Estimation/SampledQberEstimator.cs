namespace JinanOnboard.Distillation.Estimation;

/// <summary>
/// The payload's QBER estimate from the 10% of detections the OGS sampled (system.md steps 2–3):
/// the fraction of sampled, basis-matched detections whose measured bit differs from the sent bit,
/// accumulated over the pass so far. Used only to choose a reconciliation code.
/// </summary>
internal sealed class SampledQberEstimator
{
    private readonly double _defaultQber;

    public SampledQberEstimator(double defaultQber)
    {
        _defaultQber = defaultQber;
    }

    /// <summary>Sampled detections whose bases matched.</summary>
    public long SampledSiftedBits { get; private set; }

    /// <summary>How many of those were wrong.</summary>
    public long SampledErrors { get; private set; }

    /// <summary>Current estimate; the configured default until a sampled sifted bit is seen.</summary>
    public double Estimate => SampledSiftedBits == 0 ? _defaultQber : (double)SampledErrors / SampledSiftedBits;

    public void Add(bool error)
    {
        SampledSiftedBits++;
        if (error)
        {
            SampledErrors++;
        }
    }
}
