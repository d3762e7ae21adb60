using JinanOnboard.Control.Configuration;
using JinanOnboard.Control.Scheduling;

namespace JinanOnboard.PointingBench.Ends;

/// <summary>The one place a bench chooses its fast steering mirror: through the real E-727 driver, or the plant model directly.</summary>
public static class MirrorPlants
{
    /// <summary>A mirror for an end whose rate-group time base is <paramref name="clock"/>.</summary>
    /// <param name="device">A HIL profile's fine mirror on a real bus: used instead of any simulation when given.</param>
    public static IMirrorPlant Create(string name, MirrorSettings settings, FixedRateScheduler clock, bool throughDriver, Devices.Profiles.DeviceEntry? device = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (device is not null)
        {
            return DeviceMirror.OpenAsync(device).GetAwaiter().GetResult();
        }

        return throughDriver
            ? E727Mirror.ConnectAsync(name, settings, clock.TicksPerSecond, (int)clock.MinPeriodTicks).GetAwaiter().GetResult()
            : new BypassedMirror($"simulated piezo FSM ({name})", settings, 1.0 / clock.TicksPerSecond, (int)clock.MinPeriodTicks);
    }
}
