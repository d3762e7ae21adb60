namespace JinanOnboard.Devices.Simulated.Mirrors;

/// <summary>
/// One tilt axis of a closed-loop analog steering mirror seen from its command input: a second-order lag
/// theta'' = wn^2 (K u - theta) - 2 zeta wn theta', with the input u held between changes (zero-order hold). Assumed
/// model (README): wn from the FSM-300's closed-loop -3 dB bandwidth (>= 800 Hz, manual section 3.1), zeta chosen for
/// the manual's "peaking <= 3 dB". Integrated with classical RK4 in steps of at most 5 us; after 50 ms without a
/// change the state is set to its steady value (the transient has decayed by e^-150).
/// </summary>
internal sealed class SecondOrderAxis(double naturalFrequencyHz, double dampingRatio)
{
    private const double MaxStepSeconds = 5e-6;
    private const double SettledAfterSeconds = 0.05;

    private readonly double omega = 2.0 * Math.PI * naturalFrequencyHz;
    private double angle;
    private double rate;

    /// <summary>Tilt now, microradians.</summary>
    public double AngleMicroradians => angle;

    /// <summary>Advances by <paramref name="seconds"/> with the commanded angle held at <paramref name="targetMicroradians"/>.</summary>
    public void Advance(double seconds, double targetMicroradians)
    {
        if (seconds <= 0)
        {
            return;
        }

        if (seconds >= SettledAfterSeconds)
        {
            angle = targetMicroradians;
            rate = 0;
            return;
        }

        int steps = (int)Math.Ceiling(seconds / MaxStepSeconds);
        double h = seconds / steps;
        for (int i = 0; i < steps; i++)
        {
            (double k1a, double k1r) = Derivative(angle, rate, targetMicroradians);
            (double k2a, double k2r) = Derivative(angle + h / 2 * k1a, rate + h / 2 * k1r, targetMicroradians);
            (double k3a, double k3r) = Derivative(angle + h / 2 * k2a, rate + h / 2 * k2r, targetMicroradians);
            (double k4a, double k4r) = Derivative(angle + h * k3a, rate + h * k3r, targetMicroradians);
            angle += h / 6 * (k1a + 2 * k2a + 2 * k3a + k4a);
            rate += h / 6 * (k1r + 2 * k2r + 2 * k3r + k4r);
        }
    }

    private (double Rate, double Acceleration) Derivative(double a, double r, double target)
        => (r, omega * omega * (target - a) - 2 * dampingRatio * omega * r);
}
