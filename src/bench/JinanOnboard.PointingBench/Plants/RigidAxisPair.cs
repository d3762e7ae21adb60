using System.Runtime.CompilerServices;
using JinanOnboard.Control.Dynamics;
using JinanOnboard.Control.Pointing;

namespace JinanOnboard.PointingBench.Plants;

/// <summary>
/// Two decoupled axes of a body turned by torques: the satellite on its reaction wheels (J θ'' = τ + τ_d, wheel torque
/// and momentum limited: a wheel at its momentum limit cannot give more torque in that direction) or the OGS gimbal
/// on its motors (with viscous friction). Angles in µrad. Small-angle, axis-decoupled: cross-coupling of the axes
/// and gyroscopic terms are neglected, as they are for a slowly turning microsatellite and a two-axis mount.
/// </summary>
public sealed class RigidAxisPair
{
    private readonly SecondOrderAxis _x;
    private readonly SecondOrderAxis _y;
    private readonly double _torqueLimit;
    private readonly double _momentumLimit;
    private double _wheelX;
    private double _wheelY;

    public RigidAxisPair(double inertiaKgM2, double frictionPerS, double torqueLimitNm, double momentumLimitNms, double tickS, int maxStepTicks)
    {
        double gain = 1e6 / inertiaKgM2; // µrad/s² per N·m
        _x = new SecondOrderAxis(0, frictionPerS, gain, tickS, maxStepTicks);
        _y = new SecondOrderAxis(0, frictionPerS, gain, tickS, maxStepTicks);
        _torqueLimit = torqueLimitNm;
        _momentumLimit = momentumLimitNms;
        TickS = tickS;
    }

    /// <summary>Base tick, s.</summary>
    public double TickS { get; }

    /// <summary>Angle, µrad.</summary>
    public double X => _x.Position;

    /// <summary>Angle, µrad.</summary>
    public double Y => _y.Position;

    /// <summary>Rate, µrad/s.</summary>
    public double XRate => _x.Velocity;

    /// <summary>Rate, µrad/s.</summary>
    public double YRate => _y.Velocity;

    /// <summary>Steps at which a wheel sat at its momentum limit.</summary>
    public long MomentumLimitedSteps { get; private set; }

    /// <summary>The commanded torque, applied (after limits) until the next command.</summary>
    public TorqueCommand Command { get; set; }

    /// <summary>Sets the initial attitude and rate.</summary>
    public void Reset(double x, double y, double xRate, double yRate)
    {
        _x.Reset(x, xRate);
        _y.Reset(y, yRate);
    }

    /// <summary>Advances with the command and external disturbance torques (N·m).</summary>
    // Per fine tick: compiled at first call with inlining across assemblies, which ReadyToRun code lacks (issue 16).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Advance(int ticks, double disturbanceX, double disturbanceY)
    {
        double tx = Limit(Command.XNewtonMetres, ref _wheelX, ticks);
        double ty = Limit(Command.YNewtonMetres, ref _wheelY, ticks);
        _x.Advance(ticks, tx + disturbanceX);
        _y.Advance(ticks, ty + disturbanceY);
    }

    private double Limit(double torque, ref double wheelMomentum, int ticks)
    {
        double t = Math.Clamp(torque, -_torqueLimit, _torqueLimit);
        double next = wheelMomentum - (t * ticks * TickS); // the wheel takes the opposite momentum
        if (Math.Abs(next) > _momentumLimit)
        {
            MomentumLimitedSteps++;
            return 0;
        }

        wheelMomentum = next;
        return t;
    }
}
