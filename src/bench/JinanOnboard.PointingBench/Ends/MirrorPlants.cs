using JinanOnboard.Control.Configuration;
using JinanOnboard.Control.Scheduling;

namespace JinanOnboard.PointingBench.Ends;

/// <summary>The one place a bench chooses its fast steering mirror: through the real E-727 driver, or the plant model directly.</summary>
public static class MirrorPlants
{
    /// <summary>A mirror for an end whose rate-group time base is <paramref name="clock"/>.</summary>
    public static IMirrorPlant Create(string name, MirrorSettings settings, FixedRateScheduler clock, bool throughDriver)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return throughDriver
            ? E727Mirror.ConnectAsync(name, settings, clock.TicksPerSecond, (int)clock.MinPeriodTicks).GetAwaiter().GetResult()
            : new BypassedMirror($"simulated piezo FSM ({name})", settings, 1.0 / clock.TicksPerSecond, (int)clock.MinPeriodTicks);
    }
}
