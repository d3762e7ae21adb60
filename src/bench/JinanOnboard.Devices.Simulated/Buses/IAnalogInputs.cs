namespace JinanOnboard.Devices.Simulated.Buses;

/// <summary>The voltages on a simulated converter's input pins, as an analog model drives them.</summary>
public interface IAnalogInputs
{
    /// <summary>Volts on input <paramref name="pin"/> (AIN0 = 0) at <paramref name="timestamp"/> (a <see cref="TimeProvider"/> timestamp).</summary>
    double VoltsAt(int pin, long timestamp);
}
