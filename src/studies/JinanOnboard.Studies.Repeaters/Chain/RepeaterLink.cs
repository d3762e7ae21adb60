namespace JinanOnboard.Studies.Repeaters.Chain;

/// <summary>
/// One elementary link of the chain, between memory node i (left) and i + 1 (right). One end holds a photon-pair source:
/// it writes one photon into its own memory and sends the other through the channel to the far memory, which stores it
/// with a herald (the memory-assisted scheme of satellite repeater proposals, e.g. Gündoğan et al., npj Quantum Inf. 7,
/// 128 (2021)). A heralding cycle emits <c>modes</c> multiplexed modes and lasts until the herald is back at the emitter.
/// </summary>
/// <param name="Name">Label, e.g. "A-S1 downlink".</param>
/// <param name="LengthKm">Distance between the two nodes, km.</param>
/// <param name="ChannelTransmittance">Channel transmittance from the project's link budget (no memory efficiency), (0, 1].</param>
/// <param name="EmitterIsLeft">True when the source sits at the left node (the right node then receives).</param>
/// <param name="InitialError">Bit- and phase-flip probability of a fresh pair (source and channel misalignment), [0, 0.5).</param>
public sealed record RepeaterLink(string Name, double LengthKm, double ChannelTransmittance, bool EmitterIsLeft, double InitialError)
{
    /// <summary>Speed of light in vacuum, km/s (the ISL and the slant path are vacuum to a part in 10⁴).</summary>
    public const double SpeedOfLightKmPerS = 299_792.458;

    /// <summary>One-way flight time of a photon or a classical herald, s.</summary>
    public double FlightS => LengthKm / SpeedOfLightKmPerS;

    /// <summary>Loss of the channel in dB.</summary>
    public double ChannelLossDb => -10.0 * Math.Log10(ChannelTransmittance);
}
