using JinanOnboard.Primitives.Randomness;
using JinanOnboard.Config.Model;
using JinanOnboard.Distillation.KeyStorage;
using JinanOnboard.Distillation.Protocol;
using JinanOnboard.Runtime.Distillation;
using JinanOnboard.Runtime.Hosting;
using JinanOnboard.Runtime.Link;
using JinanOnboard.Runtime.Messages;
using JinanOnboard.Payload.Components.Session;
using JinanOnboard.Runtime.Telemetry;
using JinanOnboard.Payload.Components.TimeSync;
using JinanOnboard.Protocol.Messages;

namespace JinanOnboard.Payload;

/// <summary>
/// The payload executable's topology: which components exist and how they are wired. No physics
/// and no protocol logic live here — only construction and connections.
/// </summary>
public sealed class PayloadTopology : IFirmwareTopology, IAsyncDisposable
{
    private static readonly TimeSpan CommitTimeout = TimeSpan.FromSeconds(30);

    private const double PulsePeriodPs = 1600; // 625 MHz source (system.md)
    private static readonly TimeSpan TickPeriod = TimeSpan.FromMilliseconds(100);

    private FirmwareContext? _context;
    private PassDriver? _driver;
    private SyncWordEmitter? _sync;
    private HousekeepingReporter? _housekeeping;
    private HousekeepingMonitor? _groundHousekeeping;
    private PayloadSessionController? _session;
    private PayloadDistiller? _distiller;
    private DistillationLinkAdapter? _distillationLink;
    private KeyStore? _keyStore;
    private PendingKeyJournal? _journal;
    private string _passId = "";
    private readonly SerializedDistiller _gate = new();

    public void Wire(FirmwareContext context)
    {
        _context = context;
        FirmwareConfiguration configuration = context.Options.Configuration;
        bool realtime = context.Options.Realtime ?? configuration.Pass.Realtime;
        _driver = new PassDriver(TimeSpan.FromSeconds(configuration.Pass.DurationS), TickPeriod, realtime, context.Time);
        context.PassTime.Use(() => _driver.PassTime);
        _sync = new SyncWordEmitter(PulsePeriodPs, configuration.Telemetry.SyncWordsPerMessage);
        _housekeeping = new HousekeepingReporter(role: 0, TimeSpan.FromSeconds(configuration.Telemetry.PeriodS));
        _groundHousekeeping = new HousekeepingMonitor();
        ulong passId = context.Options.EffectiveSeed;
        _session = new PayloadSessionController(new PassStart(passId, configuration.Pass.DurationS, context.Options.EffectiveSeed), () => _sync.WordsSent);

        LinkComponent link = context.Link;
        _driver.Tick.ConnectTo(_sync.OnTickAsync);
        _driver.Tick.ConnectTo(_housekeeping.OnTickAsync);
        _sync.Downlink.ConnectTo(link.SendAsync);
        _housekeeping.Downlink.ConnectTo(link.SendAsync);
        _session.Downlink.ConnectTo(link.SendAsync);
        link.Inbound(Apids.Telemetry).ConnectTo(_groundHousekeeping.OnMessageAsync);
        link.Inbound(Apids.SessionControl).ConnectTo(_session.OnMessageAsync);

        // Key distillation (system.md steps 1, 3 and 5): the cached random numbers answer the OGS.
        ulong seed = context.Options.EffectiveSeed;
        _distillationLink = new DistillationLinkAdapter(link);
        _passId = DistillationSetup.PassId(seed);
        _keyStore = DistillationSetup.OpenKeyStore(context.OutputDirectory, _passId);
        _journal = DistillationSetup.OpenPendingJournal(_keyStore, _passId);
        _distiller = new PayloadDistiller(
            DistillationSetup.RandomStore(seed),
            DistillationSetup.Options(configuration),
            _distillationLink,
            new LdpcReconciliationCodec(),
            new Ed25519MessageAuthenticator(context.Identity, context.PeerKey),
            ToeplitzPrivacyAmplifier.Instance,
            new KeyStoreSink(_keyStore, _passId),
            SeedSequence.Derive(seed, "distillation.payload"),
            journal: _journal);
        _distillationLink.ConnectInbound((type, body, ct) => _gate.RunAsync(() => _distiller.HandleAsync(type, body, ct), ct));

        _housekeeping.AddProvider(() =>
        [
            new("sync_words_sent", _sync.WordsSent),
            new("frames_sent", context.Session.Statistics.Snapshot().FramesSent),
            new("retransmissions", context.Session.Statistics.Snapshot().Retransmissions),
        ]);
    }

    public async Task<double> RunAsync(CancellationToken cancellationToken)
    {
        FirmwareContext context = _context ?? throw new InvalidOperationException("Wire the topology first.");
        // Keys of earlier passes still pending (their Commit was lost, or the payload restarted): this contact settles them.
        await _gate.RunAsync(() => _distiller!.QueryEarlierPassesAsync(cancellationToken), cancellationToken);
        double passSeconds = await _session!.RunAsync(context.Session, context.Link, _driver!, cancellationToken);

        // The ground has finished; its commit and settlement decisions may still be in flight behind its summary.
        await _gate.WaitUntilAsync(() => _distiller!.PendingKeyCount == 0 && _distiller.AwaitingSettlement == 0, CommitTimeout, context.Time, cancellationToken);

        return passSeconds;
    }

    public IReadOnlyDictionary<string, object> Details()
    {
        var details = new Dictionary<string, object>
        {
        ["sync_words_sent"] = _sync?.WordsSent ?? 0,
        ["housekeeping_sent"] = _housekeeping?.Sent ?? 0,
        ["ground_housekeeping_received"] = _groundHousekeeping?.Received ?? 0,
        ["unroutable_messages"] = _context?.Link.Unroutable ?? 0,
        ["malformed_messages"] = _context?.Link.Malformed ?? 0,
        ["distillation_messages_refused"] = _distillationLink?.Refused ?? 0,
        ["pending_keys"] = _distiller?.PendingKeyCount ?? 0,
        ["earlier_keys_stored"] = _distiller?.EarlierKeysStored ?? 0,
        ["earlier_keys_discarded"] = _distiller?.EarlierKeysDiscarded ?? 0,
        ["unsettled_earlier_keys"] = _journal?.Unsettled.Count ?? 0,
        };
        if (_distiller is not null)
        {
            DistillationSummary.AddTo(details, _distiller.Statistics, _keyStore, _passId);
            if (_distiller.LastRefusal is { } refusal)
            {
                details["last_refusal"] = refusal;
            }
        }

        return details;
    }

    public ValueTask DisposeAsync()
    {
        _journal?.Dispose();
        _keyStore?.Dispose();
        _gate.Dispose();
        return ValueTask.CompletedTask;
    }
}
