namespace JinanOnboard.Control.Pointing;

/// <summary>One loop's figures: steady-state RMS tracking error (radial, after fine lock), samples, limits hit, dropouts.</summary>
public sealed record AptLoopReport(string Name, int RateHz, double RmsUrad, double RmsXUrad, double RmsYUrad, double PeakUrad, long Samples, long ClampedCommands, long Dropouts);

/// <summary>One end's acquisition outcome and its mean dynamic pointing transmittance (models.md §2) after fine lock.</summary>
public sealed record AptEndReport(string End, string FinalState, double TimeToFineLockS, string? FailureReason, double MeanPointingTransmittance, double PointingHalfAngleUrad, int SourceSwitches, int LockAcquired, int LockLost, IReadOnlyDictionary<string, long> FramesRejected);

/// <summary>
/// What the pointing loops report for a run, the shape the firmware puts under <c>apt</c> in report.json: each loop's
/// figures, each end's acquisition, and the events in order.
/// </summary>
public sealed record AptReport(double PassSeconds, ulong Seed, IReadOnlyList<AptLoopReport> Loops, IReadOnlyList<AptEndReport> Ends, IReadOnlyList<AptEvent> Events);
