namespace JinanOnboard.Devices.Tdc7200;

/// <summary>
/// One completed measurement: the raw result registers as read and the times of flight computed from them, one per
/// STOP (index 0 = START to STOP1), in seconds.
/// </summary>
public sealed record Tdc7200Measurement(
    Tdc7200MeasurementMode Mode,
    IReadOnlyList<uint> Time,
    IReadOnlyList<uint> ClockCount,
    uint Calibration1,
    uint Calibration2,
    double CalibrationCount,
    double NormalizedLsbSeconds,
    IReadOnlyList<double> TimeOfFlightSeconds);
