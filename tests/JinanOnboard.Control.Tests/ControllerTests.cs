using JinanOnboard.Control.Controllers;
using JinanOnboard.Control.Dynamics;
using JinanOnboard.Control.Limits;
using JinanOnboard.Control.Validity;

namespace JinanOnboard.Control.Tests;

public sealed class ControllerTests
{
    [Fact]
    public void Pi_loop_on_a_unit_integrator_settles_a_step_without_steady_state_error()
    {
        // Plant x' = u (1 kHz), PI on e = 1 − x: the integral removes the error entirely.
        var pid = new PidController(kp: 20, ki: 50, kd: 0, rateHz: 1000);
        double x = 0;
        for (int k = 0; k < 5000; k++)
        {
            x += pid.Step(1 - x) * 1e-3;
        }

        Assert.Equal(1.0, x, 4);
    }

    [Fact]
    public void Anti_windup_holds_the_integrator_while_the_output_is_saturated()
    {
        var pid = new PidController(kp: 1, ki: 100, kd: 0, rateHz: 1000, outputMin: -1, outputMax: 1);
        for (int k = 0; k < 10_000; k++)
        {
            Assert.Equal(1, pid.Step(5));
        }

        Assert.True(pid.Saturated);
        Assert.True(pid.IntegralTerm < 1.0, $"integral wound up to {pid.IntegralTerm}");

        // Once the error reverses the output leaves the limit within a few samples, not after unwinding 10 s of integral.
        int samples = 0;
        while (pid.Step(-0.5) >= 1 && samples < 1000)
        {
            samples++;
        }

        Assert.True(samples < 50, $"took {samples} samples to leave saturation");
    }

    [Fact]
    public void Measured_rate_is_used_instead_of_differentiating_the_error()
    {
        var pid = new PidController(kp: 0, ki: 0, kd: 2, rateHz: 100);
        Assert.Equal(6, pid.Step(123, 3), 12);
    }

    [Fact]
    public void Lead_lag_has_its_dc_gain_and_its_high_frequency_gain_after_the_bilinear_transform()
    {
        var lead = new LeadLagFilter(gain: 2, zeroHz: 10, poleHz: 100, rateHz: 2000);
        double y = 0;
        for (int k = 0; k < 5000; k++)
        {
            y = lead.Step(1);
        }

        Assert.Equal(2, y, 6);                                         // DC gain K
        Assert.Equal(2, lead.MagnitudeAt(0.001, 2000), 4);
        // Nyquist maps to s = ∞: gain K·ωp/ωz with the pre-warped frequencies tan(π f T).
        Assert.Equal(2 * Math.Tan(Math.PI * 100 / 2000) / Math.Tan(Math.PI * 10 / 2000), lead.MagnitudeAt(1000, 2000), 6);
        // The pre-warped zero: |C| at the zero frequency matches the continuous |C(j2π·10)| = 2·|1+j|/|1+j/10|.
        double continuous = 2 * Math.Sqrt(2) / Math.Sqrt(1 + 0.01);
        Assert.Equal(continuous, lead.MagnitudeAt(10, 2000), 2);
    }

    [Fact]
    public void Zero_order_hold_step_of_a_rigid_body_is_exact()
    {
        // x'' = g·u with u held: x = g u t²/2 exactly, whatever the step lengths.
        var body = new SecondOrderAxis(0, 0, 3, 1e-3, 7);
        for (int i = 0; i < 100; i++)
        {
            body.Advance(1 + (i % 7), 2);
        }

        double t = Enumerable.Range(0, 100).Sum(i => 1 + (i % 7)) * 1e-3;
        Assert.Equal(3 * 2 * t * t / 2, body.Position, 9);
        Assert.Equal(3 * 2 * t, body.Velocity, 9);
    }

    [Fact]
    public void Second_order_mirror_settles_on_its_command_and_rings_at_its_resonance()
    {
        double w = 2 * Math.PI * 1000;
        var axis = new SecondOrderAxis(1000, 2 * 0.3 * w, w * w, 1.0 / 14000, 7);
        double peak = 0;
        for (int k = 0; k < 1400; k++)
        {
            axis.Advance(1, 100);
            peak = Math.Max(peak, axis.Position);
        }

        Assert.Equal(100, axis.Position, 3);
        double overshoot = Math.Exp(-Math.PI * 0.3 / Math.Sqrt(1 - (0.3 * 0.3)));
        Assert.Equal(100 * (1 + overshoot), peak, 0); // the textbook overshoot of ζ = 0.3, within 0.5 µrad
    }

    [Fact]
    public void Saturation_clamps_and_counts_and_the_slew_limiter_bounds_each_step()
    {
        var range = Saturation.Symmetric(10);
        Assert.Equal(10, range.Apply(25));
        Assert.Equal(-10, range.Apply(-11));
        Assert.Equal(3, range.Apply(3));
        Assert.Equal(2, range.ClampCount);

        var slew = new SlewLimiter(maxRatePerS: 100, rateHz: 10);
        Assert.Equal(10, slew.Apply(50));
        Assert.Equal(20, slew.Apply(50));
        Assert.Equal(2, slew.LimitedCount);
    }

    [Fact]
    public void Hysteresis_needs_consecutive_samples_to_flip_each_way()
    {
        var h = new ConsecutiveHysteresis(onCount: 3, offCount: 2);
        Assert.False(h.Update(true));
        Assert.False(h.Update(true));
        Assert.False(h.Update(false)); // the run restarts
        Assert.False(h.Update(true));
        Assert.False(h.Update(true));
        Assert.True(h.Update(true));
        Assert.True(h.IsOn);
        Assert.False(h.Update(false));
        Assert.True(h.Update(false));
        Assert.False(h.IsOn);
    }
}
