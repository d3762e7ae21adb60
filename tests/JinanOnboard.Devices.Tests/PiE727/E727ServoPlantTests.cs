using System.Globalization;
using System.Text;
using JinanOnboard.Devices.Simulated.PiE727;
using Microsoft.Extensions.Time.Testing;

namespace JinanOnboard.Devices.Tests.PiE727;

/// <summary>
/// The served E-727's mechanics (<see cref="E727ServoPlant"/>): POS? reports a second-order plant
/// x'' = −2ζω x' − ω²(x − u) driven by the MOV target on the simulator's own clock, so a step shows the textbook
/// underdamped response — peak overshoot exp(−ζπ/√(1−ζ²)) at t_p = π/(ω√(1−ζ²)) — and nothing moves while time stands.
/// </summary>
public sealed class E727ServoPlantTests
{
    private const double ResonanceHz = 500;
    private const double Damping = 0.5;

    [Fact]
    public void A_step_target_gives_the_second_order_overshoot_at_the_peak_time_then_settles()
    {
        var time = new FakeTimeProvider();
        var controller = new SimulatedE727(new SimulatedE727Options { ServoOnAtStart = true }, time);
        E727ServoPlant.Attach(controller, ResonanceHz, Damping, time);

        controller.Execute("MOV 1 0.1"u8); // 0.1 mrad = 100 µrad on axis 1 only
        double peak = 0, peakAtS = 0;
        for (int step = 1; step <= 400; step++) // 10 µs steps over 4 ms
        {
            time.Advance(TimeSpan.FromTicks(100));
            double x = Position(controller, "1");
            if (x > peak)
            {
                (peak, peakAtS) = (x, step * 10e-6);
            }
        }

        double root = Math.Sqrt(1 - (Damping * Damping));
        double overshoot = Math.Exp(-Damping * Math.PI / root);
        double peakTimeS = Math.PI / (2 * Math.PI * ResonanceHz * root);
        Assert.InRange(peak / 0.1, 1 + overshoot - 0.005, 1 + overshoot + 0.005);
        Assert.InRange(peakAtS, peakTimeS - 20e-6, peakTimeS + 20e-6);
        Assert.Equal(0, Position(controller, "2"));

        time.Advance(TimeSpan.FromMilliseconds(20));
        Assert.Equal(0.1, Position(controller, "1"), 6);
    }

    [Fact]
    public void While_the_clock_stands_still_the_mirror_stays_where_it_is()
    {
        var time = new FakeTimeProvider();
        var controller = new SimulatedE727(new SimulatedE727Options { ServoOnAtStart = true }, time);
        E727ServoPlant.Attach(controller, ResonanceHz, Damping, time);

        controller.Execute("MOV 2 -0.05"u8);
        time.Advance(TimeSpan.FromTicks(3_000)); // 0.3 ms: mid-rise
        double first = Position(controller, "2");
        double again = Position(controller, "2");

        Assert.InRange(first, -0.05, -0.001);
        Assert.Equal(first, again);
    }

    /// <summary>POS? for one axis: the reply line "axis=value" (GCS 2.0).</summary>
    private static double Position(SimulatedE727 controller, string axis)
    {
        string reply = Encoding.ASCII.GetString(controller.Execute("POS? " + axis)!).Trim();
        Assert.StartsWith(axis + "=", reply, StringComparison.Ordinal);
        return double.Parse(reply[(axis.Length + 1)..], CultureInfo.InvariantCulture);
    }
}
