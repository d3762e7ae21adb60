namespace JinanOnboard.Protocol.Delivery;

/// <summary>The peer went silent for longer than the side waits, closed the connection without saying goodbye, or the transport failed.</summary>
public class LinkLostException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Frames still arrive but the link carries too little to make progress (delivery.md "Liveness"): no reliable
/// message was acknowledged for the no-progress time while some waited, or the side gave up while only damaged
/// frames arrived. <see cref="FrameErrorRate"/> is the share of the peer's frames that did not arrive intact.
/// </summary>
public sealed class LinkDegradedException(string message, double frameErrorRate) : LinkLostException(message)
{
    public double FrameErrorRate { get; } = frameErrorRate;
}
