using JinanOnboard.Control.Pointing;
using JinanOnboard.Payload.Components.Polarization;

namespace JinanOnboard.Payload.Components.Pointing;

/// <summary>
/// The payload devices a payload topology is wired to: real devices behind their drivers, or the simulated bench's
/// payload half. Today that is the pointing hardware (attitude sensors and wheels, cameras, the fast steering mirror).
/// </summary>
public interface IPayloadHardware : IAsyncDisposable
{
    /// <summary>The pointing hardware, or null when the run has no pointing loops (the bench's <c>bench.apt: off</c>).</summary>
    IPointingHardware? Pointing { get; }

    /// <summary>The polarization compensator and the source's reference mode, or null when the run does not compensate (<c>bench.polarization</c> <c>off</c>/<c>fixed</c>).</summary>
    ICompensatorHardware? Compensator { get; }

    /// <summary>After each pass tick's loop steps (a bench forwards the beam's pointing to the light it simulates).</summary>
    void OnPassTime(TimeSpan passTime);

    /// <summary>The pass is over.</summary>
    void OnPassEnded();

    /// <summary>The devices' own figures for the result.</summary>
    void AddDetails(IDictionary<string, object> details);
}
