using JinanOnboard.Control.Pointing;
using JinanOnboard.Ground.Components.Polarization;

namespace JinanOnboard.Ground.Components.Detection;

/// <summary>
/// The OGS devices a ground topology is wired to: real devices behind their buses, or the simulated
/// optical bench that a bench topology adds. The firmware sees only the buses.
/// </summary>
public interface IGroundHardware : IAsyncDisposable
{
    /// <summary>The time tagger's cable.</summary>
    TimeTaggerCable TimeTagger { get; }

    /// <summary>The OGS's pointing hardware (gimbal, cameras, fast steering mirror), or null when the run has no pointing loops.</summary>
    IPointingHardware? Pointing { get; }

    /// <summary>The OGS's half-wave plate and the decoder's reference counts, or null when the run does not compensate polarization.</summary>
    IOgsPolarizationHardware? Polarization { get; }

    /// <summary>The OGS's loops have run to the end of the pass.</summary>
    void OnPointingEnded();

    /// <summary>Powers the devices on once the pass starts.</summary>
    void PowerOn();

    /// <summary>The devices' own figures for the result (a simulation's statistics; nothing for real devices).</summary>
    void AddDetails(IDictionary<string, object> details);
}
