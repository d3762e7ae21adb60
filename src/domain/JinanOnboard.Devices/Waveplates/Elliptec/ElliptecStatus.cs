namespace JinanOnboard.Devices.Waveplates.Elliptec;

/// <summary>
/// The status byte of a <c>GS</c> reply (ELLx modules protocol manual, "gs — get status": the two hex digits after
/// the header). Values 0x0E-0xFF are reserved by the manual.
/// </summary>
public enum ElliptecStatus : byte
{
    /// <summary>OK, no error.</summary>
    Ok = 0x00,

    /// <summary>Communication time-out: the module did not receive a complete packet.</summary>
    CommunicationTimeout = 0x01,

    /// <summary>Mechanical time-out: the motion did not finish in time.</summary>
    MechanicalTimeout = 0x02,

    /// <summary>Command error or command not supported by this module.</summary>
    CommandError = 0x03,

    /// <summary>A command's value is out of range.</summary>
    ValueOutOfRange = 0x04,

    /// <summary>Module isolated (it answers only to commands that lift the isolation).</summary>
    ModuleIsolated = 0x05,

    /// <summary>Module out of isolation.</summary>
    ModuleOutOfIsolation = 0x06,

    /// <summary>Initialising error.</summary>
    InitializingError = 0x07,

    /// <summary>Thermal error.</summary>
    ThermalError = 0x08,

    /// <summary>Busy: the module is moving; a motion reply follows when it stops.</summary>
    Busy = 0x09,

    /// <summary>Sensor error.</summary>
    SensorError = 0x0A,

    /// <summary>Motor error.</summary>
    MotorError = 0x0B,

    /// <summary>Out of range (a move beyond the travel).</summary>
    OutOfRange = 0x0C,

    /// <summary>Over-current error.</summary>
    OverCurrentError = 0x0D,
}
