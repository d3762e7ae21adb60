namespace JinanOnboard.Protocol.Delivery;

/// <summary>
/// Loss-of-link detection (delivery.md "Liveness and closing"): when the last valid frame arrived,
/// and whether the session is closing, after which silence and end of stream are expected.
/// Written by the reader loop and the coordinator, read by the writer loop: plain volatile fields.
/// </summary>
internal sealed class Liveness(TimeProvider time, TimeSpan lossOfLinkTimeout)
{
    private long _lastValidFrame = time.GetTimestamp();
    private volatile bool _closing;

    /// <summary>True once this end is saying goodbye, has heard the peer's, or is being stopped.</summary>
    public bool IsClosing => _closing;

    public void BeginClosing() => _closing = true;

    /// <summary>A valid frame arrived (or the session starts): the silence clock restarts.</summary>
    public void Heard() => Volatile.Write(ref _lastValidFrame, time.GetTimestamp());

    /// <summary>Throws <see cref="LinkLostException"/> when the peer has been silent too long and we are not closing.</summary>
    public void ThrowIfLost()
    {
        TimeSpan silent = time.GetElapsedTime(Volatile.Read(ref _lastValidFrame));
        if (silent > lossOfLinkTimeout && !_closing)
        {
            throw new LinkLostException($"Loss of link: no valid frame from the peer for {silent.TotalSeconds:F1} s.");
        }
    }
}
