namespace JinanOnboard.Primitives.Recording;

/// <summary>What a tap sees: which stream, in which direction.</summary>
public enum TapDirection
{
    /// <summary>Bytes or records leaving this process.</summary>
    Outgoing,

    /// <summary>Bytes or records arriving at this process.</summary>
    Incoming,
}

/// <summary>
/// The one seam every link and every time-tag stream passes through. A recorder implements it
/// to capture a whole pass; the default tap does nothing. Implementations must copy what they
/// keep: the span is only valid during the call.
/// </summary>
public interface ITap
{
    /// <summary>Called with each unit crossing the seam (a CADU for links, a batch of tags for TDC streams).</summary>
    void Observe(string stream, TapDirection direction, TimeSpan passTime, ReadOnlySpan<byte> data);
}

/// <summary>The tap used when nothing records.</summary>
public sealed class NullTap : ITap
{
    public static readonly NullTap Instance = new();

    private NullTap()
    {
    }

    public void Observe(string stream, TapDirection direction, TimeSpan passTime, ReadOnlySpan<byte> data)
    {
    }
}
