namespace JinanOnboard.Studies.RingTwinField.KeyRate;

/// <summary>
/// Secret-key rate (bits/s) of an SNS-TF link against its total loss, optimised per loss on a grid and interpolated in
/// log10(rate). A link of total transmittance η is rated with its loss split evenly over the two arms
/// (η_A = η_B = √η, Charlie in the middle), the convention in which TF rates are quoted against channel loss and the one
/// in which the √η scaling shows. Each grid point is one finite-key block of <see cref="BlockSeconds"/> at the
/// repetition rate (assumed block: the study does not say how a day of key is cut into blocks).
/// </summary>
public sealed class SnsTfRateTable
{
    private readonly double[] _log10Rate;
    private readonly SnsTfParameters[] _parameters;

    /// <summary>Optimise on the grid 0, step, 2·step, ... up to <paramref name="maxLossDb"/> (stops early once no key is left).</summary>
    public SnsTfRateTable(double repetitionRateHz, double blockSeconds, SnsTfSettings settings, double stepDb = 0.5, double maxLossDb = 100)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(repetitionRateHz);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blockSeconds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepDb);
        RepetitionRateHz = repetitionRateHz;
        BlockSeconds = blockSeconds;
        StepDb = stepDb;
        Settings = settings;
        var rates = new List<double>();
        var parameters = new List<SnsTfParameters>();
        SnsTfParameters? warm = null;
        double pulses = repetitionRateHz * blockSeconds;
        for (int i = 0; i * stepDb <= maxLossDb + 1e-9; i++)
        {
            double arm = Math.Pow(10, -i * stepDb / 20);
            SnsTfOptimum best = SnsTfOptimizer.Optimize(arm, arm, pulses, settings, warm);
            double rate = best.Block.SecretBits / blockSeconds;
            rates.Add(rate > 0 ? Math.Log10(rate) : double.NegativeInfinity);
            parameters.Add(best.Parameters);
            warm = best.Parameters;
            if (rate <= 0 && i > 0)
            {
                break;
            }
        }

        _log10Rate = [.. rates];
        _parameters = [.. parameters];
        MaxLossDb = (_log10Rate.Length - 1) * stepDb;
    }

    /// <summary>Pulse rate, Hz.</summary>
    public double RepetitionRateHz { get; }

    /// <summary>Finite-key block length, seconds.</summary>
    public double BlockSeconds { get; }

    /// <summary>Grid step, dB.</summary>
    public double StepDb { get; }

    /// <summary>The model's fixed figures.</summary>
    public SnsTfSettings Settings { get; }

    /// <summary>Last grid loss evaluated (the first with no key, or the ceiling), dB.</summary>
    public double MaxLossDb { get; }

    /// <summary>Largest loss with key on the grid, dB.</summary>
    public double MaxLossWithKeyDb => (Array.FindLastIndex(_log10Rate, double.IsFinite) is int i && i >= 0 ? i : 0) * StepDb;

    /// <summary>Secret-key rate at total loss <paramref name="lossDb"/>, bits/s (0 beyond the last loss with key).</summary>
    public double RateBitsPerS(double lossDb)
    {
        if (!(lossDb >= 0) || double.IsPositiveInfinity(lossDb))
        {
            return lossDb < 0 ? RateBitsPerS(0) : 0;
        }

        double x = lossDb / StepDb;
        int i = (int)Math.Floor(x);
        if (i >= _log10Rate.Length - 1)
        {
            return i == _log10Rate.Length - 1 && x == i && double.IsFinite(_log10Rate[i]) ? Math.Pow(10, _log10Rate[i]) : 0;
        }

        double lo = _log10Rate[i];
        double hi = _log10Rate[i + 1];
        if (!double.IsFinite(lo))
        {
            return 0;
        }

        // Between the last point with key and the first without, interpolation has no end point: no key there.
        return double.IsFinite(hi) ? Math.Pow(10, lo + ((x - i) * (hi - lo))) : 0;
    }

    /// <summary>The parameters optimised at the grid point nearest <paramref name="lossDb"/>.</summary>
    public SnsTfParameters ParametersAt(double lossDb) => _parameters[Math.Clamp((int)Math.Round(lossDb / StepDb), 0, _parameters.Length - 1)];
}
