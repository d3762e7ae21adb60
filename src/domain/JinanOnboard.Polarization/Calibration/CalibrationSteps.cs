using JinanOnboard.Polarization.Compensation;
using JinanOnboard.Polarization.Jones;

namespace JinanOnboard.Polarization.Calibration;

/// <summary>Where the calibration is (system.md §Polarization compensation, run as the real system does it over the link).</summary>
public enum CalibrationPhase
{
    /// <summary>The payload is to send the next reference state.</summary>
    SendReference,

    /// <summary>The OGS is counting the reference state just sent; waiting for its counts.</summary>
    Collect,

    /// <summary>A survey round is complete: the next step solves the plate angles.</summary>
    Solve,

    /// <summary>The payload is to set (and report) the plate angles.</summary>
    Set,

    /// <summary>A verification round is complete: the next step judges it.</summary>
    Verify,

    /// <summary>Finished with the target met.</summary>
    Done,

    /// <summary>Finished without the target (see <see cref="CalibrationOutcome.Reason"/>).</summary>
    Failed,
}

/// <summary>Why a round of four reference states was measured.</summary>
public enum RoundPurpose
{
    /// <summary>The first round, with the plates as found.</summary>
    Survey,

    /// <summary>A round after setting new angles.</summary>
    Verify,
}

/// <summary>One thing the calibration asks for: what the payload or the OGS must do next.</summary>
public abstract record CalibrationStep;

/// <summary>Payload: send reference state <paramref name="State"/> for <paramref name="Pulses"/> pulses; OGS: count it and report with <see cref="CompensatorCalibration.SubmitCounts"/>.</summary>
public sealed record SendReferenceStep(Bb84State State, long Pulses, RoundPurpose Purpose) : CalibrationStep;

/// <summary>Payload: set the plates and report the angles they reached with <see cref="CompensatorCalibration.ConfirmAngles"/>.</summary>
public sealed record SetAnglesStep(CompensatorAngles Angles) : CalibrationStep;

/// <summary>Nothing more to do.</summary>
public sealed record FinishedStep(CalibrationOutcome Outcome) : CalibrationStep;

/// <summary>One measured round: the plates it was measured with and what the counts said.</summary>
public sealed record CalibrationRound(int Index, RoundPurpose Purpose, int Iteration, CompensatorAngles Angles, ChannelEstimate Estimate);

/// <summary>The end of a calibration: the angles left set, the contrast reached (estimated from counts) and why it ended.</summary>
public sealed record CalibrationOutcome(bool Succeeded, CompensatorAngles Angles, CalibrationRound? Best, int Iterations, string Reason);
