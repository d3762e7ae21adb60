using JinanOnboard.Devices.Simulated.Elliptec;
using JinanOnboard.Devices.Waveplates;
using JinanOnboard.Devices.Waveplates.Elliptec;

namespace JinanOnboard.OpticalBench.Polarization;

/// <summary>
/// An Elliptec multi-drop line inside one process: simulated ELL14 mounts (<see cref="SimulatedElliptecBus"/>) on the
/// device end of an in-memory byte stream and the real driver (<see cref="ElliptecBus"/>, <see cref="Ell14Rotator"/>) on
/// the host end, so the firmware moves the bench's plates byte for byte as it would real ones.
/// </summary>
public sealed class BenchElliptecLine : IAsyncDisposable
{
    /// <summary>
    /// How fast the simulated mounts turn when the run is as fast as possible, deg/s. Their moves happen before or between
    /// pass seconds and take no pass time; in real time they turn at the ELL14's 430 deg/s (<see cref="SimulatedEll14"/>).
    /// </summary>
    public const double FastModeSpeedDegPerS = 36_000;

    private readonly CancellationTokenSource _power = new();
    private readonly Task _devices;
    private readonly ElliptecBus _bus;

    private BenchElliptecLine(SimulatedElliptecBus simulator, ElliptecBus bus, IReadOnlyList<SimulatedEll14> modules, IReadOnlyList<IWaveplateRotator> rotators)
    {
        _bus = bus;
        Modules = modules;
        Rotators = rotators;
        _devices = Task.Run(() => simulator.RunAsync(_power.Token));
    }

    /// <summary>The simulated mounts, in the order of the addresses asked for (the bench's truth: where the plates are).</summary>
    public IReadOnlyList<SimulatedEll14> Modules { get; }

    /// <summary>The driver's rotators for them, in the same order (each probed with <c>in</c> on its first use).</summary>
    public IReadOnlyList<IWaveplateRotator> Rotators { get; }

    /// <summary>Mounts at <paramref name="addresses"/> with serials <paramref name="serialPrefix"/> + address, opened through the driver.</summary>
    public static BenchElliptecLine Open(IReadOnlyList<int> addresses, string serialPrefix, bool realtime)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        (Stream host, Stream device) = InMemoryDuplexStream.CreatePair();
        var simulator = new SimulatedElliptecBus(device);
        var modules = new List<SimulatedEll14>();
        foreach (int address in addresses)
        {
            SimulatedEll14 module = simulator.AddEll14(address, $"{serialPrefix}{address:D2}");
            if (!realtime)
            {
                module.SpeedDegreesPerSecond = FastModeSpeedDegPerS;
            }

            modules.Add(module);
        }

        var bus = new ElliptecBus(host);
        return new BenchElliptecLine(simulator, bus, modules, [.. addresses.Select(a => new ProbedEll14(bus, a))]);
    }

    public async ValueTask DisposeAsync()
    {
        await _bus.DisposeAsync();
        await _power.CancelAsync();
        await _devices.ContinueWith(_ => { }, TaskScheduler.Default);
        _power.Dispose();
    }
}
