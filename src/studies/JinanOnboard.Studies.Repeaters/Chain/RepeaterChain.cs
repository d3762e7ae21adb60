using JinanOnboard.Studies.Repeaters.Simulation;

namespace JinanOnboard.Studies.Repeaters.Chain;

/// <summary>A line of N + 1 memory nodes joined by N elementary links, with shared memory settings.</summary>
public sealed record RepeaterChain(string Name, IReadOnlyList<RepeaterLink> Links, RepeaterSettings Settings)
{
    /// <summary>Number of nodes (links + 1): node 0 and node N are the two end users.</summary>
    public int NodeCount => Links.Count + 1;

    /// <summary>
    /// Duration of link i's heralding cycle: emit the M modes (M / mode rate), then wait for the herald's round trip
    /// (2L/c) before the emitter may reuse its memory.
    /// </summary>
    public double CycleS(int link) => (Settings.Modes / Settings.ModeRateHz) + (2.0 * Links[link].FlightS);

    /// <summary>Probability that one mode of link i is stored at both ends: channel transmittance × memory efficiency.</summary>
    public double PerModeSuccess(int link) => Links[link].ChannelTransmittance * Settings.MemoryEfficiency;

    /// <summary>Probability that a heralding cycle of link i succeeds (at least one of its M modes).</summary>
    public double PerCycleSuccess(int link) => GeometricTrials.PerCycleProbability(PerModeSuccess(link), Settings.Modes);

    /// <summary>Channel transmittance of the whole route, the product over links (the loss as if the nodes were passive relays).</summary>
    public double EndToEndTransmittance => Links.Aggregate(1.0, (product, l) => product * l.ChannelTransmittance);

    /// <summary>Throws <see cref="ArgumentException"/> when the chain cannot be simulated.</summary>
    public void Validate()
    {
        if (Links.Count == 0)
        {
            throw new ArgumentException("a repeater chain needs at least one link", nameof(Links));
        }

        Settings.Validate();
        foreach (RepeaterLink link in Links)
        {
            if (!(link.ChannelTransmittance > 0) || link.ChannelTransmittance > 1)
            {
                throw new ArgumentOutOfRangeException(nameof(Links), link.ChannelTransmittance, $"link {link.Name}: transmittance {link.ChannelTransmittance} must be in (0, 1] (a blocked link never succeeds)");
            }

            if (!(link.LengthKm > 0) || !double.IsFinite(link.LengthKm))
            {
                throw new ArgumentOutOfRangeException(nameof(Links), link.LengthKm, $"link {link.Name}: length {link.LengthKm} km must be positive");
            }

            if (link.InitialError is < 0 or >= 0.5 || double.IsNaN(link.InitialError))
            {
                throw new ArgumentOutOfRangeException(nameof(Links), link.InitialError, $"link {link.Name}: initial error {link.InitialError} must be in [0, 0.5)");
            }
        }
    }
}
