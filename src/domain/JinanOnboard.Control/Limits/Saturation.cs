namespace JinanOnboard.Control.Limits;

/// <summary>A symmetric or asymmetric limit that clamps and counts how often it had to (a mirror's range, a wheel's torque).</summary>
public sealed class Saturation(double min, double max)
{
    /// <summary>Lower limit.</summary>
    public double Min { get; } = min < max ? min : throw new ArgumentException($"saturation limits [{min}, {max}] are empty");

    /// <summary>Upper limit.</summary>
    public double Max { get; } = max;

    /// <summary>Values clamped so far.</summary>
    public long ClampCount { get; private set; }

    /// <summary>A limit symmetric about zero.</summary>
    public static Saturation Symmetric(double halfRange) => new(-halfRange, halfRange);

    /// <summary>The value limited to [Min, Max]; counted when it was outside (NaN maps to 0 and counts).</summary>
    public double Apply(double value)
    {
        if (value >= Min && value <= Max)
        {
            return value;
        }

        ClampCount++;
        return double.IsNaN(value) ? Math.Clamp(0, Min, Max) : Math.Clamp(value, Min, Max);
    }
}

/// <summary>Limits how fast a command may change: at most <c>maxRatePerS</c>·T per sample of period T.</summary>
public sealed class SlewLimiter(double maxRatePerS, double rateHz)
{
    private readonly double _maxStep = maxRatePerS > 0 && rateHz > 0 ? maxRatePerS / rateHz : throw new ArgumentOutOfRangeException(nameof(maxRatePerS), "slew rate and sample rate must be positive");
    private double _last;

    /// <summary>Samples whose step was limited.</summary>
    public long LimitedCount { get; private set; }

    /// <summary>The command moved toward <paramref name="target"/> by at most one step.</summary>
    public double Apply(double target)
    {
        double step = target - _last;
        if (step > _maxStep)
        {
            step = _maxStep;
            LimitedCount++;
        }
        else if (step < -_maxStep)
        {
            step = -_maxStep;
            LimitedCount++;
        }

        _last += step;
        return _last;
    }

    /// <summary>Sets the current output (on a loop restart).</summary>
    public void Reset(double value = 0) => _last = value;
}
