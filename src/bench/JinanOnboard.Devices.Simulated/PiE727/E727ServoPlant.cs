using JinanOnboard.Devices.Simulated.Mirrors;

namespace JinanOnboard.Devices.Simulated.PiE727;

/// <summary>
/// The mechanics behind a simulated E-727 that runs on its own clock (a simulator served in another process): each
/// axis the same second-order plant as the bench's in-process mirror, x'' = −2ζω x' − ω²(x − u) with u the servo target
/// (the physics set's FSM resonance and damping), integrated on <see cref="TimeProvider"/> time up to every query and
/// every target change. POS? then reports where this plant is, in place of the model's linear settle ramp, so a fine loop
/// whose gains were designed for the plant sees the plant.
/// </summary>
public sealed class E727ServoPlant
{
    private const double MicroradiansPerUnit = 1000.0; // the axes' GCS unit is MRAD; the axis model works in µrad
    private readonly SimulatedE727 device;
    private readonly TimeProvider time;
    private readonly string[] names;
    private readonly SecondOrderAxis[] axes;
    private long lastTimestamp;

    private E727ServoPlant(SimulatedE727 device, double resonanceHz, double dampingRatio, TimeProvider time)
    {
        this.device = device;
        this.time = time;
        names = [.. device.Options.Axes];
        axes = [.. names.Select(_ => new SecondOrderAxis(resonanceHz, dampingRatio))];
        lastTimestamp = time.GetTimestamp();
    }

    /// <summary>Puts the plant behind <paramref name="device"/>'s servo (its <see cref="SimulatedE727.Mechanics"/>).</summary>
    /// <param name="resonanceHz">ω/2π of each axis, Hz (physics set <c>fsm_resonance_hz</c>).</param>
    /// <param name="dampingRatio">ζ (physics set <c>fsm_damping_ratio</c>).</param>
    public static E727ServoPlant Attach(SimulatedE727 device, double resonanceHz, double dampingRatio, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(resonanceHz);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dampingRatio);
        var plant = new E727ServoPlant(device, resonanceHz, dampingRatio, time ?? TimeProvider.System);
        device.TargetsChanging = plant.CatchUp;
        device.Mechanics = plant.PositionOf;
        return plant;
    }

    /// <summary>The axis's position now, GCS unit (the model calls this under its lock).</summary>
    private double PositionOf(string axis)
    {
        CatchUp();
        return axes[Array.IndexOf(names, axis)].AngleMicroradians / MicroradiansPerUnit;
    }

    /// <summary>Advances every axis to now with the targets held since the last call (the model's lock is held).</summary>
    private void CatchUp()
    {
        long now = time.GetTimestamp();
        double seconds = time.GetElapsedTime(lastTimestamp, now).TotalSeconds;
        lastTimestamp = now;
        for (int i = 0; i < axes.Length; i++)
        {
            axes[i].Advance(seconds, device.TargetOf(names[i]) * MicroradiansPerUnit);
        }
    }
}
