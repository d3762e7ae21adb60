using JinanOnboard.Runtime.Ports;
using JinanOnboard.Runtime.Link;
using JinanOnboard.Runtime.Messages;
using JinanOnboard.Protocol.Messages;

namespace JinanOnboard.Runtime.Telemetry;

/// <summary>
/// Sends this side's housekeeping every <c>period</c> of pass time, unacknowledged (a lost report
/// is superseded by the next). Values come from the providers the topology registers.
/// </summary>
public sealed class HousekeepingReporter(HousekeepingRole role, TimeSpan period)
{
    private readonly List<Func<IEnumerable<KeyValuePair<string, double>>>> _providers = [];
    private TimeSpan _next = TimeSpan.Zero;

    /// <summary>Output: messages for the link.</summary>
    public AsyncOutputPort<OutboundMessage> Downlink { get; } = new("housekeeping.out", PortMultiplicity.One);

    /// <summary>Reports sent.</summary>
    public long Sent { get; private set; }

    /// <summary>Registers a source of named values (topology only).</summary>
    public void AddProvider(Func<IEnumerable<KeyValuePair<string, double>>> provider) => _providers.Add(provider);

    /// <summary>Input: pass time advanced.</summary>
    public async ValueTask OnTickAsync(TimeSpan passTime, CancellationToken cancellationToken)
    {
        if (passTime < _next)
        {
            return;
        }

        // Reports sit on a fixed grid of pass time (0, period, 2·period, ...), whatever the tick length.
        while (_next <= passTime)
        {
            _next += period;
        }

        var values = _providers.SelectMany(p => p()).ToList();
        var report = new Housekeeping((byte)role, passTime.Ticks / 10, values);
        Sent++;
        await Downlink.InvokeAsync(new OutboundMessage(Apids.Telemetry, Housekeeping.MessageType, report.Encode(), Reliable: false), cancellationToken);
    }
}
