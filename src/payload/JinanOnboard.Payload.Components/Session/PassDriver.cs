using JinanOnboard.Runtime.Ports;

namespace JinanOnboard.Payload.Components.Session;

/// <summary>
/// The payload's rate group: advances pass time in fixed ticks and calls every component wired to
/// <see cref="Tick"/>. As fast as possible by default; with <c>realtime</c> each tick waits until the
/// wall clock (the injected <see cref="TimeProvider"/>) has caught up — the same code in both modes.
/// </summary>
public sealed class PassDriver(TimeSpan duration, TimeSpan tick, bool realtime, TimeProvider timeProvider)
{
    /// <summary>The payload's rate-group period: 100 ms, so sync words leave ten times a second (950 at 9.5 kHz).</summary>
    public static readonly TimeSpan DefaultTickPeriod = TimeSpan.FromMilliseconds(100);

    /// <summary>Output: the pass time at the end of each tick.</summary>
    public AsyncOutputPort<TimeSpan> Tick { get; } = new("pass.tick");

    /// <summary>
    /// Output, as fast as possible only: called after each tick's components, before the pass time moves on. Connected
    /// to the link's flush, it keeps the fast pass from running ahead of what the link has sent, so the link emulation,
    /// read on the pass clock, meets every message within a tick of its pass time (an outage at 20-22 s of pass drops
    /// what was sent then). In real time the wall clock paces the pass.
    /// </summary>
    public AsyncOutputPort<TimeSpan> Paced { get; } = new("pass.paced");

    /// <summary>Pass time reached so far.</summary>
    public TimeSpan PassTime { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        long start = timeProvider.GetTimestamp();
        long ticks = (long)Math.Ceiling(duration / tick);
        for (long i = 1; i <= ticks; i++)
        {
            TimeSpan passTime = i == ticks ? duration : tick * i;
            if (realtime)
            {
                TimeSpan ahead = passTime - timeProvider.GetElapsedTime(start);
                if (ahead > TimeSpan.Zero)
                {
                    await Task.Delay(ahead, timeProvider, cancellationToken);
                }
            }

            await Tick.InvokeAsync(passTime, cancellationToken);
            if (!realtime && Paced.IsConnected)
            {
                await Paced.InvokeAsync(passTime, cancellationToken);
            }

            PassTime = passTime;
        }
    }
}
