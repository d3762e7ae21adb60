using JinanOnboard.Control.Scheduling;

namespace JinanOnboard.Control.Tests;

public sealed class SchedulerTests
{
    [Fact]
    public void Loops_at_20_40_14_and_2000_hz_fire_exactly_their_counts_in_a_second_with_no_drift()
    {
        var scheduler = new FixedRateScheduler([2000, 40, 20, 14]);
        Assert.Equal(14000, scheduler.TicksPerSecond);
        int[] counts = new int[4];
        long end = scheduler.TicksPerSecond * 300 - 1;
        while (scheduler.TryNext(end, out long tick, out uint due))
        {
            for (int i = 0; i < 4; i++)
            {
                if ((due & (1u << i)) != 0)
                {
                    counts[i]++;
                    Assert.Equal(0, tick % scheduler.PeriodTicks(i));
                }
            }
        }

        Assert.Equal([600_000, 12_000, 6_000, 4_200], counts);
    }

    [Fact]
    public void Two_schedulers_give_the_same_sequence_and_coincident_loops_run_in_registration_order()
    {
        static List<(long, uint)> Sequence()
        {
            var s = new FixedRateScheduler([1000, 14, 20]);
            var seq = new List<(long, uint)>();
            while (s.TryNext(s.TicksPerSecond * 2, out long t, out uint due))
            {
                seq.Add((t, due));
            }

            return seq;
        }

        List<(long, uint)> a = Sequence();
        Assert.Equal(a, Sequence());
        Assert.Equal((0L, 0b111u), a[0]); // all three due at t = 0, one mask, run in bit order
        Assert.Contains((7000L, 0b111u), a); // L = lcm(1000, 14, 20) = 7000: all three coincide again at 1 s
    }

    [Fact]
    public void Elapsed_time_from_a_time_provider_maps_to_exact_ticks()
    {
        var s = new FixedRateScheduler([14, 20]);
        Assert.Equal(140, s.TicksPerSecond);
        Assert.Equal(140, s.TickAt(TimeSpan.FromSeconds(1)));
        Assert.Equal(10, s.TickAt(TimeSpan.FromTicks((TimeSpan.TicksPerSecond + 13) / 14))); // one 14 Hz period, rounded up to whole 100 ns
        Assert.Equal(9, s.TickAt(TimeSpan.FromTicks(TimeSpan.TicksPerSecond / 14))); // a hair before it: not yet due
    }
}

public sealed class SchedulerOnATimeProviderTests
{
    [Fact]
    public void Firmware_runs_what_is_due_by_the_injected_clock()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        long start = clock.GetTimestamp();
        var scheduler = new FixedRateScheduler([20, 14]);
        int[] runs = new int[2];
        void RunDue()
        {
            long now = scheduler.TickAt(clock.GetElapsedTime(start));
            while (scheduler.TryNext(now, out _, out uint due))
            {
                for (int i = 0; i < 2; i++)
                {
                    runs[i] += (int)((due >> i) & 1);
                }
            }
        }

        RunDue();
        Assert.Equal([1, 1], runs); // both due at t = 0
        clock.Advance(TimeSpan.FromMilliseconds(120));
        RunDue();
        Assert.Equal([3, 2], runs); // 20 Hz at 0, 50, 100 ms; 14 Hz at 0, 71.4 ms
        clock.Advance(TimeSpan.FromMilliseconds(880));
        RunDue();
        Assert.Equal([21, 15], runs); // through t = 1 s inclusive
    }
}
