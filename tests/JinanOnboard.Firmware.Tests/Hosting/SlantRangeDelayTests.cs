using JinanOnboard.Firmware.Tests.Harness;
using JinanOnboard.Physics.Timeline;
using JinanOnboard.Runtime.Hosting;
using JinanOnboard.Runtime.Link;
using JinanOnboard.Runtime.Plan;

namespace JinanOnboard.Firmware.Tests.Hosting;

/// <summary>The link emulation's one-way delay over the default pass (configs/default.json, <c>delay_ms: null</c>).</summary>
public sealed class SlantRangeDelayTests
{
    [Fact]
    public void The_delay_follows_the_slant_range_largest_at_rise_and_set_smallest_at_culmination()
    {
        RunPlan plan = TestPlans.Resolve(FirmwareRole.Payload, Path.Combine(Path.GetTempPath(), "slant-" + Guid.NewGuid().ToString("N")));
        PassTimeline timeline = plan.Timeline;
        var delay = new SlantRangeDelay(timeline);
        PassSample culmination = timeline.Samples.MaxBy(s => s.ElevationDeg)!;

        double rise = delay.At(0);
        double top = delay.At(culmination.PassSeconds);
        double set = delay.At(timeline.DurationS);

        // Jinan-1 at ~500 km: about 1.7 ms overhead. The default 300 s window starts and ends a few degrees above
        // the horizon, where the slant range reaches ~1 250 km, i.e. a little over 4 ms (4.18 ms at rise).
        Assert.InRange(top, 1.65e-3, 2.0e-3);
        Assert.InRange(rise, 3.5e-3, 4.5e-3);
        Assert.InRange(set, 3.5e-3, 4.5e-3);

        // Independent check of the physics: τ ≈ ρ / c, the light-time correction (satellite motion during flight,
        // Sagnac) staying below |v|·τ / c ≈ 0.1 µs.
        foreach (PassSample sample in new[] { timeline.Samples[0], culmination, timeline.Samples[^1] })
        {
            Assert.Equal(sample.RangeKm / PassTimeline.LightSpeedKmPerS, delay.At(sample.PassSeconds), 2e-7);
        }
        Assert.True(top < rise && top < set, $"rise {rise * 1e3:F4} ms, culmination {top * 1e3:F4} ms, set {set * 1e3:F4} ms");
        Assert.Equal(Math.Max(rise, set), delay.MaxS, 9);

        // The table is the light time of the orbit layer: at and between its knots it agrees with the exact value to
        // well under a microsecond (the interpolation bound in SlantRangeDelay is ~50 ns).
        foreach (double t in new[] { 0.0, 17.5, culmination.PassSeconds, 123.25, timeline.DurationS - 0.5 })
        {
            Assert.Equal(timeline.OneWayDelayS(t), delay.At(t), 1e-7);
        }

        Assert.Equal(delay.MaxS, LinkEmulationFactory.MaxOneWayDelay(plan.Configuration, FirmwareRole.Payload, delay).TotalSeconds, 6);
    }
}
