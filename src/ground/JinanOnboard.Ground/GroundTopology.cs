using JinanOnboard.Channel.Parameters;
using JinanOnboard.Channel.Timeline;
using JinanOnboard.Primitives.Detections;
using JinanOnboard.Primitives.Ports;
using JinanOnboard.Primitives.Randomness;
using JinanOnboard.Config.Model;
using JinanOnboard.Detection.Indexing;
using JinanOnboard.Devices.TimeTagger;
using JinanOnboard.Distillation.KeyStorage;
using JinanOnboard.Distillation.Protocol;
using JinanOnboard.Runtime.Distillation;
using JinanOnboard.Runtime.Hosting;
using JinanOnboard.Runtime.Link;
using JinanOnboard.Runtime.Messages;
using JinanOnboard.Runtime.Quantum;
using JinanOnboard.Runtime.Session;
using JinanOnboard.Runtime.Telemetry;
using JinanOnboard.Runtime.TimeSync;
using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Messages;
using JinanOnboard.QuantumChannel;
using Microsoft.Extensions.Logging;

namespace JinanOnboard.Ground;

/// <summary>
/// The ground (OGS) executable's topology: which components exist and how they are wired. No
/// physics and no protocol logic live here — only construction and connections.
/// </summary>
public sealed class GroundTopology : IFirmwareTopology, IAsyncDisposable
{
    private static readonly TimeSpan CompletionTimeout = TimeSpan.FromSeconds(120);

    private FirmwareContext? _context;
    private ClockDiscipline? _clock;
    private HousekeepingReporter? _housekeeping;
    private HousekeepingMonitor? _payloadHousekeeping;
    private GroundSessionController? _session;
    private SimulatedQuantumHardware? _hardware;
    private TimeTaggerDevice? _timeTagger;
    private QuantumReceiver? _receiver;
    private GroundDistiller? _distiller;
    private DistillationLinkAdapter? _distillationLink;
    private KeyStore? _keyStore;
    private string _passId = "";
    private readonly SerializedDistiller _gate = new();
    private readonly LdpcReconciliationCodec _codec = new();
    private readonly System.Diagnostics.Stopwatch _receiverClock = new();
    private Task? _receiving;
    private QueuedInputPort<DetectionBatch>? _detectionQueue;
    private Task? _distilling;

    public void Wire(FirmwareContext context)
    {
        _context = context;
        FirmwareConfiguration configuration = context.Options.Configuration;
        ulong seed = context.Options.EffectiveSeed;
        LinkComponent link = context.Link;

        // Housekeeping and time synchronisation.
        _clock = new ClockDiscipline();
        context.PassTime.Use(() => TimeSpan.FromSeconds(_clock.LatestEmissionS)); // the OGS's pass time: the payload's, as its sync words tell it
        _housekeeping = new HousekeepingReporter(role: 1, TimeSpan.FromSeconds(configuration.Telemetry.PeriodS));
        _payloadHousekeeping = new HousekeepingMonitor();
        _session = new GroundSessionController();
        link.Inbound(Apids.TimeSync).ConnectTo(_clock.OnMessageAsync);
        link.Inbound(Apids.TimeSync).ConnectTo((InboundMessage _, CancellationToken ct) =>
            _housekeeping.OnTickAsync(TimeSpan.FromSeconds(_clock.LatestEmissionS), ct));
        link.Inbound(Apids.Telemetry).ConnectTo(_payloadHousekeeping.OnMessageAsync);
        link.Inbound(Apids.SessionControl).ConnectTo(_session.OnMessageAsync);
        _housekeeping.Downlink.ConnectTo(link.SendAsync);
        _session.Uplink.ConnectTo(link.SendAsync);

        // The optical front end: simulated light and time tagger, real driver, detection chain.
        PhysicsParameterSet physics = PhysicsParameterSet.Named(configuration.Physics);
        PassTimeline timeline = PassGeometry.Build(configuration.Pass, physics);
        double darkCountRateHz = physics.NumberOr("receiver.dark_count_per_s", 100);
        var profile = new TimelineChannelProfile(timeline, physics.Number("receiver.detector_efficiency"), darkCountRateHz, polarizationError: 0.005);
        _hardware = new SimulatedQuantumHardware(DistillationSetup.RandomStore(seed), DistillationSetup.Source, profile, new ChannelSimulationOptions
        {
            Seed = SeedSequence.Derive(seed, "quantum-channel"),
            DurationSeconds = configuration.Pass.DurationS,
            Detectors = new DetectorConfiguration
            {
                Efficiency = physics.Number("receiver.detector_efficiency"),
                DarkCountRateHz = darkCountRateHz,
                JitterFwhmPs = physics.NumberOr("receiver.jitter_ps_fwhm", 350),
            },
            SyncJitterFwhmPs = physics.NumberOr("sync.precision_ps_fwhm", 100),
        });
        _timeTagger = new TimeTaggerDevice(_hardware.HostStream, shouldDispose: false, context.Time);
        _receiver = new QuantumReceiver(_timeTagger, ReceiverSetup.IndexerOptions(configuration, seed), configuration.Pass.DurationS, context.Options.Tap);

        // Key distillation (system.md steps 2, 4 and 6).
        _distillationLink = new DistillationLinkAdapter(link);
        _passId = DistillationSetup.PassId(seed);
        _keyStore = DistillationSetup.OpenKeyStore(context.OutputDirectory, _passId);
        var sink = new KeyStoreSink(_keyStore, _passId);
        _distiller = new GroundDistiller(
            DistillationSetup.Options(configuration),
            _distillationLink,
            _codec,
            new Ed25519MessageAuthenticator(context.Identity, context.PeerKey),
            ToeplitzPrivacyAmplifier.Instance,
            sink,
            SeedSequence.Derive(seed, "distillation.ground"),
            lookup: sink);
        // Queued, so the detection chain (channel simulation, TDC, indexer) keeps running while the
        // distiller holds the gate to decode a packet; 64 batches of at most 8192 detections bound the queue.
        // The queue keeps each pooled batch past the receiver's call: retained on entry, released once distilled.
        _detectionQueue = new QueuedInputPort<DetectionBatch>("ground.detections", 64, (detections, ct) =>
            _gate.RunAsync(async () =>
            {
                try
                {
                    _distiller.AddDetections(detections.Span);
                }
                finally
                {
                    detections.Release();
                }

                await _distiller.SendReadyRoundsAsync(ct);
            }, ct));
        _receiver.Detections.ConnectTo((detections, ct) => _detectionQueue.EnqueueAsync(detections.Retain(), ct));
        _distillationLink.ConnectInbound((type, body, ct) => _gate.RunAsync(() => _distiller.HandleAsync(type, body, ct), ct));
        _session.BeforeSummary.ConnectTo(FinishPassAsync);

        _housekeeping.AddProvider(() =>
        [
            new("sync_words_received", _clock.WordsReceived),
            new("time_tags", _receiver.TagsRead),
            new("detections", _receiver.DetectionsOut),
            new("frames_received", context.Session.Statistics.Snapshot().FramesReceived),
        ]);
    }

