namespace JinanOnboard.Devices.Profiles;

/// <summary>
/// Kind-specific settings of a profile entry, each with the driver's default when the file leaves it out.
/// </summary>
/// <param name="AdcI2cAddress">analog-fsm: ADS1115 address, 0x48-0x4B by the ADDR pin (datasheet SBAS444 table 4); 0x48 = ADDR to GND.</param>
/// <param name="SpiClockHz">analog-fsm, tdc7200: SPI clock. AD5328 takes 30 MHz, TDC7200 20 MHz; 1 MHz default is safe on flying leads.</param>
/// <param name="ElliptecAddress">ell14: the module's bus address, 0-15 (hex digit on the wire).</param>
/// <param name="BaudRate">Serial line speed: ELL14 9600 (fixed by the protocol manual); E-727 RS-232 115200.</param>
/// <param name="TdcClockHz">tdc7200: CLOCK input frequency (8 MHz on the TI EVM).</param>
public sealed record DeviceSettings(
    int AdcI2cAddress = 0x48,
    int SpiClockHz = 1_000_000,
    int ElliptecAddress = 0,
    int BaudRate = 0,
    double TdcClockHz = 8e6)
{
    /// <summary>The Elliptec protocol's fixed line speed (ELLx protocol manual, "Communication settings": 9600 8N1).</summary>
    public const int ElliptecBaudRate = 9600;

    /// <summary>The E-727's default RS-232 speed (E727T0005, "Interfaces"). Assumed as the profile default.</summary>
    public const int E727SerialBaudRate = 115_200;

    /// <summary>The baud rate to open a serial entry at: the file's, else the kind's default.</summary>
    public int BaudRateFor(DeviceKind kind) => BaudRate > 0 ? BaudRate : kind == DeviceKind.Ell14 ? ElliptecBaudRate : E727SerialBaudRate;
}
