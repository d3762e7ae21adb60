using JinanOnboard.Polarization.Compensation;

namespace JinanOnboard.Payload.Components.Polarization;

/// <summary>What the payload's compensator calibration did, as the firmware measured it (contrasts estimated from counts).</summary>
/// <param name="Succeeded">The target contrast was reached.</param>
/// <param name="Reason">Why it ended.</param>
/// <param name="Iterations">Solve → set cycles.</param>
/// <param name="Rounds">Rounds of four reference states measured.</param>
/// <param name="Requests">Reference states sent (MeasureReference messages).</param>
/// <param name="Angles">Where the mounts report the plates were left.</param>
/// <param name="ContrastZDb">Best round's Z-basis channel contrast (source floor removed) from counts; NaN without a round.</param>
/// <param name="ContrastXDb">The same for X.</param>
/// <param name="WallS">Wall-clock time the calibration took, s (it runs before the pass clock starts).</param>
public sealed record PayloadCalibrationReport(
    bool Succeeded, string Reason, int Iterations, int Rounds, int Requests, CompensatorAngles Angles, double ContrastZDb, double ContrastXDb, double WallS);
