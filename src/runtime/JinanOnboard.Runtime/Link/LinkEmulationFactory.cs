using JinanOnboard.Primitives.Randomness;
using JinanOnboard.Config.Model;
using JinanOnboard.Runtime.Hosting;
using JinanOnboard.Protocol.Framing;
using JinanOnboard.Transport;
using JinanOnboard.Transport.LinkEmulation;

namespace JinanOnboard.Runtime.Link;

/// <summary>
/// Puts the laser-link emulation between a firmware process and its transport. Each side emulates
/// its own transmit direction (the payload the 812 nm downlink, the ground the 1538 nm uplink), so
/// the emulation is the same whichever transport carries the bytes and wherever the processes run.
/// Loss and bit errors are drawn from the run seed; the one-way delay follows the pass geometry
/// (light time from the orbit layer) unless the configuration fixes it.
/// </summary>
public static class LinkEmulationFactory
{
    public static EmulatedConnection Wrap(
        TransportConnection connection,
        FirmwareConfiguration configuration,
        FirmwareRole role,
        ulong runSeed,
        Func<double, double>? oneWayDelaySAtPassSeconds,
        TimeProvider time)
    {
        LinkSettings link = configuration.Link;
        bool payload = role == FirmwareRole.Payload;
        LinkDirectionSettings settings = payload ? link.Downlink : link.Uplink;
        string purpose = payload ? "link.downlink" : "link.uplink";
        var outbound = new LinkDirectionOptions
        {
            BitRateBitsPerSecond = settings.RateBps,
            OneWayDelay = TimeSpan.FromMilliseconds(settings.DelayMs ?? 0),
            OneWayDelayFunction = settings.DelayMs is null && oneWayDelaySAtPassSeconds is not null
                ? sinceStart => TimeSpan.FromSeconds(oneWayDelaySAtPassSeconds(sinceStart.TotalSeconds))
                : null,
            Loss = new GilbertElliott(settings.GoodToBad, settings.BadToGood, settings.LossGood, settings.LossBad),
            BitErrorRate = settings.BitErrorRate,
            Outages = settings.Outages.Select(o => new LinkOutage(TimeSpan.FromSeconds(o.StartS), TimeSpan.FromSeconds(o.EndS))).ToList(),
            ChunkBytes = TransferFrameLayout.CaduLength(link.FrameBytes),
            RandomStreams = SeedSequence.UniformStreams(SeedSequence.Derive(runSeed, purpose)),
        };

        // The receive direction is the peer's transmit direction: it emulates it on its side.
        var inbound = new LinkDirectionOptions { BitRateBitsPerSecond = double.PositiveInfinity, ChunkBytes = outbound.ChunkBytes };
        return LinkEmulator.Wrap(connection, outbound, inbound, time);
    }
}
