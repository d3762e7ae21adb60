namespace JinanOnboard.Devices.Profiles;

/// <summary>
/// A hardware-in-the-loop profile (a file in <c>hil/profiles/</c>): for each device of the payload and the OGS, whether it
/// is simulated or real and where it is. The firmware and the CLI read the same file; the bench decides how a simulated
/// entry is realised, the firmware never sees a simulator.
/// </summary>
/// <param name="Name">The profile's name (its file name without <c>.json</c>).</param>
/// <param name="SourcePath">The file it was read from, for messages.</param>
/// <param name="Description">What the profile is for, one line.</param>
/// <param name="Devices">The devices, in file order.</param>
public sealed record DeviceProfile(string Name, string SourcePath, string Description, IReadOnlyList<DeviceEntry> Devices);

/// <summary>One device of a profile.</summary>
/// <param name="Id">Unique name within the profile (e.g. <c>payload-qwp1</c>).</param>
/// <param name="Role">Which side drives it.</param>
/// <param name="Function">What it does in the optics (fine mirror, a waveplate, the TDC).</param>
/// <param name="Kind">Which driver speaks to it.</param>
/// <param name="Simulated">True: the bench supplies a simulator; the addresses below are then absent.</param>
/// <param name="Spi">SPI device (analog-fsm DAC, tdc7200), null if not used or simulated.</param>
/// <param name="I2c">I2C bus (analog-fsm ADC), null if not used or simulated.</param>
/// <param name="Gpio">GPIO controller and pin (tdc7200 INTB), null if not used or simulated.</param>
/// <param name="Serial">Serial port (ell14, or pi-e727 over RS-232), null if not used or simulated.</param>
/// <param name="Tcp">TCP endpoint (pi-e727 over Ethernet), null if not used or simulated.</param>
/// <param name="Settings">Kind-specific settings (see <see cref="DeviceSettings"/>).</param>
public sealed record DeviceEntry(
    string Id,
    DeviceRole Role,
    DeviceFunction Function,
    DeviceKind Kind,
    bool Simulated,
    SpiAddress? Spi,
    I2cAddress? I2c,
    GpioAddress? Gpio,
    SerialAddress? Serial,
    TcpAddress? Tcp,
    DeviceSettings Settings)
{
    /// <summary>Where the device is, one line: <c>simulated</c> or its addresses joined by a space.</summary>
    public string AddressText => Simulated
        ? "simulated"
        : string.Join(' ', new object?[] { Spi, I2c, Gpio, Serial, Tcp }.Where(a => a is not null));
}

/// <summary>Which firmware drives the device.</summary>
public enum DeviceRole
{
    /// <summary>The satellite payload.</summary>
    Payload,

    /// <summary>The optical ground station.</summary>
    Ogs,
}

/// <summary>What a device does in the optics.</summary>
public enum DeviceFunction
{
    /// <summary>Fine-pointing tip/tilt mirror.</summary>
    FineMirror,

    /// <summary>Payload polarization compensation, first quarter-wave plate.</summary>
    Qwp1,

    /// <summary>Payload polarization compensation, half-wave plate.</summary>
    Hwp,

    /// <summary>Payload polarization compensation, second quarter-wave plate.</summary>
    Qwp2,

    /// <summary>The OGS's half-wave plate (reference-frame rotation).</summary>
    OgsHwp,

    /// <summary>Time-to-digital converter of the detection chain.</summary>
    Tdc,
}

/// <summary>Which driver speaks to a device.</summary>
public enum DeviceKind
{
    /// <summary>Analog FSM: AD5328 DAC on SPI, ADS1115 ADC on I2C (Mirrors/AnalogFsm).</summary>
    AnalogFsm,

    /// <summary>PI E-727 with an S-330 over GCS 2.0, TCP or serial (Mirrors/PiE727).</summary>
    PiE727,

    /// <summary>Thorlabs ELL14 on an Elliptec serial bus (Waveplates/Elliptec).</summary>
    Ell14,

    /// <summary>TI TDC7200 on SPI with INTB on a GPIO (Tdc7200).</summary>
    Tdc7200,
}
