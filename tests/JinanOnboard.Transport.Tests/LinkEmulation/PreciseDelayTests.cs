using JinanOnboard.Transport.LinkEmulation;
using Microsoft.Extensions.Time.Testing;

namespace JinanOnboard.Transport.Tests.LinkEmulation;

public sealed class PreciseDelayTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_sub_millisecond_deadline_is_kept_to_the_tick()
    {
        var time = new FakeTimeProvider();
        long start = time.GetTimestamp();
        Task wait = PreciseDelay.UntilAsync(time, () => time.GetElapsedTime(start), TimeSpan.FromTicks(51_000), CancellationToken.None);

        time.Advance(TimeSpan.FromTicks(50_999));
        await Task.Delay(50);
        Assert.False(wait.IsCompleted, "fired before the deadline");
        time.Advance(TimeSpan.FromTicks(1));
        await wait.WaitAsync(Timeout);
    }

    [Fact]
    public async Task A_clock_advanced_while_the_timer_is_armed_does_not_make_the_wait_late()
    {
        var time = new FakeTimeProvider();
        long start = time.GetTimestamp();
        int calls = 0;
        TimeSpan Now()
        {
            TimeSpan elapsed = time.GetElapsedTime(start);
            if (++calls == 2)
            {
                // Another thread advances the clock between reading it and arming the timer.
                time.Advance(TimeSpan.FromMilliseconds(3));
            }

            return elapsed;
        }

        Task wait = PreciseDelay.UntilAsync(time, Now, TimeSpan.FromMilliseconds(5), CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(2));
        await wait.WaitAsync(Timeout);
        Assert.Equal(TimeSpan.FromMilliseconds(5), time.GetElapsedTime(start));
    }

    [Fact]
    public async Task Cancellation_ends_the_wait()
    {
        var time = new FakeTimeProvider();
        using var cts = new CancellationTokenSource();
        Task wait = PreciseDelay.UntilAsync(time, () => TimeSpan.Zero, TimeSpan.FromSeconds(1), cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(Timeout));
    }
}
