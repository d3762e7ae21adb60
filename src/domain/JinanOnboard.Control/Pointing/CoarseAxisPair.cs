using JinanOnboard.Control.Configuration;
using JinanOnboard.Control.Controllers;

namespace JinanOnboard.Control.Pointing;

/// <summary>
/// The control law both coarse stages share (attitude on reaction wheels, gimbal on its motors), per axis: an angular
/// acceleration command a = a_ff − (Kp·e + Ki·∫e + Kd·ė), with e the pointing error (µrad), ė its rate from the rate
/// sensor (gyro, encoder), a_ff the predicted line-of-sight acceleration; torque = J·a, limited to the actuator's torque
/// with anti-windup (<see cref="PidController"/>). Gains are per unit inertia so they do not change with the body.
/// </summary>
public sealed class CoarseAxisPair
{
    private const double RadiansPerMicroradian = 1e-6;
    private readonly PidController _x;
    private readonly PidController _y;
    private readonly double _inertia;

    public CoarseAxisPair(CoarseLoopSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _inertia = settings.InertiaKgM2;
        double accelLimit = settings.TorqueLimitNm / (settings.InertiaKgM2 * RadiansPerMicroradian); // µrad/s²
        _x = new PidController(settings.KpPerS2, settings.KiPerS3, settings.KdPerS, settings.RateHz, -accelLimit, accelLimit);
        _y = new PidController(settings.KpPerS2, settings.KiPerS3, settings.KdPerS, settings.RateHz, -accelLimit, accelLimit);
    }

    /// <summary>Cycles whose torque hit the limit on either axis.</summary>
    public long SaturatedCycles { get; private set; }

    /// <summary>One cycle: errors (µrad), error rates (µrad/s), feedforward (µrad/s²) → torque (N·m).</summary>
    public TorqueCommand Step(double ex, double ey, double rateX, double rateY, double feedforwardX, double feedforwardY)
    {
        // The PID acts on −e so its output is the corrective acceleration; the feedforward passes through its limit too.
        double ax = _x.Step(-ex, -rateX) + feedforwardX;
        double ay = _y.Step(-ey, -rateY) + feedforwardY;
        if (_x.Saturated || _y.Saturated)
        {
            SaturatedCycles++;
        }

        return new TorqueCommand(_inertia * ax * RadiansPerMicroradian, _inertia * ay * RadiansPerMicroradian);
    }
}
