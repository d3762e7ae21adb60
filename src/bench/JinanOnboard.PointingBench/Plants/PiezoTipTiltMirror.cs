using JinanOnboard.Control.Configuration;
using JinanOnboard.Control.Dynamics;
using JinanOnboard.Devices.Mirrors;

namespace JinanOnboard.PointingBench.Plants;

/// <summary>
/// A simulated piezo tip/tilt mirror (PI S-330 / Newport FSM-300 class; resonance, damping and range are assumed in the
/// physics set) behind <see cref="ITipTiltMirror"/>, so the fine loops drive it exactly as they would a real one. Each
/// axis is a second-order system x'' = −2ζω x' − ω²(x − u) stepped exactly (zero-order hold) on the bench's time base.
/// A command outside the range is refused, as the interface requires.
/// </summary>
public sealed class PiezoTipTiltMirror : ITipTiltMirror
{
    private readonly SecondOrderAxis _x;
    private readonly SecondOrderAxis _y;
    private double _commandX;
    private double _commandY;

    public PiezoTipTiltMirror(string identity, MirrorSettings settings, double tickS, int maxStepTicks)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Identity = identity;
        RangeMicroradians = TipTiltRange.Symmetric(settings.RangeUrad);
        double w = 2 * Math.PI * settings.ResonanceHz;
        _x = new SecondOrderAxis(settings.ResonanceHz, 2 * settings.DampingRatio * w, w * w, tickS, maxStepTicks);
        _y = new SecondOrderAxis(settings.ResonanceHz, 2 * settings.DampingRatio * w, w * w, tickS, maxStepTicks);
    }

    public string Identity { get; }

    public TipTiltRange RangeMicroradians { get; }

    /// <summary>Mechanical tilt now, µrad.</summary>
    public double XMicroradians => _x.Position;

    /// <summary>Mechanical tilt now, µrad.</summary>
    public double YMicroradians => _y.Position;

    public ValueTask MoveAsync(double xMicroradians, double yMicroradians, CancellationToken cancellationToken = default)
    {
        if (!RangeMicroradians.Contains(xMicroradians, yMicroradians))
        {
            throw new ArgumentOutOfRangeException(nameof(xMicroradians), $"({xMicroradians}, {yMicroradians}) µrad is outside the mirror's range");
        }

        _commandX = xMicroradians;
        _commandY = yMicroradians;
        return ValueTask.CompletedTask;
    }

    public ValueTask<TipTiltPosition> ReadPositionAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(new TipTiltPosition(_x.Position, _y.Position));

    /// <summary>Advances the mechanics by <paramref name="ticks"/> base ticks.</summary>
    public void Advance(int ticks)
    {
        _x.Advance(ticks, _commandX);
        _y.Advance(ticks, _commandY);
    }
}
