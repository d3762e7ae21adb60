using JinanOnboard.Devices.Simulated.Elliptec;
using JinanOnboard.Devices.Tests.TimeTagger;
using JinanOnboard.Devices.Waveplates.Elliptec;

namespace JinanOnboard.Devices.Tests.Waveplates.Elliptec;

/// <summary>The driver's bus and the simulated modules over one stream pair, with test-sized timeouts.</summary>
internal sealed class ElliptecSession : IAsyncDisposable
{
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(20);

    public static readonly ElliptecBusOptions FastOptions = new()
    {
        ReplyTimeout = TimeSpan.FromMilliseconds(400),
        MotionTimeout = TimeSpan.FromSeconds(2),
        RetryAttempts = 2,
        RetryDelay = TimeSpan.FromMilliseconds(10),
    };

    private readonly CancellationTokenSource power = new();
    private readonly Task deviceRun;

    public ElliptecSession(Stream hostStream, Stream deviceStream, ElliptecBusOptions? options = null)
    {
        Simulator = new SimulatedElliptecBus(deviceStream);
        Bus = new ElliptecBus(hostStream, options ?? FastOptions);
        deviceRun = Task.Run(() => Simulator.RunAsync(power.Token));
    }

    public SimulatedElliptecBus Simulator { get; }

    public ElliptecBus Bus { get; }

    public static ElliptecSession InMemory(ElliptecBusOptions? options = null)
    {
        (Stream host, Stream device) = DuplexPipe.CreatePair();
        return new ElliptecSession(host, device, options);
    }

    /// <summary>Adds an ELL14 that turns fast enough (36000 deg/s) to keep the suite quick.</summary>
    public SimulatedEll14 AddFastEll14(int address, string serial = "11400000")
    {
        SimulatedEll14 module = Simulator.AddEll14(address, serial);
        module.SpeedDegreesPerSecond = 36_000;
        return module;
    }

    public async ValueTask DisposeAsync()
    {
        await Bus.DisposeAsync();
        await power.CancelAsync();
        await deviceRun.WaitAsync(TestTimeout);
        power.Dispose();
    }
}
