using JinanOnboard.Primitives.Wire;
using JinanOnboard.Runtime.Messages;
using JinanOnboard.Protocol.Delivery;

namespace JinanOnboard.Runtime.Telemetry;

/// <summary>Receives the peer's housekeeping and keeps the latest report.</summary>
public sealed class HousekeepingMonitor
{
    /// <summary>Reports received.</summary>
    public long Received { get; private set; }

    /// <summary>The newest report, or null.</summary>
    public Housekeeping? Latest { get; private set; }

    public ValueTask OnMessageAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        if (message.Type != Housekeeping.MessageType)
        {
            throw new MalformedMessageException($"telemetry: unknown message type {message.Type}");
        }

        Housekeeping report = Housekeeping.Decode(message.Data);
        Received++;
        if (Latest is null || report.PassTimeUs >= Latest.PassTimeUs)
        {
            Latest = report;
        }

        return ValueTask.CompletedTask;
    }
}
