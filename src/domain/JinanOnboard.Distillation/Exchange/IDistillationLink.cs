namespace JinanOnboard.Distillation.Exchange;

/// <summary>
/// The classical link as the distillers see it. The firmware implements it: every message is
/// repeated until acknowledged (system.md: uplink and downlink frames get lost), and a newer
/// message of the same kind may supersede an unsent older one. Messages may arrive duplicated or
/// out of order; the distillers tolerate both.
/// </summary>
public interface IDistillationLink
{
    /// <summary>Queues one message for reliable delivery to the other side.</summary>
    /// <param name="type">Message kind.</param>
    /// <param name="body">Encoded body (protocol-spec/distillation.md); the link may keep the memory until sent.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    ValueTask SendAsync(DistillationMessageType type, ReadOnlyMemory<byte> body, CancellationToken cancellationToken);
}
