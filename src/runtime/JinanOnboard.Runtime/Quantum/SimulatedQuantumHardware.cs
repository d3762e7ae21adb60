using JinanOnboard.Primitives.TimeTags;
using JinanOnboard.Devices.Simulated.TimeTagger;
using JinanOnboard.QuantumChannel;
using JinanOnboard.Source;

namespace JinanOnboard.Runtime.Quantum;

/// <summary>
/// The simulated optical front end of the OGS bench: the photons of the pass (the quantum channel
/// and detector simulation, which knows what the payload's source emitted — it is the light, not the
/// firmware) feed a simulated time tagger that speaks the real TTW/1 wire protocol on a stream. The
/// ground firmware reads that stream with the real driver, exactly as it would a device on a serial port.
/// </summary>
public sealed class SimulatedQuantumHardware : IAsyncDisposable
{
    private readonly SimulatedTimeTagger _device;
    private readonly CancellationTokenSource _power = new();
    private readonly ExhaustionWatch _source;
    private readonly PrefetchingTimeTagSource _prefetch;
    private Task? _run;

    public SimulatedQuantumHardware(IPulseRandomStore store, SourceConfiguration source, IChannelProfile profile, ChannelSimulationOptions options)
    {
        Simulator = new QuantumChannelSimulator(store, source, profile, options);
        (Stream host, Stream device) = InMemoryDuplexStream.CreatePair();
        HostStream = host;
        // The simulation runs on its own thread, ahead of the device's encoding (the payload leaves a core idle).
        _prefetch = new PrefetchingTimeTagSource(new SimulatorSource(Simulator));
        _source = new ExhaustionWatch(_prefetch);
        _device = new SimulatedTimeTagger(device, _source);
    }

    /// <summary>The driver's end of the cable.</summary>
    public Stream HostStream { get; }

    /// <summary>The channel simulation (statistics for the report).</summary>
    public QuantumChannelSimulator Simulator { get; }

    /// <summary>True once the simulation has handed its last tag to the device.</summary>
    public bool Exhausted => _source.Exhausted;

    /// <summary>Powers the simulated device on (it answers commands and streams when started).</summary>
    public void Start() => _run = Task.Run(() => _device.RunAsync(_power.Token));

    public async ValueTask DisposeAsync()
    {
        await _power.CancelAsync();
        if (_run is not null)
        {
            await _run.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        await _device.DisposeAsync();
        _prefetch.Dispose();
        await HostStream.DisposeAsync();
        _power.Dispose();
    }

    private sealed class SimulatorSource(QuantumChannelSimulator simulator) : ITimeTagSource
    {
        public int Read(Span<TimeTag> destination) => simulator.Read(destination);
    }

    /// <summary>Remembers when the device read the last tag (after the prefetch, so queued chunks count as not yet read).</summary>
    private sealed class ExhaustionWatch(ITimeTagSource source) : ITimeTagSource
    {
        private volatile bool _exhausted;

        public bool Exhausted => _exhausted;

        public int Read(Span<TimeTag> destination)
        {
            int count = source.Read(destination);
            if (count == 0)
            {
                _exhausted = true;
            }

            return count;
        }
    }
}
