using JinanOnboard.Control.Configuration;
using JinanOnboard.Control.Pointing;
using JinanOnboard.Devices.TimeTagger;
using JinanOnboard.Ground.Components.Detection;
using JinanOnboard.Ground.Components.Distillation;
using JinanOnboard.Ground.Components.Polarization;
using JinanOnboard.Ground.Components.Session;
using JinanOnboard.Ground.Components.TimeSync;
using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Messages;
using JinanOnboard.Runtime.Distillation;
using JinanOnboard.Runtime.Hosting;
using JinanOnboard.Runtime.Link;
using JinanOnboard.Runtime.Messages;
using JinanOnboard.Runtime.Plan;
using JinanOnboard.Runtime.Pointing;
using JinanOnboard.Runtime.Ports;
using JinanOnboard.Runtime.Telemetry;

namespace JinanOnboard.Ground;

/// <summary>
/// The ground (OGS) executable's topology (F Prime's deployment topology): which components exist and how
/// their ports connect. The hardware is given (real devices, or the simulated optical bench); every number
/// comes from the run plan or a component's options; the components hold the behaviour.
/// </summary>
public sealed class GroundTopology(Func<RunPlan, IGroundHardware> attachHardware) : IFirmwareTopology, IAsyncDisposable
{
    private FirmwareContext? _context;
    private ClockDiscipline? _clock;
    private HousekeepingReporter? _housekeeping;
    private HousekeepingMonitor? _payloadHousekeeping;
    private GroundSessionController? _session;
    private IGroundHardware? _hardware;
    private TimeTaggerDevice? _timeTagger;
    private QuantumReceiver? _receiver;
    private GroundDistillation? _distillation;
    private Task? _receiving;
    private PointingComponent? _pointing;
    private Task? _pointingRun;
    private HalfWaveFollower? _follower;
    private ReferenceCountResponder? _responder;
    private Task? _following;

    public void Wire(FirmwareContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        RunPlan plan = context.Plan;
        LinkComponent link = context.Link;

        // Housekeeping and time synchronisation; the OGS's pass time is the payload's, as its sync words tell it.
        _clock = new ClockDiscipline();
        context.PassTime.Use(() => _clock.LatestEmission);
        _housekeeping = new HousekeepingReporter(HousekeepingRole.Ground, TimeSpan.FromSeconds(plan.Configuration.Telemetry.PeriodS));
        _payloadHousekeeping = new HousekeepingMonitor();
        _session = new GroundSessionController();
        link.Inbound(Apids.TimeSync).ConnectTo(_clock.OnMessageAsync);
        link.Inbound(Apids.TimeSync).ConnectTo((InboundMessage _, CancellationToken ct) => _housekeeping.OnTickAsync(_clock.LatestEmission, ct));
        link.Inbound(Apids.Telemetry).ConnectTo(_payloadHousekeeping.OnMessageAsync);
        link.Inbound(Apids.SessionControl).ConnectTo(_session.OnMessageAsync);
        _housekeeping.Downlink.ConnectTo(link.SendAsync);
        _session.Uplink.ConnectTo(link.SendAsync);

        // The optical front end: the time tagger on its cable, the real driver, the detection chain.
        _hardware = attachHardware(plan) ?? throw new TopologyException($"{nameof(GroundTopology)}: no hardware attached for the time tagger");
        _timeTagger = new TimeTaggerDevice(_hardware.TimeTagger.Bus, shouldDispose: false, context.Time);
        _receiver = new QuantumReceiver(_timeTagger, ReceiverSetup.IndexerOptions(plan), plan.DurationS, context.Options.Tap);

        // The APT loops, on their own task from the pass start (PointingComponent.RunAsync).
        if (_hardware.Pointing is not null)
        {
            _pointing = new PointingComponent(PointingEnd.Ogs, AptSettingsReader.Read(plan.Physics), _hardware.Pointing, "gimbal");
            _housekeeping.AddProvider(_pointing.Housekeeping);
        }

        // Polarization: the decoder answers the payload's calibration; the half-wave plate follows the pass geometry.
        if (_hardware.Polarization is not null)
        {
            _follower = HalfWaveFollower.ForPlan(plan, _hardware.Polarization);
            _responder = new ReferenceCountResponder(_hardware.Polarization, _follower.PrepareAsync);
            _responder.Uplink.ConnectTo(link.SendAsync);
            link.Inbound(Apids.Polarization).ConnectTo(_responder.OnMessageAsync);
            _housekeeping.AddProvider(_follower.Housekeeping);
        }

        // Key distillation.
        _distillation = new GroundDistillation(plan, link, new Ed25519MessageAuthenticator(context.Identity, context.PeerKey), context.OutputDirectory);
        _receiver.Detections.ConnectTo(_distillation.OnDetectionsAsync);
        _session.PassStarted.ConnectTo(StartDetection);
        _session.BeforeSummary.ConnectTo(FinishPassAsync);

        _housekeeping.AddProvider(() =>
        [
            new("sync_words_received", _clock.WordsReceived),
            new("time_tags", _receiver.TagsRead),
            new("detections", _receiver.DetectionsOut),
            new("frames_received", context.Session.Statistics.Snapshot().FramesReceived),
        ]);
        Wiring.RequireConnected(nameof(GroundTopology), _housekeeping.Downlink, _session.Uplink, _session.PassStarted, _session.BeforeSummary, _receiver.Detections);
        _context = context; // wired: Details may read every component
    }

