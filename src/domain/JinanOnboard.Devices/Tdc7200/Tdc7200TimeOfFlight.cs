namespace JinanOnboard.Devices.Tdc7200;

/// <summary>
/// The TDC7200's calibration and time-of-flight formulas (TI SNAS647D, §8.4.2.1.1 "Calculating Time-of-Flight
/// (Measurement Mode 1)", Equation 1, and §8.4.2.2.1 "Calculating Time-of-Flight (Measurement Mode 2)", Equation 2).
/// </summary>
public static class Tdc7200TimeOfFlight
{
    /// <summary>
    /// calCount = (CALIBRATION2 − CALIBRATION1) / (CALIBRATION2_PERIODS − 1): ring-oscillator counts per CLOCK period.
    /// The datasheet's example: (21121 − 2110) / (10 − 1) = 2112.33.
    /// </summary>
    public static double CalibrationCount(uint calibration1, uint calibration2, int calibration2Periods)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(calibration2Periods, 2);
        return ((double)calibration2 - calibration1) / (calibration2Periods - 1);
    }

    /// <summary>normLSB = CLOCKperiod / calCount: seconds per ring-oscillator count.</summary>
    public static double NormalizedLsbSeconds(double clockPeriodSeconds, double calibrationCount)
        => calibrationCount > 0 ? clockPeriodSeconds / calibrationCount : throw new ArgumentOutOfRangeException(nameof(calibrationCount), calibrationCount, "calibration count must be positive");

    /// <summary>Mode 1: TOFn = TIMEn × normLSB.</summary>
    public static double Mode1Seconds(uint timeN, double normLsbSeconds) => timeN * normLsbSeconds;

    /// <summary>Mode 2: TOFn = normLSB × (TIME1 − TIME(n+1)) + CLOCK_COUNTn × CLOCKperiod.</summary>
    public static double Mode2Seconds(uint time1, uint timeNPlus1, uint clockCountN, double normLsbSeconds, double clockPeriodSeconds)
        => (normLsbSeconds * ((double)time1 - timeNPlus1)) + (clockCountN * clockPeriodSeconds);
}
