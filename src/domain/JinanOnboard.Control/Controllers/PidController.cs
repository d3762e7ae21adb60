using System.Runtime.CompilerServices;

namespace JinanOnboard.Control.Controllers;

/// <summary>
/// Discrete PID at a fixed sample period T, parallel form u = Kp·e + Ki·∫e + Kd·ė. The integral is
/// forward Euler (Åström &amp; Hägglund, "Advanced PID Control", 2006, §13.2), the derivative either measured
/// (a rate sensor, passed to <see cref="Step(double, double)"/>) or the difference of the error through a first-order
/// filter of time constant Td/N, Td = Kd/Kp, discretised by backward difference (§13.2).
/// Output limits with anti-windup by conditional integration: the integrator does not move further in the direction
/// that keeps the output saturated (Åström &amp; Hägglund §3.5), so a long saturation never leaves a wound-up state.
/// Allocation-free; one instance per axis.
/// </summary>
public sealed class PidController
{
    private readonly double _kp;
    private readonly double _ki;
    private readonly double _kd;
    private readonly double _periodS;
    private readonly double _min;
    private readonly double _max;
    private readonly double _derivativeAlpha;
    private double _integral;
    private double _previousError;
    private double _derivative;
    private bool _started;

    /// <param name="kp">Proportional gain.</param>
    /// <param name="ki">Integral gain, per second.</param>
    /// <param name="kd">Derivative gain, seconds.</param>
    /// <param name="rateHz">Sample rate.</param>
    /// <param name="outputMin">Lower output limit.</param>
    /// <param name="outputMax">Upper output limit.</param>
    /// <param name="derivativeFilterN">N of the derivative filter (time constant Kd/(N·Kp)); typical 5–20.</param>
    public PidController(double kp, double ki, double kd, double rateHz, double outputMin = double.NegativeInfinity, double outputMax = double.PositiveInfinity, double derivativeFilterN = 10)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rateHz);
        ArgumentOutOfRangeException.ThrowIfNegative(kp);
        ArgumentOutOfRangeException.ThrowIfNegative(ki);
        ArgumentOutOfRangeException.ThrowIfNegative(kd);
        if (!(outputMin < outputMax))
        {
            throw new ArgumentException($"output limits [{outputMin}, {outputMax}] are empty");
        }

        _kp = kp;
        _ki = ki;
        _kd = kd;
        _periodS = 1.0 / rateHz;
        _min = outputMin;
        _max = outputMax;
        double tf = kp > 0 && kd > 0 ? kd / (kp * derivativeFilterN) : 0;
        _derivativeAlpha = tf / (tf + _periodS); // backward-difference first-order filter
    }

    /// <summary>Sample period, seconds.</summary>
    public double PeriodS => _periodS;

    /// <summary>The integral term's current contribution Ki·∫e.</summary>
    public double IntegralTerm => _integral;

    /// <summary>True when the last output was limited.</summary>
    public bool Saturated { get; private set; }

    /// <summary>One sample: the derivative is the filtered difference of the error.</summary>
    public double Step(double error)
    {
        double raw = _started ? (error - _previousError) / _periodS : 0;
        _derivative = (_derivativeAlpha * _derivative) + ((1 - _derivativeAlpha) * raw);
        _previousError = error;
        _started = true;
        return Step(error, _derivative);
    }

    /// <summary>One sample with a measured error rate (rate sensor), so noise is not differentiated.</summary>
    // Per fine tick: compiled at first call with inlining across assemblies, which ReadyToRun code lacks (issue 16).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Step(double error, double errorRate)
    {
        double unclamped = (_kp * error) + _integral + (_kd * errorRate);
        double output = Math.Clamp(unclamped, _min, _max);
        Saturated = output != unclamped;

        // Conditional integration: integrate unless saturated and the error pushes further into the limit.
        double increment = _ki * error * _periodS;
        bool windsUp = Saturated && ((unclamped > _max && increment > 0) || (unclamped < _min && increment < 0));
        if (!windsUp)
        {
            _integral += increment;
        }

        return output;
    }

    /// <summary>Clears the integrator and derivative state (on a loop (re)start).</summary>
    public void Reset(double integralTerm = 0)
    {
        _integral = integralTerm;
        _previousError = 0;
        _derivative = 0;
        _started = false;
        Saturated = false;
    }
}
