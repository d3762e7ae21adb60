using JinanOnboard.Polarization.Errors;
using JinanOnboard.Polarization.Jones;

namespace JinanOnboard.Polarization.Calibration;

/// <summary>
/// What one round of reference counts says about the channel: its Poincaré-sphere rotation (two candidates: a passive
/// H/V + D/A decoder measures only S1 and S2 of what arrives, so the sign of S3 is ambiguous, i.e. R and P·R·P with
/// P = diag(1, 1, −1) fit the counts equally), the visibility (the shrink of the measured Stokes vectors: source
/// contrast, dark counts), and the error probabilities per basis as measured and with the source floor removed.
/// </summary>
public sealed record ChannelEstimate(
    PoincareRotation Rotation,
    PoincareRotation MirrorRotation,
    double Visibility,
    BasisErrors MeasuredErrors,
    BasisErrors ChannelErrors);