    public Task<double> RunAsync(CancellationToken cancellationToken)
    {
        FirmwareContext context = _context ?? throw new InvalidOperationException("Wire the topology first.");
        return _session!.RunAsync(context.Session, context.Link, Details, cancellationToken);
    }

    /// <summary>On the payload's pass-start: power the hardware on and start the detection chain and distillation.</summary>
    private ValueTask StartDetection(PassStart start, CancellationToken cancellationToken)
    {
        FirmwareContext context = _context!;
        _following = _follower?.RunAsync(context.Plan.DurationS, context.Plan.Realtime, context.Time, cancellationToken);
        _hardware!.PowerOn();
        _pointingRun = _pointing?.RunAsync(context.Plan.DurationS, context.Plan.Realtime, context.Time, null, cancellationToken);
        _distillation!.Start(cancellationToken);
        _receiving = _receiver!.RunAsync(_hardware.TimeTagger.FarEndDrained, cancellationToken);
        return ValueTask.CompletedTask;
    }

    /// <summary>After the payload's pass-complete: finish detection, then distillation.</summary>
    private async ValueTask FinishPassAsync(PassComplete complete, CancellationToken cancellationToken)
    {
        FirmwareContext context = _context!;
        if (_pointingRun is not null)
        {
            await _pointingRun;
        }

        _hardware!.OnPointingEnded();
        if (_following is not null)
        {
            await _following;
        }

        _receiver!.OnPassComplete();
        if (_receiving is not null)
        {
            await _receiving.WaitAsync(_distillation!.CompletionTimeout, context.Time, cancellationToken);
        }

        await _distillation!.FinishAsync(context.Time, context.Logger, cancellationToken);
    }

    public PassShortfall? Shortfall() => _pointing?.NeverLockedReason is { } why ? new PassShortfall(PassShortfall.NoFineLock, "OGS APT: " + why) : null;

    public IReadOnlyDictionary<string, object> Details()
    {
        var details = new Dictionary<string, object>();
        if (_context is null)
        {
            return details; // not wired: the run ended before the link came up
        }

        details["housekeeping_sent"] = _housekeeping!.Sent;
        details["payload_housekeeping_received"] = _payloadHousekeeping!.Received;
        details["unroutable_messages"] = _context.Link.Unroutable;
        details["malformed_messages"] = _context.Link.Malformed;
        _clock!.AddDetails(details);
        _receiver!.AddDetails(details);
        _hardware!.AddDetails(details);
        _distillation!.AddDetails(details);
        if (_pointing is not null)
        {
            details["apt"] = _pointing.Report();
        }

        if (_follower is not null)
        {
            details["ogs_hwp"] = _follower.Details();
            details["reference_counts_answered"] = _responder!.Answered;
            details["reference_counts_unanswered"] = _responder.Unanswered;
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

        if (_distillation is not null)
        {
            await _distillation.DisposeAsync();
        }
    }
}
