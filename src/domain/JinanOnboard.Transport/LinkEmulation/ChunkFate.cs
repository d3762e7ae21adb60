namespace JinanOnboard.Transport.LinkEmulation;

/// <summary>What the emulated link did with one chunk.</summary>
internal enum ChunkFate
{
    /// <summary>Sent on (possibly with flipped bits).</summary>
    Delivered,

    /// <summary>Dropped by the Gilbert-Elliott model.</summary>
    Lost,

    /// <summary>Dropped because it was sent inside an outage.</summary>
    InOutage,
}
