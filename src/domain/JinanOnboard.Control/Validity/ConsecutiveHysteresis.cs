namespace JinanOnboard.Control.Validity;

/// <summary>
/// A two-state switch with hysteresis in counts: it turns on after <c>onCount</c> consecutive true samples and off after
/// <c>offCount</c> consecutive false ones, so a single good or bad sample never flips it (the capture camera's
/// switch-back rule, loss-of-lock detection). Starts in <c>initial</c>.
/// </summary>
public sealed class ConsecutiveHysteresis
{
    private readonly int _onCount;
    private readonly int _offCount;
    private int _run;

    public ConsecutiveHysteresis(int onCount, int offCount, bool initial = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(onCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(offCount, 1);
        _onCount = onCount;
        _offCount = offCount;
        IsOn = initial;
    }

    /// <summary>The switch's state.</summary>
    public bool IsOn { get; private set; }

    /// <summary>Consecutive samples so far that disagree with the state (progress toward a flip).</summary>
    public int PendingCount => _run;

    /// <summary>Feeds one sample; true when this sample flipped the state.</summary>
    public bool Update(bool sample)
    {
        if (sample == IsOn)
        {
            _run = 0;
            return false;
        }

        _run++;
        if (_run >= (IsOn ? _offCount : _onCount))
        {
            IsOn = sample;
            _run = 0;
            return true;
        }

        return false;
    }

    /// <summary>Forces a state and clears the run.</summary>
    public void Reset(bool state)
    {
        IsOn = state;
        _run = 0;
    }
}
