namespace JinanOnboard.Devices.Tdc7200;

/// <summary>CONFIG1 bits (SNAS647D §8.6, CONFIG1).</summary>
[Flags]
public enum Tdc7200Config1 : byte
{
    /// <summary>No bit set.</summary>
    None = 0,

    /// <summary>START_MEAS: starts a measurement; the device clears it when the measurement completes.</summary>
    StartMeas = 0x01,

    /// <summary>MEAS_MODE bit 1 (bits 2:1 = 00 mode 1, 01 mode 2).</summary>
    MeasModeBit0 = 0x02,

    /// <summary>MEAS_MODE bit 2.</summary>
    MeasModeBit1 = 0x04,

    /// <summary>START_EDGE: 1 = START on the falling edge.</summary>
    StartEdgeFalling = 0x08,

    /// <summary>STOP_EDGE: 1 = STOP on the falling edge.</summary>
    StopEdgeFalling = 0x10,

    /// <summary>TRIGG_EDGE: 1 = TRIGG output falling edge.</summary>
    TriggEdgeFalling = 0x20,

    /// <summary>PARITY_EN: even parity in bit 23 of each measurement result register.</summary>
    ParityEn = 0x40,

    /// <summary>FORCE_CAL: calibrate after every measurement, even one that ended in an overflow.</summary>
    ForceCal = 0x80,
}

/// <summary>INT_STATUS bits (SNAS647D §8.6, INT_STATUS); each is cleared by writing 1 to it.</summary>
[Flags]
public enum Tdc7200InterruptStatus : byte
{
    /// <summary>No bit set.</summary>
    None = 0,

    /// <summary>NEW_MEAS_INT: a new measurement (and its calibration) completed.</summary>
    NewMeasInt = 0x01,

    /// <summary>COARSE_CNTR_OVF_INT: the coarse counter reached COARSE_CNTR_OVF (mode 1 timeout).</summary>
    CoarseCntrOvfInt = 0x02,

    /// <summary>CLOCK_CNTR_OVF_INT: the clock counter reached CLOCK_CNTR_OVF (mode 2 timeout).</summary>
    ClockCntrOvfInt = 0x04,

    /// <summary>MEAS_STARTED_FLAG: the START edge was seen.</summary>
    MeasStartedFlag = 0x08,

    /// <summary>MEAS_COMPLETE_FLAG: the measurement sequence finished.</summary>
    MeasCompleteFlag = 0x10,
}

/// <summary>INT_MASK bits (SNAS647D §8.6, INT_MASK): a set bit lets the event pull INTB low.</summary>
[Flags]
public enum Tdc7200InterruptMask : byte
{
    /// <summary>No event reaches INTB.</summary>
    None = 0,

    /// <summary>NEW_MEAS_MASK.</summary>
    NewMeas = 0x01,

    /// <summary>COARSE_CNTR_OVF_MASK.</summary>
    CoarseCntrOvf = 0x02,

    /// <summary>CLOCK_CNTR_OVF_MASK.</summary>
    ClockCntrOvf = 0x04,
}

/// <summary>MEAS_MODE (SNAS647D §8.4.2): mode 1 for 12–500 ns, mode 2 for 250 ns–8 ms.</summary>
public enum Tdc7200MeasurementMode
{
    /// <summary>Mode 1: the ring oscillator counts the whole START–STOP interval.</summary>
    Mode1 = 1,

    /// <summary>Mode 2: the ring oscillator measures the fractions up to the next CLOCK edge; the clock counter the rest.</summary>
    Mode2 = 2,
}

/// <summary>CALIBRATION2_PERIODS (CONFIG2 bits 7:6): CLOCK periods of the second calibration measurement.</summary>
public enum Tdc7200CalibrationPeriods
{
    /// <summary>00: 2 periods.</summary>
    Two = 0,

    /// <summary>01: 10 periods (reset value).</summary>
    Ten = 1,

    /// <summary>10: 20 periods.</summary>
    Twenty = 2,

    /// <summary>11: 40 periods.</summary>
    Forty = 3,
}

/// <summary>Field helpers for CONFIG2 (SNAS647D §8.6, CONFIG2): CALIBRATION2_PERIODS[7:6], AVG_CYCLES[5:3], NUM_STOP[2:0].</summary>
public static class Tdc7200Config2
{
    /// <summary>The register value for the given fields (averaging over one cycle: AVG_CYCLES = 000).</summary>
    public static byte Encode(Tdc7200CalibrationPeriods periods, int numberOfStops)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numberOfStops, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(numberOfStops, 5);
        return (byte)(((int)periods << 6) | (numberOfStops - 1));
    }

    /// <summary>How many CLOCK periods a CALIBRATION2_PERIODS setting stands for.</summary>
    public static int PeriodsOf(Tdc7200CalibrationPeriods periods) => periods switch
    {
        Tdc7200CalibrationPeriods.Two => 2,
        Tdc7200CalibrationPeriods.Ten => 10,
        Tdc7200CalibrationPeriods.Twenty => 20,
        Tdc7200CalibrationPeriods.Forty => 40,
        _ => throw new ArgumentOutOfRangeException(nameof(periods), periods, "not a CALIBRATION2_PERIODS setting"),
    };
}
