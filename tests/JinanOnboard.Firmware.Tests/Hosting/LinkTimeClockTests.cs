using JinanOnboard.Runtime.Link;
using Microsoft.Extensions.Time.Testing;

namespace JinanOnboard.Firmware.Tests.Hosting;

/// <summary>The link time the emulation's outages are read on: the pass time, never slower than real time.</summary>
public sealed class LinkTimeClockTests
{
    [Fact]
    public void Follows_a_fast_pass_clock_and_coasts_at_wall_rate_while_it_stands_still()
    {
        var time = new FakeTimeProvider();
        TimeSpan pass = TimeSpan.Zero;
        var clock = new LinkTimeClock(() => pass, time);

        Assert.Equal(TimeSpan.Zero, clock.Now());

        // Fast mode: 20 s of pass in 10 ms of wall time are followed as they are.
        time.Advance(TimeSpan.FromMilliseconds(10));
        pass = TimeSpan.FromSeconds(20);
        Assert.Equal(TimeSpan.FromSeconds(20), clock.Now());

        // The pass driver stalls (an outage holds its window): the link time moves on at wall rate.
        time.Advance(TimeSpan.FromSeconds(1.5));
        Assert.Equal(TimeSpan.FromSeconds(21.5), clock.Now());
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(22.5), clock.Now());

        // The pass clock moves again but is behind the coasted link time: the link time stays monotonic...
        pass = TimeSpan.FromSeconds(22);
        Assert.Equal(TimeSpan.FromSeconds(22.5), clock.Now());

        // ...and follows it as soon as it is ahead.
        pass = TimeSpan.FromSeconds(40);
        Assert.Equal(TimeSpan.FromSeconds(40), clock.Now());
    }

    [Fact]
    public void Before_the_pass_begins_the_link_time_waits_at_zero_however_long_the_start_up_takes()
    {
        var time = new FakeTimeProvider();
        TimeSpan pass = TimeSpan.Zero;
        var clock = new LinkTimeClock(() => pass, time);

        // Handshake, wiring and a real-time calibration on a loaded machine: 12 s of wall time, the pass not begun.
        time.Advance(TimeSpan.FromSeconds(12));
        Assert.Equal(TimeSpan.Zero, clock.Now());

        // The pass begins: followed, then coasting from there.
        pass = TimeSpan.FromSeconds(0.5);
        Assert.Equal(TimeSpan.FromSeconds(0.5), clock.Now());
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.FromSeconds(2.5), clock.Now());
    }
}
