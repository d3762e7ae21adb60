using JinanOnboard.Runtime.Ports;
using JinanOnboard.Runtime.Link;
using JinanOnboard.Runtime.Messages;
using JinanOnboard.Protocol.Delivery;

namespace JinanOnboard.Firmware.Tests.Harness;

/// <summary>
/// F Prime-style test harness helpers: connect a component's output port to a collecting handler
/// and drive its input methods on the test thread.
/// </summary>
internal static class PortHarness
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Connects <paramref name="port"/> to a list that receives every value, in order.</summary>
    public static List<T> Record<T>(this AsyncOutputPort<T> port)
    {
        var items = new List<T>();
        port.ConnectTo((value, _) =>
        {
            lock (items)
            {
                items.Add(value);
            }

            return ValueTask.CompletedTask;
        });
        return items;
    }

    /// <summary>Calls an async input port method and fails instead of hanging if it never completes.</summary>
    public static Task Drive<T>(Func<T, CancellationToken, ValueTask> input, T value)
        => input(value, CancellationToken.None).AsTask().WaitAsync(Timeout);

    /// <summary>What the link would deliver for a message a component sent.</summary>
    public static InboundMessage AsInbound(this OutboundMessage message)
        => new(message.Apid, message.Type, message.Body, message.Reliable);

    /// <summary>Decodes every sync-word batch a component sent.</summary>
    public static List<SyncWordBatch> Batches(this IEnumerable<OutboundMessage> messages)
        => [.. messages.Select(m => SyncWordBatch.Decode(m.Body))];
}
