namespace JinanOnboard.Devices.Mirrors.AnalogFsm;

/// <summary>
/// The AD5328's 16-bit control words (Analog Devices AD5308/AD5318/AD5328 datasheet, Rev. F, "Control Functions"),
/// which the Iot.Device.DAC.AD5328 binding does not send: DB15 = 1, DB14-DB13 select the function.
/// </summary>
public static class Ad5328ControlWord
{
    /// <summary>
    /// DB15-DB13 = 100: GAIN (DB4 for DACs A-D, DB5 for E-H; 1 = output 0..2 VREF), BUF (DB2, DB3; 1 = buffered
    /// reference input) and VDD (DB0, DB1; 1 = VDD as the reference).
    /// </summary>
    public static ushort GainAndBuffer(bool gainDoubledAbcd, bool gainDoubledEfgh, bool bufferedAbcd, bool bufferedEfgh, bool vddAbcd = false, bool vddEfgh = false)
        => (ushort)(0x8000
            | (gainDoubledEfgh ? 0x20 : 0) | (gainDoubledAbcd ? 0x10 : 0)
            | (bufferedEfgh ? 0x08 : 0) | (bufferedAbcd ? 0x04 : 0)
            | (vddEfgh ? 0x02 : 0) | (vddAbcd ? 0x01 : 0));

    /// <summary>DB15-DB13 = 101, DB1-DB0 = 00: DAC registers follow the input registers (LDAC low).</summary>
    public const ushort LdacTransparent = 0xA000;

    /// <summary>DB15-DB13 = 101, DB1-DB0 = 01: DAC registers latched (LDAC high) until an update.</summary>
    public const ushort LdacLatched = 0xA001;

    /// <summary>DB15-DB13 = 101, DB1-DB0 = 10: one LDAC pulse, every DAC register takes its input register at once.</summary>
    public const ushort LdacSingleUpdate = 0xA002;

    /// <summary>DB15-DB13 = 110: power down the DACs whose bit is set (DB0 = A ... DB7 = H).</summary>
    public static ushort PowerDown(byte channelMask) => (ushort)(0xC000 | channelMask);

    /// <summary>DB15-DB13 = 111: reset DAC data to 0 (DB12 = 0) or data and control to their power-on state (DB12 = 1).</summary>
    public static ushort Reset(bool dataAndControl) => dataAndControl ? (ushort)0xF000 : (ushort)0xE000;
}
