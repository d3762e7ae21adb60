namespace JinanOnboard.Devices.Tdc7200;

/// <summary>What a TDC7200 measures and how (CONFIG1, CONFIG2, INT_MASK and the counter registers).</summary>
public sealed record Tdc7200Configuration
{
    /// <summary>Measurement mode 1 (12–500 ns) or 2 (250 ns–8 ms).</summary>
    public Tdc7200MeasurementMode Mode { get; init; } = Tdc7200MeasurementMode.Mode1;

    /// <summary>STOP pulses per measurement, 1–5 (NUM_STOP).</summary>
    public int NumberOfStops { get; init; } = 1;

    /// <summary>CLOCK periods of the second calibration measurement; more periods, finer normLSB.</summary>
    public Tdc7200CalibrationPeriods CalibrationPeriods { get; init; } = Tdc7200CalibrationPeriods.Ten;

    /// <summary>START on the falling edge instead of the rising edge.</summary>
    public bool StartOnFallingEdge { get; init; }

    /// <summary>STOP on the falling edge instead of the rising edge.</summary>
    public bool StopOnFallingEdge { get; init; }

    /// <summary>Even parity in bit 23 of each result register, checked on every read (PARITY_EN).</summary>
    public bool ParityEnabled { get; init; } = true;

    /// <summary>Calibrate even after a measurement that overflowed (FORCE_CAL).</summary>
    public bool ForceCalibration { get; init; }

    /// <summary>Mode 1 timeout in coarse-counter units (COARSE_CNTR_OVF, reset 0xFFFF).</summary>
    public ushort CoarseCounterOverflow { get; init; } = 0xFFFF;

    /// <summary>Mode 2 timeout in CLOCK periods (CLOCK_CNTR_OVF, reset 0xFFFF: 8.19 ms at 8 MHz).</summary>
    public ushort ClockCounterOverflow { get; init; } = 0xFFFF;

    /// <summary>Mode 2: STOPs earlier than this many CLOCK periods after START are ignored (CLOCK_CNTR_STOP_MASK).</summary>
    public ushort ClockCounterStopMask { get; init; }

    /// <summary>The CONFIG1 value, without START_MEAS.</summary>
    public byte Config1 =>
        (byte)((Mode == Tdc7200MeasurementMode.Mode2 ? Tdc7200Config1.MeasModeBit0 : Tdc7200Config1.None)
            | (StartOnFallingEdge ? Tdc7200Config1.StartEdgeFalling : Tdc7200Config1.None)
            | (StopOnFallingEdge ? Tdc7200Config1.StopEdgeFalling : Tdc7200Config1.None)
            | (ParityEnabled ? Tdc7200Config1.ParityEn : Tdc7200Config1.None)
            | (ForceCalibration ? Tdc7200Config1.ForceCal : Tdc7200Config1.None));

    /// <summary>The CONFIG2 value.</summary>
    public byte Config2 => Tdc7200Config2.Encode(CalibrationPeriods, NumberOfStops);

    /// <summary>Throws a one-line <see cref="ArgumentException"/> for a setting the device does not have.</summary>
    public void Validate()
    {
        if (Mode is not (Tdc7200MeasurementMode.Mode1 or Tdc7200MeasurementMode.Mode2))
        {
            throw new ArgumentException($"measurement mode {Mode} does not exist (1 or 2)");
        }

        if (NumberOfStops is < 1 or > 5)
        {
            throw new ArgumentException($"NUM_STOP {NumberOfStops} is outside 1..5");
        }

        _ = Tdc7200Config2.PeriodsOf(CalibrationPeriods);
    }
}
