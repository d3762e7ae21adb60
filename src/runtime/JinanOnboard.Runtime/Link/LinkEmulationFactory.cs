using JinanOnboard.Primitives.Randomness;
using JinanOnboard.Config.Model;
using JinanOnboard.Runtime.Hosting;
using JinanOnboard.Protocol.Coding;
using JinanOnboard.Transport;
using JinanOnboard.Transport.LinkEmulation;

namespace JinanOnboard.Runtime.Link;

/// <summary>
/// Puts the laser-link emulation between a firmware process and its transport. Each side emulates
/// its own transmit direction (the payload the 812 nm downlink, the ground the 1538 nm uplink), so
/// the emulation is the same whichever transport carries the bytes and wherever the processes run.
/// Loss, bit errors, duplication, reordering and jitter are drawn from the run seed; the one-way delay follows the pass geometry
/// (light time from the orbit layer, <see cref="SlantRangeDelay"/>) unless the configuration fixes it. Outages and
/// the delay are read on the process's pass clock, so they happen at their pass time in fast and real-time runs
/// alike; which chunk is lost or corrupted depends only on the chunk index and the seed, never on timing.
/// </summary>
public static class LinkEmulationFactory
{
    public static EmulatedConnection Wrap(
        TransportConnection connection,
        FirmwareConfiguration configuration,
        FirmwareRole role,
        ulong runSeed,
        Func<TimeSpan> passClock,
        SlantRangeDelay? slantRange,
        TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(passClock);
        LinkSettings link = configuration.Link;
        bool payload = role == FirmwareRole.Payload;
        LinkDirectionSettings settings = payload ? link.Downlink : link.Uplink;
        string purpose = payload ? "link.downlink" : "link.uplink";
        var outbound = new LinkDirectionOptions
        {
            BitRateBitsPerSecond = settings.RateBps,
            OneWayDelay = TimeSpan.FromMilliseconds(settings.DelayMs ?? 0),
            OneWayDelayFunction = settings.DelayMs is null && slantRange is not null
                ? passTime => TimeSpan.FromSeconds(slantRange.At(passTime.TotalSeconds))
                : null,
            PassClock = passClock,
            Loss = new GilbertElliott(settings.GoodToBad, settings.BadToGood, settings.LossGood, settings.LossBad),
            BitErrorRate = settings.BitErrorRate,
            DuplicateProbability = settings.DuplicateProbability,
            ReorderProbability = settings.ReorderProbability,
            Jitter = TimeSpan.FromMilliseconds(settings.JitterMs),
            Outages = settings.Outages.Select(o => new LinkOutage(TimeSpan.FromSeconds(o.StartS), TimeSpan.FromSeconds(o.EndS))).ToList(),
            ChunkBytes = CaduBytes(link),
            RandomStreams = SeedSequence.UniformStreams(SeedSequence.Derive(runSeed, purpose)),
        };

        // The receive direction is the peer's transmit direction: it emulates it on its side.
        var inbound = new LinkDirectionOptions { BitRateBitsPerSecond = double.PositiveInfinity, ChunkBytes = outbound.ChunkBytes };
        return LinkEmulator.Wrap(connection, outbound, inbound, time);
    }

    /// <summary>Bytes of one CADU on the wire (sync marker and codeblock): the emulation's chunk, so a loss removes exactly one frame.</summary>
    public static int CaduBytes(LinkSettings link)
        => FrameCoding.For(FirmwareSessionRunner.LinkCodingOf(link), link.FrameBytes).CaduLength;

    /// <summary>
    /// The largest one-way delay this side's transmit direction will see over the pass: the fixed <c>delay_ms</c>, or
    /// the slant-range delay's maximum (at the lowest elevation) when it follows the pass, plus the largest jitter.
    /// </summary>
    public static TimeSpan MaxOneWayDelay(FirmwareConfiguration configuration, FirmwareRole role, SlantRangeDelay? slantRange)
    {
        LinkDirectionSettings settings = role == FirmwareRole.Payload ? configuration.Link.Downlink : configuration.Link.Uplink;
        TimeSpan delay = settings.DelayMs is { } fixedMs ? TimeSpan.FromMilliseconds(fixedMs)
            : slantRange is not null ? TimeSpan.FromSeconds(slantRange.MaxS)
            : TimeSpan.Zero;
        return delay + TimeSpan.FromMilliseconds(settings.JitterMs);
    }

    /// <summary>
    /// The side's transmit direction as reported in its result: the emulation counters, and the link utilisation
    /// U = bits carried / (rate × wall time of the link), bits carried being the bytes the line delivered (corrupted
    /// chunks included: they occupied the line too; duplicate copies left out: they took no line time) × 8. U near 1
    /// means the window kept the 156 Mbit/s line busy.
    /// </summary>
    public static EmulationStatistics Statistics(EmulatedConnection emulated, FirmwareConfiguration configuration, FirmwareRole role, TimeSpan linkWallTime)
    {
        ArgumentNullException.ThrowIfNull(emulated);
        bool payload = role == FirmwareRole.Payload;
        double rate = (payload ? configuration.Link.Downlink : configuration.Link.Uplink).RateBps;
        LinkDirectionStatistics o = emulated.Outbound;
        long bitsCarried = (o.BytesDelivered - o.BytesDuplicated) * 8;
        double wall = linkWallTime.TotalSeconds;
        double utilisation = wall > 0 && double.IsFinite(rate) ? bitsCarried / (rate * wall) : 0;
        return new EmulationStatistics(o.ChunksOffered, o.ChunksDelivered, o.ChunksLost, o.ChunksInOutage, o.ChunksCorrupted, o.BitsFlipped)
        {
            ChunksDuplicated = o.ChunksDuplicated,
            ChunksReordered = o.ChunksReordered,
            Direction = payload ? "downlink" : "uplink",
            RateBps = rate,
            BitsCarried = bitsCarried,
            LinkWallSeconds = wall,
            Utilisation = utilisation,
        };
    }
}
