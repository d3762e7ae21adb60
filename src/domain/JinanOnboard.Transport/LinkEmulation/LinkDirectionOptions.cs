namespace JinanOnboard.Transport.LinkEmulation;

/// <summary>
/// How one direction of the laser link treats the byte stream (protocol-spec/transports.md, "Link emulation").
/// The unit of serialisation, delay and loss is a fixed-size chunk: set <see cref="ChunkBytes"/> to the link's
/// CADU size (4-byte sync marker + frame length) so that each loss removes exactly one frame.
/// </summary>
public sealed record LinkDirectionOptions
{
    /// <summary>Default chunk: a CADU of a 4096-byte transfer frame (4 + 4096).</summary>
    public const int DefaultChunkBytes = 4 + 4096;

    /// <summary>Line rate used to serialise chunks; 156 Mbit/s for both Micius-class laser links (parameters.md).</summary>
    public double BitRateBitsPerSecond { get; init; } = 156e6;

    /// <summary>Fixed one-way delay, used when <see cref="OneWayDelayFunction"/> is null.</summary>
    public TimeSpan OneWayDelay { get; init; }

    /// <summary>
    /// One-way delay as a function of the link time (see <see cref="PassClock"/>; evaluated when a chunk starts to be
    /// sent); the orbit layer supplies slant range / c. Overrides <see cref="OneWayDelay"/>.
    /// </summary>
    public Func<TimeSpan, TimeSpan>? OneWayDelayFunction { get; init; }

    /// <summary>
    /// The clock that outages and <see cref="OneWayDelayFunction"/> are written against: the pass time of the process
    /// (what the payload's pass driver advances, and the ground's clock discipline follows). Outages and fades belong
    /// to the geometry of the pass, not to how fast the emulator runs it, so in a fast-mode pass an outage configured
    /// at pass time 25–30 s still happens, whatever wall time that is. Null: time since the emulation started (the
    /// transport's own <see cref="TimeProvider"/>), for links that have no pass. Serialisation, arrival times and the
    /// in-flight bound stay on the <see cref="TimeProvider"/>: they are how long bytes take on this machine.
    /// </summary>
    public Func<TimeSpan>? PassClock { get; init; }

    /// <summary>Burst loss per chunk; <see cref="GilbertElliott.None"/> by default.</summary>
    public GilbertElliott Loss { get; init; } = GilbertElliott.None;

    /// <summary>Probability that each delivered bit is flipped (independent errors).</summary>
    public double BitErrorRate { get; init; }

    /// <summary>
    /// Probability in [0, 0.5] that a delivered chunk is delivered twice: the copy right behind the original, with the
    /// same arrival time and bytes, taking no line time (netem's duplicate). The receiver's replay window drops it.
    /// </summary>
    public double DuplicateProbability { get; init; }

    /// <summary>
    /// Probability in [0, 0.5] that a delivered chunk is held back and delivered right after the next chunk (an adjacent
    /// swap). It goes alone, without a swap, when the next chunk is dropped, or the sender pauses or ends its stream.
    /// </summary>
    public double ReorderProbability { get; init; }

    /// <summary>
    /// Largest extra delay of a delivered chunk: each gets one uniform in [0, <see cref="Jitter"/>] on top of the one-way
    /// delay. Arrivals still never overtake, so jitter bunches chunks; only <see cref="ReorderProbability"/> reorders.
    /// </summary>
    public TimeSpan Jitter { get; init; }

    /// <summary>Intervals of link time (<see cref="PassClock"/>, else time since start) in which everything is dropped.</summary>
    public IReadOnlyList<LinkOutage> Outages { get; init; } = [];

    /// <summary>Size of the unit that is serialised, delayed, lost or corrupted.</summary>
    public int ChunkBytes { get; init; } = DefaultChunkBytes;

    /// <summary>
    /// Bytes the transmitter queues ahead of the line before the writer is held back (back-pressure at line rate).
    /// </summary>
    public int TransmitBufferBytes { get; init; } = 1 << 20;

