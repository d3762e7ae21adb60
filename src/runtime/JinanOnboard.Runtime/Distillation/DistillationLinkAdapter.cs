using JinanOnboard.Distillation.Exchange;
using JinanOnboard.Runtime.Link;
using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Messages;

namespace JinanOnboard.Runtime.Distillation;

/// <summary>
/// Carries distillation messages on APID 0x100 (message type = <see cref="DistillationMessageType"/>),
/// reliably, and hands inbound ones to a distiller. A message the distiller refuses is counted and dropped: one bad
/// message must never stop the link. A body that does not parse is not counted here: its MalformedMessageException
/// reaches <see cref="LinkComponent"/>, which counts every malformed message of every APID once (malformed_messages).
/// </summary>
public sealed class DistillationLinkAdapter(LinkComponent link) : IDistillationLink
{
    private long _refused;

    /// <summary>
    /// Inbound distillation messages that parse but that the distiller refuses in its state (DistillationProtocolException:
    /// a type for the other side, a round too far ahead, a sift result for a round never sent): a diverged peer, not a damaged body.
    /// </summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>The last refusal, for the log and the result.</summary>
    public string? LastRefusal { get; private set; }

    public ValueTask SendAsync(DistillationMessageType type, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        link.SendAsync(new OutboundMessage(Apids.Distillation, (byte)type, body.ToArray(), Reliable: true), cancellationToken);

    /// <summary>Connects inbound APID 0x100 to <paramref name="handler"/>.</summary>
    public void ConnectInbound(Func<DistillationMessageType, ReadOnlyMemory<byte>, CancellationToken, ValueTask> handler)
    {
        link.Inbound(Apids.Distillation).ConnectTo(async (InboundMessage message, CancellationToken ct) =>
        {
            try
            {
                await handler((DistillationMessageType)message.Type, message.Data, ct);
            }
            catch (DistillationProtocolException ex)
            {
                Interlocked.Increment(ref _refused);
                LastRefusal = ex.Message;
            }
        });
    }
}
