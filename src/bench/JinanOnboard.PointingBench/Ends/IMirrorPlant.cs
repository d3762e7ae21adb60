using JinanOnboard.Devices.Mirrors;

namespace JinanOnboard.PointingBench.Ends;

/// <summary>
/// A fast steering mirror on the bench: what the firmware commands (<see cref="Mirror"/>: the plant itself when the
/// drivers are bypassed, or the real driver talking to a device simulator) and where the mirror truly points.
/// </summary>
public interface IMirrorPlant : IAsyncDisposable
{
    /// <summary>What the loop commands.</summary>
    ITipTiltMirror Mirror { get; }

    /// <summary>Mechanical tilt now, µrad.</summary>
    double XMicroradians { get; }

    /// <summary>Mechanical tilt now, µrad.</summary>
    double YMicroradians { get; }

    /// <summary>Advances the mechanics by <paramref name="ticks"/> ticks of the end's time base.</summary>
    void Advance(int ticks);
}
