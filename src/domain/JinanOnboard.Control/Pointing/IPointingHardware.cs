using JinanOnboard.Devices.Mirrors;

namespace JinanOnboard.Control.Pointing;

/// <summary>
/// One end's APT devices as its loops see them: the two cameras, the auxiliary-vector sensors, the coarse actuator
/// (reaction wheels or gimbal motors) and the fast steering mirror's driver. On the bench a simulation stands behind
/// it (plants, disturbances, device simulators speaking the devices' buses); on hardware, the devices.
/// </summary>
public interface IPointingHardware
{
    /// <summary>The fast steering mirror, through its driver.</summary>
    ITipTiltMirror FineMirror { get; }

    /// <summary>
    /// The world up to <paramref name="tick"/> of the end's rate-group time base (<see cref="PointingRateGroup.Scheduler"/>):
    /// a simulation advances its plants; real hardware is already there (time passes by itself).
    /// </summary>
    void AdvanceTo(long tick);

    /// <summary>Reads the fine camera at <paramref name="timeS"/> (pass time).</summary>
    CentroidFrame ExposeFineCamera(double timeS);

    /// <summary>Reads the coarse camera (the payload's capture camera, the OGS's coarse camera).</summary>
    CentroidFrame ExposeCoarseCamera(double timeS);

    /// <summary>Reads the auxiliary vector (orbit and attitude sensors, or orbit prediction and gimbal encoders).</summary>
    AuxiliaryVector ReadAuxiliaryVector(double timeS);

    /// <summary>Applies the coarse loop's torque command until the next one.</summary>
    void CommandCoarse(TorqueCommand torque);

    /// <summary>The coarse line of sight's pointing error at the last exposure, µrad (the truth on a bench; the camera's centroid on hardware).</summary>
    (double X, double Y) CoarseErrorUrad { get; }

    /// <summary>Coarse-camera frames that came without data.</summary>
    long CoarseCameraDropouts { get; }

    /// <summary>Steps where the coarse actuator's own limit (wheel momentum, motor) held it.</summary>
    long CoarseActuatorLimitedSteps { get; }

    /// <summary>The fine line of sight's pointing error at the last fine exposure, µrad (the truth on a bench; the fine camera's centroid on hardware).</summary>
    (double X, double Y) FineErrorUrad { get; }
}
