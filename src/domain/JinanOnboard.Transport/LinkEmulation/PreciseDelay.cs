namespace JinanOnboard.Transport.LinkEmulation;

/// <summary>
/// Waits until a deadline on a <see cref="TimeProvider"/>, with tick precision and without losing a race against a
/// clock that jumps. Two pitfalls this avoids: Task.Delay(TimeSpan, TimeProvider) passes whole milliseconds to the
/// provider (under a fake clock a 5.1 ms delay fired at 5.0 ms), and a relative timer created just after the clock
/// was advanced fires late by that advance (the test sees nothing arrive and hangs).
/// </summary>
internal static class PreciseDelay
{
    /// <summary>Completes once <paramref name="now"/> reaches <paramref name="deadline"/>.</summary>
    public static async Task UntilAsync(TimeProvider time, Func<TimeSpan> now, TimeSpan deadline, CancellationToken ct)
    {
        TimeSpan remaining = deadline - now();
        if (remaining <= TimeSpan.Zero)
        {
            return;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using ITimer timer = time.CreateTimer(static state => ((TaskCompletionSource)state!).TrySetResult(), done, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        await using CancellationTokenRegistration registration = ct.Register(static state => ((TaskCompletionSource)state!).TrySetCanceled(), done);
        while (true)
        {
            TimeSpan before = now();
            remaining = deadline - before;
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            timer.Change(remaining, Timeout.InfiniteTimeSpan);

            // A system clock always moves on, so its timer is as good as it gets. A virtual clock that did not move
            // while the timer was armed means the timer is due exactly at the deadline; if it moved, arm again.
            if (ReferenceEquals(time, TimeProvider.System) || now() == before)
            {
                break;
            }
        }

        await done.Task;
        if (now() < deadline)
        {
            // Millisecond-granular timers (the system clock) may fire a little early: wait out the rest.
            await UntilAsync(time, now, deadline, ct);
        }
    }
}
