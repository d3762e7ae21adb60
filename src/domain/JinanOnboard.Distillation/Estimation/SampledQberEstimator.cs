namespace JinanOnboard.Distillation.Estimation;

/// <summary>
/// QBER estimate from the sampled detections whose bases matched (system.md step 3), over a sliding
/// window of the most recent <c>window</c> sampled bits. The QBER of a pass changes with elevation
/// (more background share at low elevation), so the code for each packet is chosen from the samples
/// taken around it rather than from the whole pass so far. Totals over the pass are kept too.
/// </summary>
internal sealed class SampledQberEstimator
{
    /// <summary>Default window: ~2 packets of samples at 10 % sampling; σ ≈ 0.09 % absolute at 1.5 % QBER.</summary>
    public const int DefaultWindow = 20_000;

    private readonly double _defaultQber;
    private readonly bool[] _recent;
    private int _next;
    private int _filled;
    private int _recentErrors;

    public SampledQberEstimator(double defaultQber, int window = DefaultWindow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        _defaultQber = defaultQber;
        _recent = new bool[window];
    }

    /// <summary>Sampled sifted bits over the whole pass.</summary>
    public long SampledSiftedBits { get; private set; }

    /// <summary>Errors among them over the whole pass.</summary>
    public long SampledErrors { get; private set; }

    /// <summary>Error rate over the window (the configured default before any sample).</summary>
    public double Estimate => _filled == 0 ? _defaultQber : (double)_recentErrors / _filled;

    /// <summary>Error rate over the whole pass.</summary>
    public double PassEstimate => SampledSiftedBits == 0 ? _defaultQber : (double)SampledErrors / SampledSiftedBits;

    public void Add(bool error)
    {
        SampledSiftedBits++;
        if (error)
        {
            SampledErrors++;
        }

        if (_filled == _recent.Length)
        {
            if (_recent[_next])
            {
                _recentErrors--;
            }
        }
        else
        {
            _filled++;
        }

        _recent[_next] = error;
        if (error)
        {
            _recentErrors++;
        }

        _next = (_next + 1) % _recent.Length;
    }
}
