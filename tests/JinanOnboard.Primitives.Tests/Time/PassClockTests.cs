using JinanOnboard.Primitives.Time;
using Microsoft.Extensions.Time.Testing;

namespace JinanOnboard.Primitives.Tests.Time;

public sealed class PassClockTests
{
    [Fact]
    public void Virtual_clock_starts_at_zero_and_moves_only_when_advanced()
    {
        VirtualPassClock clock = PassClock.Virtual();
        Assert.Equal(TimeSpan.Zero, clock.Now);

        clock.AdvanceTo(TimeSpan.FromMilliseconds(250));
        Assert.Equal(TimeSpan.FromMilliseconds(250), clock.Now);
        Assert.Equal(TimeSpan.FromMilliseconds(250), clock.Now);
    }

    [Fact]
    public void Virtual_clock_never_runs_backwards()
    {
        VirtualPassClock clock = PassClock.Virtual();
        clock.AdvanceTo(TimeSpan.FromSeconds(2));
        clock.AdvanceTo(TimeSpan.FromSeconds(1));
        clock.AdvanceTo(TimeSpan.FromSeconds(-5));

        Assert.Equal(TimeSpan.FromSeconds(2), clock.Now);
    }

    [Fact]
    public async Task Virtual_clock_is_monotonic_under_concurrent_advances_and_ends_at_the_maximum()
    {
        VirtualPassClock clock = PassClock.Virtual();
        var random = new Random(7);
        long[][] targets = [.. Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, 20_000).Select(_ => (long)random.Next(1, 1_000_000)).ToArray())];
        long maximum = targets.SelectMany(t => t).Max();
        bool backwards = false;

        Task reader = Task.Run(() =>
        {
            TimeSpan last = TimeSpan.Zero;
            for (int i = 0; i < 200_000; i++)
            {
                TimeSpan now = clock.Now;
                backwards |= now < last;
                last = now;
            }
        });
        Task[] writers = [.. targets.Select(t => Task.Run(() =>
        {
            foreach (long ticks in t)
            {
                clock.AdvanceTo(TimeSpan.FromTicks(ticks));
            }
        }))];

        await Task.WhenAll([reader, .. writers]).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.False(backwards);
        Assert.Equal(TimeSpan.FromTicks(maximum), clock.Now);
    }

    [Fact]
    public void Real_time_clock_follows_the_time_provider_from_its_creation()
    {
        var time = new FakeTimeProvider();
        time.Advance(TimeSpan.FromHours(3)); // before creation: not part of the pass
        PassClock clock = PassClock.RealTime(time);

        Assert.Equal(TimeSpan.Zero, clock.Now);
        time.Advance(TimeSpan.FromMilliseconds(1500));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), clock.Now);
    }
}
