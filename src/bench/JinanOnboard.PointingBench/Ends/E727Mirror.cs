using System.Runtime.CompilerServices;
using JinanOnboard.Control.Configuration;
using JinanOnboard.Control.Dynamics;
using JinanOnboard.Devices.Mirrors;
using JinanOnboard.Devices.Mirrors.PiE727;
using JinanOnboard.Devices.Simulated.PiE727;

namespace JinanOnboard.PointingBench.Ends;

/// <summary>
/// The fast steering mirror through its real driver: a PI S-330 on an E-727 (<see cref="PiE727Mirror"/> over GCS 2.0)
/// whose controller is the bench's <see cref="SimulatedE727"/> on an in-process cable. The controller's servo target is
/// the input of the plant model (each axis x'' = −2ζω x' − ω²(x − u), the physics set's resonance and damping), and
/// POS? reports the plant, so the mirror's physics come from the same model as with the drivers bypassed. The driver
/// skips its ERR? after every MOV (the E-727 manual's advice for high command rates); a device fault still surfaces as
/// the driver's typed exception on the next query or a broken stream.
/// </summary>
public sealed class E727Mirror : IMirrorPlant
{
    private const double MicroradiansPerMilliradian = 1000.0;
    private readonly SimulatedE727 _device;
    private readonly SimulatedE727Cable _cable;
    private readonly PiE727Controller _controller;
    private readonly BenchClock _clock;
    private readonly SecondOrderAxis _x;
    private readonly SecondOrderAxis _y;
    private readonly int _xAxis;
    private readonly int _yAxis;
    private readonly double[] _targetsMrad;

    private E727Mirror(SimulatedE727 device, SimulatedE727Cable cable, PiE727Controller controller, PiE727Mirror mirror, BenchClock clock, SecondOrderAxis x, SecondOrderAxis y)
    {
        _device = device;
        _cable = cable;
        _controller = controller;
        Mirror = mirror;
        _clock = clock;
        _x = x;
        _y = y;
        _xAxis = device.AxisIndex("1");
        _yAxis = device.AxisIndex("2");
        _targetsMrad = new double[device.AxisCount];
        device.Mechanics = axis => (axis == "1" ? _x.Position : _y.Position) / MicroradiansPerMilliradian;
    }

    /// <summary>Connects the driver to a fresh simulated controller (identify, units, travel limits, servo on).</summary>
    public static async Task<E727Mirror> ConnectAsync(string deviceName, MirrorSettings settings, long ticksPerSecond, int maxStepTicks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var clock = new BenchClock(ticksPerSecond);
        double rangeMrad = settings.RangeUrad / MicroradiansPerMilliradian;
        var device = new SimulatedE727(new SimulatedE727Options { MinPosition = -rangeMrad, MaxPosition = rangeMrad }, clock);
        var cable = new SimulatedE727Cable(device);
        var controller = new PiE727Controller(cable, deviceName, shouldDispose: true, new PiE727Options { CheckErrorAfterCommands = false });
        PiE727Mirror mirror = await PiE727Mirror.ConnectAsync(controller, cancellationToken: cancellationToken);
        double w = 2 * Math.PI * settings.ResonanceHz;
        double tickS = 1.0 / ticksPerSecond;
        var x = new SecondOrderAxis(settings.ResonanceHz, 2 * settings.DampingRatio * w, w * w, tickS, maxStepTicks);
        var y = new SecondOrderAxis(settings.ResonanceHz, 2 * settings.DampingRatio * w, w * w, tickS, maxStepTicks);
        return new E727Mirror(device, cable, controller, mirror, clock, x, y);
    }

    public ITipTiltMirror Mirror { get; }

    /// <summary>The simulated controller (fault switches for tests: mute, garbled replies).</summary>
    public SimulatedE727 Device => _device;

    public double XMicroradians => _x.Position;

    public double YMicroradians => _y.Position;

    // Per fine tick: compiled at first call with inlining across assemblies, which ReadyToRun code lacks (issue 16).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Advance(int ticks)
    {
        _device.CopyTargets(_targetsMrad);
        _x.Advance(ticks, _targetsMrad[_xAxis] * MicroradiansPerMilliradian);
        _y.Advance(ticks, _targetsMrad[_yAxis] * MicroradiansPerMilliradian);
        _clock.Advance(ticks);
    }

    public async ValueTask DisposeAsync()
    {
        await _controller.DisposeAsync();
        await _cable.DisposeAsync();
    }
}