    public async Task<double> RunAsync(CancellationToken cancellationToken)
    {
        FirmwareContext context = _context ?? throw new InvalidOperationException("Wire the topology first.");
        Task<double> session = _session!.RunAsync(context.Session, context.Link, Details, cancellationToken);
        PassStart start = await _session.Started.WaitAsync(cancellationToken);
        if (start.RunSeed != context.Options.EffectiveSeed)
        {
            throw new LinkLostException($"the payload runs seed {start.RunSeed} but this ground station seed {context.Options.EffectiveSeed}: both sides must use the same run seed");
        }

        _hardware!.Start();
        _distilling = _detectionQueue!.RunAsync(cancellationToken);
        _receiverClock.Start();
        _receiving = _receiver!.RunAsync(() => _hardware.Exhausted, cancellationToken)
            .ContinueWith(t => { _receiverClock.Stop(); return t; }, TaskScheduler.Default).Unwrap();
        return await session;
    }

    /// <summary>After the payload's pass-complete: finish detection, flush distillation, wait for every PA block's outcome.</summary>
    private async ValueTask FinishPassAsync(PassComplete complete, CancellationToken cancellationToken)
    {
        _receiver!.OnPassComplete();
        if (_receiving is not null)
        {
            await _receiving.WaitAsync(CompletionTimeout, _context!.Time, cancellationToken);
        }

        _detectionQueue!.Complete();
        if (_distilling is not null)
        {
            await _distilling.WaitAsync(CompletionTimeout, _context!.Time, cancellationToken);
        }

        await _gate.RunAsync(() => _distiller!.FlushAsync(cancellationToken), cancellationToken);
        if (!await _gate.WaitUntilAsync(() => _distiller!.IsComplete, CompletionTimeout, _context!.Time, cancellationToken))
        {
            _context.Logger.LogWarning("Distillation did not reach a final outcome for every block within {Seconds} s", CompletionTimeout.TotalSeconds);
        }
    }

    public IReadOnlyDictionary<string, object> Details()
    {
        var details = new Dictionary<string, object>
        {
            ["sync_words_received"] = _clock?.WordsReceived ?? 0,
            ["sync_batches_received"] = _clock?.Batches ?? 0,
            ["sync_contiguous_end"] = _clock?.ContiguousEnd ?? 0,
            ["sync_period_ps"] = _clock is null || double.IsNaN(_clock.EstimatedPeriodPs) ? 0 : _clock.EstimatedPeriodPs,
            ["housekeeping_sent"] = _housekeeping?.Sent ?? 0,
            ["payload_housekeeping_received"] = _payloadHousekeeping?.Received ?? 0,
            ["unroutable_messages"] = _context?.Link.Unroutable ?? 0,
            ["malformed_messages"] = _context?.Link.Malformed ?? 0,
            ["time_tags"] = _receiver?.TagsRead ?? 0,
            ["distillation_messages_refused"] = _distillationLink?.Refused ?? 0,
            ["receiver_wall_seconds"] = _receiverClock.Elapsed.TotalSeconds,
            ["ldpc_decode_seconds"] = _codec.DecodeSeconds,
            ["ldpc_decodes"] = _codec.Decodes,
        };
        if (_receiver is not null)
        {
            PulseIndexerStatistics indexer = _receiver.IndexerStatistics;
            details["indexer"] = indexer;
            details["detections_digest"] = _receiver.DetectionsDigest;
        }

        if (_hardware is not null)
        {
            details["channel_simulation"] = _hardware.Simulator.Statistics;
        }

        if (_distiller is not null)
        {
            DistillationSummary.AddTo(details, _distiller.Statistics, _keyStore, _passId);
        }

        return details;
    }

    public async ValueTask DisposeAsync()
    {
        if (_timeTagger is not null)
        {
            await _timeTagger.DisposeAsync();
        }

        if (_hardware is not null)
        {
            await _hardware.DisposeAsync();
        }

        _keyStore?.Dispose();
        _gate.Dispose();
    }
}
