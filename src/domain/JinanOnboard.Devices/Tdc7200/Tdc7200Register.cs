namespace JinanOnboard.Devices.Tdc7200;

/// <summary>
/// TDC7200 register addresses (TI SNAS647D, §8.6 "Register Maps"). 0x00–0x09 are 8-bit configuration and
/// status registers; 0x10–0x1C are 24-bit read-only measurement results, sent MSB first.
/// </summary>
public enum Tdc7200Register : byte
{
    /// <summary>Configuration register 1 (reset 0x00): FORCE_CAL, PARITY_EN, TRIGG_EDGE, STOP_EDGE, START_EDGE, MEAS_MODE, START_MEAS.</summary>
    Config1 = 0x00,

    /// <summary>Configuration register 2 (reset 0x40): CALIBRATION2_PERIODS, AVG_CYCLES, NUM_STOP.</summary>
    Config2 = 0x01,

    /// <summary>Interrupt status (reset 0x00); a bit is cleared by writing 1 to it.</summary>
    IntStatus = 0x02,

    /// <summary>Interrupt mask (reset 0x07): which events pull INTB low.</summary>
    IntMask = 0x03,

    /// <summary>Coarse counter overflow value, high byte (reset 0xFF).</summary>
    CoarseCntrOvfH = 0x04,

    /// <summary>Coarse counter overflow value, low byte (reset 0xFF).</summary>
    CoarseCntrOvfL = 0x05,

    /// <summary>Clock counter overflow value, high byte (reset 0xFF).</summary>
    ClockCntrOvfH = 0x06,

    /// <summary>Clock counter overflow value, low byte (reset 0xFF).</summary>
    ClockCntrOvfL = 0x07,

    /// <summary>Clock counter STOP mask, high byte (reset 0x00): STOPs before this many clock periods are ignored.</summary>
    ClockCntrStopMaskH = 0x08,

    /// <summary>Clock counter STOP mask, low byte (reset 0x00).</summary>
    ClockCntrStopMaskL = 0x09,

    /// <summary>Time 1 (24-bit): START to STOP1 in mode 1; START to the next CLOCK edge in mode 2.</summary>
    Time1 = 0x10,

    /// <summary>Clock count 1 (24-bit, 16 used): CLOCK periods between the START and STOP1 edges (mode 2).</summary>
    ClockCount1 = 0x11,

    /// <summary>Time 2 (24-bit).</summary>
    Time2 = 0x12,

    /// <summary>Clock count 2 (24-bit).</summary>
    ClockCount2 = 0x13,

    /// <summary>Time 3 (24-bit).</summary>
    Time3 = 0x14,

    /// <summary>Clock count 3 (24-bit).</summary>
    ClockCount3 = 0x15,

    /// <summary>Time 4 (24-bit).</summary>
    Time4 = 0x16,

    /// <summary>Clock count 4 (24-bit).</summary>
    ClockCount4 = 0x17,

    /// <summary>Time 5 (24-bit).</summary>
    Time5 = 0x18,

    /// <summary>Clock count 5 (24-bit).</summary>
    ClockCount5 = 0x19,

    /// <summary>Time 6 (24-bit): STOP5 to the next CLOCK edge in mode 2.</summary>
    Time6 = 0x1A,

    /// <summary>Calibration 1 (24-bit): ring-oscillator counts in one CLOCK period.</summary>
    Calibration1 = 0x1B,

    /// <summary>Calibration 2 (24-bit): ring-oscillator counts in CALIBRATION2_PERIODS CLOCK periods.</summary>
    Calibration2 = 0x1C,
}

/// <summary>The SPI command byte and register widths (SNAS647D §8.5.1 "Serial Peripheral Interface (SPI)").</summary>
public static class Tdc7200Spi
{
    /// <summary>Command bit 7, AUTOINC: the address increments after each register of the transaction.</summary>
    public const byte AutoIncrement = 0x80;

    /// <summary>Command bit 6, RW: 1 writes, 0 reads.</summary>
    public const byte Write = 0x40;

    /// <summary>Command bits 5..0: the register address.</summary>
    public const byte AddressMask = 0x3F;

    /// <summary>The command byte that opens a transaction on <paramref name="register"/>.</summary>
    public static byte Command(Tdc7200Register register, bool write, bool autoIncrement = false)
        => (byte)(((byte)register & AddressMask) | (write ? Write : 0) | (autoIncrement ? AutoIncrement : 0));

    /// <summary>Bytes the register occupies on the wire: 3 for the measurement results (0x10–0x1C), 1 otherwise.</summary>
    public static int WidthBytes(Tdc7200Register register) => (byte)register is >= 0x10 and <= 0x1C ? 3 : 1;
}
