using JinanOnboard.Control.Configuration;
using JinanOnboard.Devices.Mirrors;
using JinanOnboard.PointingBench.Plants;

namespace JinanOnboard.PointingBench.Ends;

/// <summary>The fast steering mirror with the drivers bypassed: the loop commands the plant model directly.</summary>
public sealed class BypassedMirror(string identity, MirrorSettings settings, double tickS, int maxStepTicks) : IMirrorPlant
{
    private readonly PiezoTipTiltMirror _plant = new(identity, settings, tickS, maxStepTicks);

    public ITipTiltMirror Mirror => _plant;

    public double XMicroradians => _plant.XMicroradians;

    public double YMicroradians => _plant.YMicroradians;

    public void Advance(int ticks) => _plant.Advance(ticks);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