    /// <summary>
    /// Bytes allowed in flight (sent, not yet delivered) before the transmitter waits for the receiver: bounds memory
    /// when the far end reads slowly. The default covers 156 Mbit/s × 400 ms, far beyond any LEO one-way delay.
    /// </summary>
    public int MaxInFlightBytes { get; init; } = 8 << 20;

    /// <summary>
    /// This direction's random streams: called once per label ("loss", "bit-errors", "duplicate", "reorder",
    /// "jitter") that the direction uses when the direction starts; each call
    /// must return a fresh stream of independent uniform draws in [0, 1), from its start, so the same options give the
    /// same pattern. The firmware derives them from the run seed (protocol-spec/seed-derivation.md); Transport holds no
    /// generator of its own and so stays free of other projects. Required when the direction can lose chunks, flip
    /// bits, duplicate, reorder or jitter; a direction that does none of these draws nothing.
    /// </summary>
    public Func<string, Func<double>>? RandomStreams { get; init; }

    /// <summary>
    /// Upper bound of <see cref="DuplicateProbability"/> and <see cref="ReorderProbability"/>: beyond one chunk in two
    /// the link no longer resembles a channel that mostly delivers in order, once.
    /// </summary>
    public const double MaxDisorderProbability = 0.5;

    /// <summary>Whether delivered chunks may be duplicated, reordered or jittered (each draws from its own stream).</summary>
    internal bool DisordersDelivery => DuplicateProbability > 0 || ReorderProbability > 0 || Jitter > TimeSpan.Zero;

    /// <summary>The one-way delay for a chunk that starts at link time <paramref name="linkTime"/>.</summary>
    internal TimeSpan DelayAt(TimeSpan linkTime) => OneWayDelayFunction?.Invoke(linkTime) ?? OneWayDelay;

    internal void Validate()
    {
        if (!(BitRateBitsPerSecond > 0) || double.IsNaN(BitRateBitsPerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(BitRateBitsPerSecond), BitRateBitsPerSecond, "Bit rate must be positive (use double.PositiveInfinity for none).");
        }

        if (OneWayDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(OneWayDelay), OneWayDelay, "One-way delay cannot be negative.");
        }

        if (BitErrorRate is < 0 or > 1 || double.IsNaN(BitErrorRate))
        {
            throw new ArgumentOutOfRangeException(nameof(BitErrorRate), BitErrorRate, "Bit error rate must be in [0, 1].");
        }

        if (ChunkBytes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ChunkBytes), ChunkBytes, "Chunk size must be at least one byte.");
        }

        if (TransmitBufferBytes < ChunkBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(TransmitBufferBytes), TransmitBufferBytes, "Transmit buffer must hold at least one chunk.");
        }

        if (MaxInFlightBytes < ChunkBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxInFlightBytes), MaxInFlightBytes, "In-flight limit must hold at least one chunk.");
        }

        foreach (LinkOutage outage in Outages)
        {
            if (outage.End <= outage.Start)
            {
                throw new ArgumentOutOfRangeException(nameof(Outages), outage, "Outage must end after it starts.");
            }
        }

        if (DuplicateProbability is < 0 or > MaxDisorderProbability || double.IsNaN(DuplicateProbability))
        {
            throw new ArgumentOutOfRangeException(nameof(DuplicateProbability), DuplicateProbability, "Duplicate probability must be in [0, 0.5].");
        }

        if (ReorderProbability is < 0 or > MaxDisorderProbability || double.IsNaN(ReorderProbability))
        {
            throw new ArgumentOutOfRangeException(nameof(ReorderProbability), ReorderProbability, "Reorder probability must be in [0, 0.5].");
        }

        if (Jitter < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Jitter), Jitter, "Jitter cannot be negative.");
        }

        ArgumentNullException.ThrowIfNull(Loss);
        Loss.Validate();
        if (RandomStreams is null && (Loss.CanLose || BitErrorRate is > 0 and < 1 || DisordersDelivery))
        {
            throw new ArgumentException("A link direction with loss, bit errors, duplication, reordering or jitter needs RandomStreams.", nameof(RandomStreams));
        }
    }
}
