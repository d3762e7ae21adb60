using JinanOnboard.Config.Model;
using JinanOnboard.OpticalBench.Pointing;
using JinanOnboard.OpticalBench.Polarization;
using JinanOnboard.Primitives.TimeTags;
using JinanOnboard.Devices.Simulated.TimeTagger;
using JinanOnboard.QuantumChannel;
using JinanOnboard.QuantumChannel.Profiles;
using JinanOnboard.QuantumChannel.Simulation;
using JinanOnboard.Physics.Parameters;
using JinanOnboard.Physics.Timeline;
using JinanOnboard.Primitives.Randomness;
using JinanOnboard.Source;

namespace JinanOnboard.OpticalBench;

/// <summary>
/// The simulated optical front end of the OGS bench: the photons of the pass (the quantum channel
/// and detector simulation, which knows what the payload's source emitted — it is the light, not the
/// firmware) feed a simulated time tagger that speaks the real TTW/1 wire protocol on a stream. The
/// ground firmware reads that stream with the real driver, exactly as it would a device on a serial port.
/// </summary>
public sealed class SimulatedOpticalBench : IAsyncDisposable
{
    private readonly SimulatedTimeTagger _device;
    private readonly CancellationTokenSource _power = new();
    private readonly ExhaustionWatch _source;
    private readonly PrefetchingTimeTagSource _prefetch;
    private Task? _run;

    public SimulatedOpticalBench(IPulseRandomStore store, SourceConfiguration source, IChannelProfile profile, ChannelSimulationOptions options)
    {
        Simulator = new QuantumChannelSimulator(store, source, profile, options);
        (Stream host, Stream device) = InMemoryDuplexStream.CreatePair();
        HostStream = host;
        // The simulation runs on its own thread, ahead of the device's encoding (the payload leaves a core idle).
        _prefetch = new PrefetchingTimeTagSource(new SimulatorSource(Simulator));
        _source = new ExhaustionWatch(_prefetch);
        _device = new SimulatedTimeTagger(device, _source);
    }

    /// <summary>
    /// The bench of a pass: the light of <paramref name="timeline"/> from <paramref name="source"/> (whose choices
    /// <paramref name="store"/> holds), detectors and sync from the physics set, random streams from the run seed.
    /// Downlink outages whose reason is "cloud" (<paramref name="downlinkOutages"/>, the run configuration's
    /// link.downlink.outages) cover the ground station's sky: neither the photons nor the sync light arrive then, not
    /// only the laser link's frames (same telescope, same sky). Other outages are the classical link's alone.
    /// </summary>
    /// <remarks>
    /// <paramref name="pointing"/>, when the bench runs the pointing loops, couples the channel to both ends' fine
    /// pointing (<see cref="PassPointing.Couple"/>), averaged over each simulation segment.
    /// </remarks>
    public static SimulatedOpticalBench ForPass(PassTimeline timeline, PhysicsParameterSet physics, SourceConfiguration source, IPulseRandomStore store, ulong runSeed, double durationS, IReadOnlyList<OutageSettings>? downlinkOutages = null, PassPointing? pointing = null, IPolarizationChannel? polarization = null)
    {
        ArgumentNullException.ThrowIfNull(physics);
        PassInterval[] obstructions = [.. (downlinkOutages ?? []).Where(o => o.Reason == "cloud").Select(o => new PassInterval(o.StartS, o.EndS))];
        double efficiency = physics.Number("receiver.detector_efficiency");
        double darkCountRateHz = physics.Number("receiver.dark_count_per_s");
        double fixedPolarizationError = PolarizationError(physics);
        Func<double, double> polarizationError = polarization is null ? _ => fixedPolarizationError : polarization.ErrorAt;
        IChannelProfile profile = new TimelineChannelProfile(timeline, efficiency, darkCountRateHz, polarizationError);
        if (obstructions.Length > 0)
        {
            profile = new ObstructedChannelProfile(profile, obstructions);
        }

        var defaults = new ChannelSimulationOptions();
        if (pointing is not null)
        {
            profile = pointing.Couple(profile, defaults.SegmentPulses * source.PulsePeriodPs * 1e-12);
        }

        return new SimulatedOpticalBench(store, source, profile, defaults with
        {
            Seed = SeedSequence.Derive(runSeed, "quantum-channel"),
            DurationSeconds = durationS,
            Detectors = new DetectorConfiguration
            {
                Efficiency = efficiency,
                DarkCountRateHz = darkCountRateHz,
                JitterFwhmPs = physics.Number("receiver.jitter_ps_fwhm"),
            },
            SyncJitterFwhmPs = physics.Number("sync.precision_ps_fwhm"),
            SyncOutages = obstructions,
        });
    }

    /// <summary>
    /// Residual polarization error probability of the channel: the middle of the published range of the
    /// polarization part of the QBER (parameters.md: 0–1 %, physics key protocol.polarization_qber), until the
    /// polarization compensation loop supplies it.
    /// </summary>
    public static double PolarizationError(PhysicsParameterSet physics)
    {
        ArgumentNullException.ThrowIfNull(physics);
        IReadOnlyList<double> range = physics.Array("protocol.polarization_qber");
        return range.Average();
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
}
