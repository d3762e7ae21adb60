using JinanOnboard.Protocol.Coding;
using JinanOnboard.Protocol.Framing;

namespace JinanOnboard.Protocol.Delivery;

/// <summary>Settings of one end of the signed, acknowledged link.</summary>
public sealed record LinkSessionOptions
{
    /// <summary>Transfer frame length in bytes, without the 4-byte sync marker; both ends must agree.</summary>
    public int FrameLength { get; init; } = 4096;

    public byte SpacecraftId { get; init; } = 0x2A;

    /// <summary>Channel coding of every frame on the wire; both ends must agree (the run configuration's <c>link.coding</c>).</summary>
    public ChannelCoding Coding { get; init; } = ChannelCoding.None;

    /// <summary>The codec of <see cref="Coding"/> for <see cref="FrameLength"/>.</summary>
    internal FrameCoding FrameCoding => FrameCoding.For(Coding, FrameLength);

    /// <summary>True at the payload: its packets are telemetry (type bit 0); the ground's are telecommands.</summary>
    public bool IsPayload { get; init; }

    /// <summary>This end's random session nonce (non-zero).</summary>
    public ulong SessionId { get; init; }

    /// <summary>Link data rate, used with <see cref="RoundTripTime"/> to size the window.</summary>
    public double LinkRateBitsPerSecond { get; init; } = 156e6;

    /// <summary>Worst round-trip time the window must cover (two one-way delays plus processing).</summary>
    public TimeSpan RoundTripTime { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How long a reliable packet waits for its acknowledgement before it is sent again.</summary>
    public TimeSpan AckTimeout { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>First pause before a retransmission; doubles each time up to <see cref="MaxRetransmitBackoff"/>.</summary>
    public TimeSpan RetransmitBackoff { get; init; } = TimeSpan.FromMilliseconds(5);

    public TimeSpan MaxRetransmitBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest an acknowledgement waits for a frame going the other way before it is sent alone.</summary>
    public TimeSpan AckDelay { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>A frame goes out at least this often, so the peer knows the link is alive.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// No valid frame from the peer for this long: before the handshake is confirmed, loss of link; after it, the link
    /// is marked down (the session waits for it to come back).
    /// </summary>
    public TimeSpan LossOfLinkTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>No valid frame from the peer for this long ends a confirmed session (loss of link).</summary>
    public TimeSpan GiveUpTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>While the link is up and reliable messages wait, none acknowledged for this long means the link is degraded.</summary>
    public TimeSpan NoProgressTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Over <see cref="NoProgressTimeout"/>, a larger share of the peer's frames failing to arrive intact means the link is degraded.</summary>
    public double MaxFrameErrorRate { get; init; } = 0.9;

    /// <summary>Reliable packets in flight: the bandwidth-delay product in frames, at least 16.</summary>
    public int WindowPackets
    {
        get
        {
            double bytesInFlight = LinkRateBitsPerSecond / 8 * RoundTripTime.TotalSeconds;
            return Math.Max(16, (int)Math.Ceiling(bytesInFlight / FrameLength));
        }
    }

    /// <summary>
    /// The run settings both ends must share before any key material is made (seed, duration, pass
    /// start, source intensities and probabilities, block sizes, ε…), as (key, value) text pairs.
    /// Exchanged and compared in the handshake (protocol-spec/delivery.md "Plan agreement"): when
    /// the peer's list differs (a value, or a key only one side has), both sessions end with
    /// <see cref="PlanMismatchException"/> before any application message is delivered. Order does
    /// not matter for the comparison; it orders the mismatch message. Limits: at most 1024 entries,
    /// unique keys of 1..255 UTF-8 bytes, values of at most 4096 UTF-8 bytes. Empty by default, which
    /// agrees only with an empty list.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Agreement { get; init; } = [];

    /// <summary>The largest message body packets.md allows: 16 MiB.</summary>
    public const int DefaultMaxMessageBytes = 16 * 1024 * 1024;

    /// <summary>Largest message body the session accepts (segmented over many frames).</summary>
    public int MaxMessageBytes { get; init; } = DefaultMaxMessageBytes;

    internal int MaxSegmentData => TransferFrameLayout.PacketZoneCapacity(FrameLength) - SpacePacket.HeaderLength - AckReserve;

    /// <summary>Room kept in every frame for an acknowledgement with a few selective ranges.</summary>
    internal const int AckReserve = SpacePacket.HeaderLength + AckPayload.FixedLength + (MaxAckRanges * AckPayload.RangeLength) + HelloReserve;

    /// <summary>Room for the hello packet sent until the handshake completes.</summary>
    internal const int HelloReserve = SpacePacket.HeaderLength + Handshake.HelloLength;

    internal const int MaxAckRanges = 16;

    /// <summary>Checks the values; the message names the setting.</summary>
    public void Validate()
    {
        TransferFrameLayout.Validate(FrameLength);
        if (SessionId == 0)
        {
            throw new ArgumentException("SessionId must be non-zero.");
        }

        if (SpacecraftId > 0xFF || LinkRateBitsPerSecond <= 0 || AckTimeout <= TimeSpan.Zero || LossOfLinkTimeout <= HeartbeatInterval
            || GiveUpTimeout < LossOfLinkTimeout || NoProgressTimeout <= AckTimeout || MaxFrameErrorRate is <= 0 or > 1)
        {
            throw new ArgumentException("Link session timing settings are inconsistent (need AckTimeout > 0, LossOfLinkTimeout > HeartbeatInterval, GiveUpTimeout >= LossOfLinkTimeout, NoProgressTimeout > AckTimeout, 0 < MaxFrameErrorRate <= 1).");
        }

        PlanAgreement.Validate(Agreement);
    }
}
