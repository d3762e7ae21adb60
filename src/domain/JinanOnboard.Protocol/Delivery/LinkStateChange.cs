namespace JinanOnboard.Protocol.Delivery;

/// <summary>
/// The link went down (no valid frame from the peer for the loss-of-link time) or came up again (a valid frame
/// arrived), delivery.md "Liveness". The session, its reliable messages and the application's state live on across a
/// down period; only <see cref="LinkSessionOptions.GiveUpTimeout"/> of silence ends it.
/// </summary>
/// <param name="Up">True when the link came up again.</param>
/// <param name="SessionTime">Wall time since the session started.</param>
/// <param name="PassTime">The process's pass time at the change.</param>
/// <param name="SilentFor">How long no valid frame had arrived when the change was noticed (for a down, at least the loss-of-link time).</param>
public sealed record LinkStateChange(bool Up, TimeSpan SessionTime, TimeSpan PassTime, TimeSpan SilentFor);
