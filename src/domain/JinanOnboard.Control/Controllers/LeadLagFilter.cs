namespace JinanOnboard.Control.Controllers;

/// <summary>
/// First-order lead-lag compensator C(s) = K·(1 + s/ωz)/(1 + s/ωp), discretised by the bilinear (Tustin) transform
/// s = (2/T)(z − 1)/(z + 1) with the zero and pole frequencies pre-warped, ω → (2/T)·tan(ωT/2), so they land exactly
/// where configured (Franklin, Powell &amp; Workman, "Digital Control of Dynamic Systems", 3rd ed., §6.3.2).
/// A lead when the zero is below the pole, a lag when above. Allocation-free.
/// </summary>
public sealed class LeadLagFilter
{
    private readonly double _b0;
    private readonly double _b1;
    private readonly double _a1;
    private double _previousInput;
    private double _previousOutput;

    /// <param name="gain">K, the DC gain.</param>
    /// <param name="zeroHz">Zero frequency, Hz.</param>
    /// <param name="poleHz">Pole frequency, Hz (below Nyquist).</param>
    /// <param name="rateHz">Sample rate, Hz.</param>
    public LeadLagFilter(double gain, double zeroHz, double poleHz, double rateHz)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rateHz);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(zeroHz);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(poleHz);
        if (zeroHz >= rateHz / 2 || poleHz >= rateHz / 2)
        {
            throw new ArgumentOutOfRangeException(nameof(poleHz), $"zero {zeroHz} Hz and pole {poleHz} Hz must lie below Nyquist ({rateHz / 2} Hz)");
        }

        double t = 1.0 / rateHz;
        double c = 2.0 / t;
        double wz = c * Math.Tan(Math.PI * zeroHz * t); // pre-warped 2π f
        double wp = c * Math.Tan(Math.PI * poleHz * t);

        // C(s) = K (wp/wz) (s + wz)/(s + wp); substitute s = c (z-1)/(z+1) and divide by (c + wp).
        double k = gain * wp / wz;
        double den = c + wp;
        _b0 = k * (c + wz) / den;
        _b1 = k * (wz - c) / den;
        _a1 = (wp - c) / den;
    }

    /// <summary>y[n] = b0·x[n] + b1·x[n−1] − a1·y[n−1].</summary>
    public double Step(double input)
    {
        double output = (_b0 * input) + (_b1 * _previousInput) - (_a1 * _previousOutput);
        _previousInput = input;
        _previousOutput = output;
        return output;
    }

    /// <summary>The filter's gain at <paramref name="frequencyHz"/> (exact for the discrete filter).</summary>
    public double MagnitudeAt(double frequencyHz, double rateHz)
    {
        double w = 2 * Math.PI * frequencyHz / rateHz;
        System.Numerics.Complex z = System.Numerics.Complex.FromPolarCoordinates(1, -w); // z^-1
        System.Numerics.Complex h = (_b0 + (_b1 * z)) / (1 + (_a1 * z));
        return h.Magnitude;
    }

    /// <summary>Clears the filter memory.</summary>
    public void Reset()
    {
        _previousInput = 0;
        _previousOutput = 0;
    }
}
