using JinanOnboard.Control.Pointing;
using JinanOnboard.Devices.Simulated.TimeTagger;
using JinanOnboard.Ground.Components.Detection;
using JinanOnboard.Ground.Components.Polarization;
using JinanOnboard.OpticalBench;
using JinanOnboard.Runtime.Hosting;

namespace JinanOnboard.Ground;

/// <summary>
/// The ground topology for `jinan ground --time-tags FILE` (and `jinan replay`, protocol-spec/replay.md): its hardware is
/// a simulated time tagger that serves the tags of a ground recording (or of a PicoQuant PTU file) over the TTW/1 wire, so the OGS's real driver and
/// detection chain read them byte for byte as they read a device. No pointing loops and no polarization hardware: the
/// recorded tags already carry whatever the pass's pointing and polarization did to the light.
/// </summary>
public sealed class RecordedGroundTopology : IFirmwareTopology, IAsyncDisposable
{
    private readonly GroundTopology _ground;

    /// <param name="recordingPath">A ground recording or a PTU file (the entry point has checked that it opens).</param>
    public RecordedGroundTopology(string recordingPath) => _ground = new(_ => new RecordedTimeTags(recordingPath));

    public void Wire(FirmwareContext context) => _ground.Wire(context);

    public Task<double> RunAsync(CancellationToken cancellationToken) => _ground.RunAsync(cancellationToken);

    public IReadOnlyDictionary<string, object> Details() => _ground.Details();

    public PassShortfall? Shortfall() => _ground.Shortfall();

    public ValueTask DisposeAsync() => _ground.DisposeAsync();

    /// <summary>The recorded tags behind a simulated TDC as the ground's hardware.</summary>
    private sealed class RecordedTimeTags : IGroundHardware
    {
        private readonly TimeTagFile _source;
        private readonly PrefetchingTimeTagSource _prefetch;
        private readonly ExhaustionWatch _watch;
        private readonly SimulatedTimeTagger _device;
        private readonly CancellationTokenSource _power = new();
        private Task? _run;

        /// <exception cref="InvalidDataException">Not a readable recording or PTU file.</exception>
        public RecordedTimeTags(string recordingPath)
        {
            _source = TimeTagFile.Open(recordingPath);

            // Reading and decoding the file runs on its own thread ahead of the device's encoding, as the bench's simulation.
            _prefetch = new PrefetchingTimeTagSource(_source);
            _watch = new ExhaustionWatch(_prefetch);
            (Stream host, Stream device) = InMemoryDuplexStream.CreatePair();
            _device = new SimulatedTimeTagger(device, _watch);
            TimeTagger = new TimeTaggerCable(host, () => _watch.Exhausted);
        }

        public TimeTaggerCable TimeTagger { get; }

        public IPointingHardware? Pointing => null;

        public IOgsPolarizationHardware? Polarization => null;

        public void OnPointingEnded()
        {
        }

        public void PowerOn() => _run = Task.Run(() => _device.RunAsync(_power.Token));

        public void AddDetails(IDictionary<string, object> details) => details["recorded_time_tags_served"] = _source.Served;

        public async ValueTask DisposeAsync()
        {
            await _power.CancelAsync();
            if (_run is not null)
            {
                await _run.ContinueWith(_ => { }, TaskScheduler.Default);
            }

            await _device.DisposeAsync();
            await TimeTagger.Bus.DisposeAsync();
            _prefetch.Dispose();
            _source.Dispose();
            _power.Dispose();
        }
    }
}
