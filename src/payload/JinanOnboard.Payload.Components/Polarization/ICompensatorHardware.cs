using JinanOnboard.Devices.Waveplates;
using JinanOnboard.Polarization.Jones;

namespace JinanOnboard.Payload.Components.Polarization;

/// <summary>
/// The payload's polarization devices: the QWP–HWP–QWP compensator's three rotation mounts (in the order light meets
/// them) and the source's reference mode, which sends one BB84 state instead of random key states.
/// </summary>
public interface ICompensatorHardware
{
    /// <summary>The plate light meets first.</summary>
    IWaveplateRotator FirstQuarterWave { get; }

    /// <summary>The half-wave plate.</summary>
    IWaveplateRotator HalfWave { get; }

    /// <summary>The plate light meets last.</summary>
    IWaveplateRotator SecondQuarterWave { get; }

    /// <summary>The source sends <paramref name="state"/> for the measurement numbered <paramref name="request"/>.</summary>
    ValueTask EmitReferenceAsync(int request, Bb84State state, CancellationToken cancellationToken);

    /// <summary>The source goes back to key mode (random BB84 states) for the QKD window, the plates as they are.</summary>
    ValueTask EmitKeysAsync(CancellationToken cancellationToken);
}
