using JinanOnboard.Control.Configuration;
using JinanOnboard.Control.Pointing;
using JinanOnboard.Payload.Components.Distillation;
using JinanOnboard.Payload.Components.Pointing;
using JinanOnboard.Payload.Components.Polarization;
using JinanOnboard.Payload.Components.Session;
using JinanOnboard.Payload.Components.TimeSync;
using JinanOnboard.Protocol.Messages;
using JinanOnboard.Runtime.Distillation;
using JinanOnboard.Runtime.Hosting;
using JinanOnboard.Runtime.Link;
using JinanOnboard.Runtime.Messages;
using JinanOnboard.Runtime.Plan;
using JinanOnboard.Runtime.Pointing;
using JinanOnboard.Runtime.Ports;
using JinanOnboard.Runtime.Telemetry;

namespace JinanOnboard.Payload;

/// <summary>
/// The payload executable's topology (F Prime's deployment topology): which components exist and how
/// their ports connect. Every number comes from the run plan or a component's options; the components
/// hold the behaviour.
/// </summary>
public sealed class PayloadTopology(Func<RunPlan, IPayloadHardware> attachHardware) : IFirmwareTopology, IAsyncDisposable
{
    private FirmwareContext? _context;
    private IPayloadHardware? _hardware;
    private PointingComponent? _pointing;
    private PassDriver? _driver;
    private SyncWordEmitter? _sync;
    private HousekeepingReporter? _housekeeping;
    private HousekeepingMonitor? _groundHousekeeping;
    private PayloadSessionController? _session;
    private PayloadDistillation? _distillation;
    private CompensatorCalibrator? _calibrator;

    public void Wire(FirmwareContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        RunPlan plan = context.Plan;
        LinkComponent link = context.Link;

        _driver = new PassDriver(TimeSpan.FromSeconds(plan.DurationS), PassDriver.DefaultTickPeriod, plan.Realtime, context.Time);
        context.PassTime.Use(() => _driver.PassTime);
        _sync = new SyncWordEmitter(plan.Source.PulsePeriodPs, plan.Configuration.Telemetry.SyncWordsPerMessage);
        _housekeeping = new HousekeepingReporter(HousekeepingRole.Payload, TimeSpan.FromSeconds(plan.Configuration.Telemetry.PeriodS));
        _groundHousekeeping = new HousekeepingMonitor();
        _session = new PayloadSessionController(new PassStart(plan.Seed, plan.DurationS, plan.Seed), () => _sync.WordsSent);
        _distillation = new PayloadDistillation(plan, link, new Ed25519MessageAuthenticator(context.Identity, context.PeerKey), context.OutputDirectory);

        // The APT loops on the pass time, against the payload's pointing hardware (through its drivers).
        _hardware = attachHardware(plan) ?? throw new TopologyException($"{nameof(PayloadTopology)}: no hardware attached");
        if (_hardware.Pointing is not null)
        {
            _pointing = new PointingComponent(PointingEnd.Payload, AptSettingsReader.Read(plan.Physics), _hardware.Pointing, "attitude");
            _housekeeping.AddProvider(_pointing.Housekeeping);
        }

        // The polarization compensator's calibration over the link, after the handshake and before the pass starts.
        if (_hardware.Compensator is not null)
        {
            _calibrator = CompensatorCalibrator.ForPlan(plan, _hardware.Compensator, context.Time);
            _calibrator.Downlink.ConnectTo(link.SendAsync);
            link.Inbound(Apids.Polarization).ConnectTo(_calibrator.OnMessageAsync);
            _session.BeforePass.ConnectTo(async (PassStart _, CancellationToken ct) => await _calibrator.RunAsync(ct));
            _housekeeping.AddProvider(_calibrator.Housekeeping);
        }

        _driver.Tick.ConnectTo(_sync.OnTickAsync);
        _driver.Tick.ConnectTo(_housekeeping.OnTickAsync);
        _driver.Paced.ConnectTo(link.FlushAsync);
        _sync.Downlink.ConnectTo(link.SendAsync);
        _housekeeping.Downlink.ConnectTo(link.SendAsync);
        _session.Downlink.ConnectTo(link.SendAsync);
        link.Inbound(Apids.Telemetry).ConnectTo(_groundHousekeeping.OnMessageAsync);
        link.Inbound(Apids.SessionControl).ConnectTo(_session.OnMessageAsync);

        _housekeeping.AddProvider(() =>
        [
            new("sync_words_sent", _sync.WordsSent),
            new("frames_sent", context.Session.Statistics.Snapshot().FramesSent),
            new("retransmissions", context.Session.Statistics.Snapshot().Retransmissions),
        ]);
        Wiring.RequireConnected(nameof(PayloadTopology), _driver.Tick, _sync.Downlink, _housekeeping.Downlink, _session.Downlink);
        _context = context; // wired: Details may read every component
    }

    public async Task<double> RunAsync(CancellationToken cancellationToken)
    {
        FirmwareContext context = _context ?? throw new InvalidOperationException("Wire the topology first.");
        await _distillation!.QueryEarlierPassesAsync(cancellationToken);
        Task pointing = _pointing?.RunAsync(context.Plan.DurationS, context.Plan.Realtime, context.Time, t => _hardware!.OnPassTime(TimeSpan.FromSeconds(t)), cancellationToken) ?? Task.CompletedTask;
        double passSeconds = await _session!.RunAsync(context.Session, context.Link, _driver!, cancellationToken);
        await pointing;
        _hardware!.OnPassEnded();

        // The ground has finished; its commit and settlement decisions may still be in flight behind its summary.
        await _distillation.SettleAsync(context.Time, cancellationToken);
        await _distillation.AdoptGroundPacketOutcomesAsync(_session.GroundSummary, cancellationToken);
        return passSeconds;
    }

    public PassShortfall? Shortfall() => _pointing?.NeverLockedReason is { } why ? new PassShortfall(PassShortfall.NoFineLock, "payload APT: " + why) : null;

    public IReadOnlyDictionary<string, object> Details()
    {
        var details = new Dictionary<string, object>();
        if (_context is null)
        {
            return details; // not wired: the run ended before the link came up
        }

        details["sync_words_sent"] = _sync!.WordsSent;
        details["housekeeping_sent"] = _housekeeping!.Sent;
        details["ground_housekeeping_received"] = _groundHousekeeping!.Received;
        details["unroutable_messages"] = _context.Link.Unroutable;
        details["malformed_messages"] = _context.Link.Malformed;
        _distillation!.AddDetails(details);
        if (_pointing is not null)
        {
            details["apt"] = _pointing.Report();
        }

        if (_calibrator?.Details() is { } calibration)
        {
            details["polarization_calibration"] = calibration;
        }

        _hardware!.AddDetails(details);
        return details;
    }

    public async ValueTask DisposeAsync()
    {
        if (_hardware is not null)
        {
            await _hardware.DisposeAsync();
        }

        if (_distillation is not null)
        {
            await _distillation.DisposeAsync();
        }
    }
}
