namespace JinanOnboard.Devices.Profiles;

/// <summary>
/// Which addresses each kind of device needs when it is real, and which functions it can serve: an analog FSM needs its
/// DAC's SPI device and its ADC's I2C bus; an E-727 one of TCP or serial; an ELL14 its serial bus; a TDC7200 its SPI
/// device and the INTB GPIO. A simulated entry names no address (the bench supplies its bus).
/// </summary>
internal static class KindRules
{
    public static void Check(string where, DeviceKind kind, DeviceFunction function, bool simulated,
        SpiAddress? spi, I2cAddress? i2c, GpioAddress? gpio, SerialAddress? serial, TcpAddress? tcp, DeviceSettings settings)
    {
        bool functionFits = kind switch
        {
            DeviceKind.AnalogFsm or DeviceKind.PiE727 => function == DeviceFunction.FineMirror,
            DeviceKind.Ell14 => function is DeviceFunction.Qwp1 or DeviceFunction.Hwp or DeviceFunction.Qwp2 or DeviceFunction.OgsHwp,
            DeviceKind.Tdc7200 => function == DeviceFunction.Tdc,
            _ => false,
        };
        if (!functionFits)
        {
            throw new DeviceProfileException($"{where}: key 'function': kind {KindName(kind)} cannot be the {FunctionName(function)}");
        }

        var present = new (string Key, object? Value)[] { ("spi", spi), ("i2c", i2c), ("gpio", gpio), ("serial", serial), ("tcp", tcp) }
            .Where(p => p.Value is not null).Select(p => p.Key).ToList();
        if (simulated)
        {
            if (present.Count > 0)
            {
                throw new DeviceProfileException($"{where}: key '{present[0]}': a simulated device has no address (remove it or set \"simulated\": false)");
            }

            return;
        }

        string[] allowed = kind switch
        {
            DeviceKind.AnalogFsm => ["spi", "i2c"],
            DeviceKind.PiE727 => ["tcp", "serial"],
            DeviceKind.Ell14 => ["serial"],
            _ => ["spi", "gpio"],
        };
        string? stray = present.FirstOrDefault(k => !allowed.Contains(k));
        if (stray is not null)
        {
            throw new DeviceProfileException($"{where}: key '{stray}': a {KindName(kind)} is not on {stray} (it uses {string.Join(" and ", allowed)})");
        }

        if (kind == DeviceKind.PiE727)
        {
            if (present.Count != 1)
            {
                throw new DeviceProfileException($"{where}: key 'tcp': a real pi-e727 needs exactly one of tcp or serial (or \"simulated\": true)");
            }
        }
        else
        {
            string? missing = allowed.FirstOrDefault(k => !present.Contains(k));
            if (missing is not null)
            {
                throw new DeviceProfileException($"{where}: key '{missing}': required for a real {KindName(kind)} (or \"simulated\": true)");
            }
        }

        if (kind == DeviceKind.Tdc7200 && gpio is not null && spi is not null && gpio.Adapter != spi.Adapter)
        {
            throw new DeviceProfileException($"{where}: key 'gpio': INTB ({gpio}) must be on the same host or adapter as the SPI device ({spi})");
        }
    }

    public static string KindName(DeviceKind kind) => kind switch
    {
        DeviceKind.AnalogFsm => "analog-fsm",
        DeviceKind.PiE727 => "pi-e727",
        DeviceKind.Ell14 => "ell14",
        _ => "tdc7200",
    };

    public static string FunctionName(DeviceFunction function) => function switch
    {
        DeviceFunction.FineMirror => "fine-mirror",
        DeviceFunction.Qwp1 => "qwp1",
        DeviceFunction.Hwp => "hwp",
        DeviceFunction.Qwp2 => "qwp2",
        DeviceFunction.OgsHwp => "ogs-hwp",
        _ => "tdc",
    };
}
