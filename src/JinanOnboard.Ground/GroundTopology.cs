using JinanOnboard.Config.Model;
using JinanOnboard.Firmware.Hosting;
using JinanOnboard.Firmware.Link;
using JinanOnboard.Firmware.Session;
using JinanOnboard.Firmware.Telemetry;
using JinanOnboard.Firmware.TimeSync;
using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Messages;

namespace JinanOnboard.Ground;

/// <summary>
/// The ground (OGS) executable's topology: which components exist and how they are wired. No
/// physics and no protocol logic live here — only construction and connections.
/// </summary>
public sealed class GroundTopology : IFirmwareTopology
{
    private FirmwareContext? _context;
    private ClockDiscipline? _clock;
    private HousekeepingReporter? _housekeeping;
    private HousekeepingMonitor? _payloadHousekeeping;
    private GroundSessionController? _session;

    public void Wire(FirmwareContext context)
    {
        _context = context;
        FirmwareConfiguration configuration = context.Options.Configuration;
        _clock = new ClockDiscipline();
        _housekeeping = new HousekeepingReporter(role: 1, TimeSpan.FromSeconds(configuration.Telemetry.PeriodS));
        _payloadHousekeeping = new HousekeepingMonitor();
        _session = new GroundSessionController();

        LinkComponent link = context.Link;
        link.Inbound(Apids.TimeSync).ConnectTo(_clock.OnMessageAsync);
        // The ground's housekeeping follows the pass time the sync words carry.
        link.Inbound(Apids.TimeSync).ConnectTo((InboundMessage _, CancellationToken ct) =>
            _housekeeping.OnTickAsync(TimeSpan.FromSeconds(_clock.LatestEmissionS), ct));
        link.Inbound(Apids.Telemetry).ConnectTo(_payloadHousekeeping.OnMessageAsync);
        link.Inbound(Apids.SessionControl).ConnectTo(_session.OnMessageAsync);
        _housekeeping.Downlink.ConnectTo(link.SendAsync);
        _session.Uplink.ConnectTo(link.SendAsync);

        _housekeeping.AddProvider(() =>
        [
            new("sync_words_received", _clock.WordsReceived),
            new("sync_period_ps", double.IsNaN(_clock.EstimatedPeriodPs) ? 0 : _clock.EstimatedPeriodPs),
            new("frames_received", context.Session.Statistics.Snapshot().FramesReceived),
        ]);
    }

    public Task<double> RunAsync(CancellationToken cancellationToken)
    {
        FirmwareContext context = _context ?? throw new InvalidOperationException("Wire the topology first.");
        return _session!.RunAsync(context.Session, context.Link, Details, cancellationToken);
    }

    public IReadOnlyDictionary<string, object> Details() => new Dictionary<string, object>
    {
        ["sync_words_received"] = _clock?.WordsReceived ?? 0,
        ["sync_batches_received"] = _clock?.Batches ?? 0,
        ["sync_contiguous_end"] = _clock?.ContiguousEnd ?? 0,
        ["sync_period_ps"] = _clock is null || double.IsNaN(_clock.EstimatedPeriodPs) ? 0 : _clock.EstimatedPeriodPs,
        ["housekeeping_sent"] = _housekeeping?.Sent ?? 0,
        ["payload_housekeeping_received"] = _payloadHousekeeping?.Received ?? 0,
        ["unroutable_messages"] = _context?.Link.Unroutable ?? 0,
        ["malformed_messages"] = _context?.Link.Malformed ?? 0,
    };
}
