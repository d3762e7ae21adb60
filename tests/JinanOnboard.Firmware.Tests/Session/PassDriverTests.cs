using JinanOnboard.Payload.Components.Session;
using JinanOnboard.Ground.Components.Session;
using JinanOnboard.Firmware.Tests.Harness;
using Microsoft.Extensions.Time.Testing;

namespace JinanOnboard.Firmware.Tests.Session;

public sealed class PassDriverTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task Fast_mode_runs_every_tick_without_waiting_for_the_clock()
    {
        var time = new FakeTimeProvider(); // never advanced: any wait would hang
        var driver = new PassDriver(TimeSpan.FromSeconds(1), Tick, realtime: false, time);
        List<TimeSpan> ticks = driver.Tick.Record();

        await driver.RunAsync(CancellationToken.None).WaitAsync(PortHarness.Timeout);

        Assert.Equal(Enumerable.Range(1, 10).Select(i => Tick * i), ticks);
        Assert.Equal(TimeSpan.FromSeconds(1), driver.PassTime);
    }

    [Fact]
    public async Task The_last_tick_lands_exactly_on_the_duration()
    {
        var driver = new PassDriver(TimeSpan.FromMilliseconds(1050), Tick, realtime: false, TimeProvider.System);
        List<TimeSpan> ticks = driver.Tick.Record();

        await driver.RunAsync(CancellationToken.None).WaitAsync(PortHarness.Timeout);

        Assert.Equal(11, ticks.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(1000), ticks[^2]);
        Assert.Equal(TimeSpan.FromMilliseconds(1050), ticks[^1]);
        Assert.Equal(TimeSpan.FromMilliseconds(1050), driver.PassTime);
    }

    [Fact]
    public async Task Every_tick_handler_runs_before_the_next_tick_in_connection_order()
    {
        var driver = new PassDriver(TimeSpan.FromMilliseconds(300), Tick, realtime: false, TimeProvider.System);
        var log = new List<string>();
        driver.Tick.ConnectTo(async (t, _) => { await Task.Yield(); log.Add($"sync@{t.TotalMilliseconds}"); });
        driver.Tick.ConnectTo((t, _) => { log.Add($"hk@{t.TotalMilliseconds}"); return ValueTask.CompletedTask; });

        await driver.RunAsync(CancellationToken.None).WaitAsync(PortHarness.Timeout);

        Assert.Equal(["sync@100", "hk@100", "sync@200", "hk@200", "sync@300", "hk@300"], log);
    }

    [Fact]
    public async Task Fast_mode_waits_for_the_pace_after_each_tick_and_before_the_pass_time_moves_on()
    {
        var driver = new PassDriver(TimeSpan.FromMilliseconds(300), Tick, realtime: false, TimeProvider.System);
        var log = new List<string>();
        driver.Tick.ConnectTo((t, _) => { log.Add($"tick@{t.TotalMilliseconds}"); return ValueTask.CompletedTask; });
        driver.Paced.ConnectTo(async (t, _) =>
        {
            await Task.Delay(5);
            log.Add($"paced@{t.TotalMilliseconds} pass={driver.PassTime.TotalMilliseconds}");
        });

        await driver.RunAsync(CancellationToken.None).WaitAsync(PortHarness.Timeout);

        Assert.Equal(["tick@100", "paced@100 pass=0", "tick@200", "paced@200 pass=100", "tick@300", "paced@300 pass=200"], log);
    }

    [Fact]
    public async Task Realtime_mode_is_paced_by_the_wall_clock_alone()
    {
        var time = new FakeTimeProvider();
        var driver = new PassDriver(TimeSpan.FromMilliseconds(200), Tick, realtime: true, time);
        int paced = 0;
        driver.Paced.ConnectTo((_, _) => { paced++; return ValueTask.CompletedTask; });
        Task run = driver.RunAsync(CancellationToken.None);
        while (!run.IsCompleted)
        {
            time.Advance(Tick);
            await Task.Delay(1);
        }

        await run;
        Assert.Equal(0, paced);
    }

    [Fact]
    public async Task Realtime_mode_never_runs_ahead_of_the_wall_clock()
    {
        var time = new FakeTimeProvider();
        var driver = new PassDriver(TimeSpan.FromSeconds(1), Tick, realtime: true, time);
        var ticks = new List<(TimeSpan PassTime, TimeSpan WallTime)>();
        long start = time.GetTimestamp();
        driver.Tick.ConnectTo((t, _) =>
        {
            lock (ticks)
            {
                ticks.Add((t, time.GetElapsedTime(start)));
            }

            return ValueTask.CompletedTask;
        });

        // Started on the test thread: the driver reads its start timestamp before this call returns,
        // so every Advance below is measured from the same origin as `start`.
        Task run = driver.RunAsync(CancellationToken.None);

        await AssertStaysAt(ticks, 0);

        time.Advance(TimeSpan.FromMilliseconds(99));
        await AssertStaysAt(ticks, 0);

        time.Advance(TimeSpan.FromMilliseconds(1));
        await WaitForCount(ticks, 1);
        await AssertStaysAt(ticks, 1);

        // A jump of 250 ms: ticks 200 and 300 are due, 400 is not.
        time.Advance(TimeSpan.FromMilliseconds(250));
        await WaitForCount(ticks, 3);
        await AssertStaysAt(ticks, 3);

        time.Advance(TimeSpan.FromMilliseconds(650));
        await run.WaitAsync(PortHarness.Timeout);

        Assert.Equal(Enumerable.Range(1, 10).Select(i => Tick * i), ticks.Select(t => t.PassTime));
        Assert.All(ticks, t => Assert.True(t.PassTime <= t.WallTime, $"tick {t.PassTime} ran at wall time {t.WallTime}"));
        Assert.Equal(TimeSpan.FromSeconds(1), driver.PassTime);
    }

    [Fact]
    public async Task Realtime_mode_stops_on_cancellation_while_waiting()
    {
        var time = new FakeTimeProvider();
        var driver = new PassDriver(TimeSpan.FromSeconds(1), Tick, realtime: true, time);
        List<TimeSpan> ticks = driver.Tick.Record();
        using var cts = new CancellationTokenSource();

        Task run = driver.RunAsync(cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(PortHarness.Timeout));
        Assert.Empty(ticks);
        Assert.Equal(TimeSpan.Zero, driver.PassTime);
    }

    private static async Task WaitForCount<T>(List<T> items, int count)
    {
        using var timeout = new CancellationTokenSource(PortHarness.Timeout);
        while (Count(items) < count)
        {
            await Task.Delay(5, timeout.Token);
        }
    }

    private static async Task AssertStaysAt<T>(List<T> items, int count)
    {
        // Give a wrongly scheduled tick a chance to show up before checking it did not.
        await Task.Delay(50);
        Assert.Equal(count, Count(items));
    }

    private static int Count<T>(List<T> items)
    {
        lock (items)
        {
            return items.Count;
        }
    }
}
