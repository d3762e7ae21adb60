namespace JinanOnboard.Transport.LinkEmulation;

/// <summary>Puts the laser-link emulation between an application and any transport connection.</summary>
public static class LinkEmulator
{
    /// <summary>
    /// Wraps <paramref name="inner"/> so that its outbound and inbound bytes pass through the given directions
    /// (asymmetric: the firmware has each end emulate its own transmit direction as outbound and leave inbound
    /// transparent, transports.md §4). Time zero of delay functions and outages is now on <paramref name="time"/>; with a fake clock
    /// the loss pattern and every delivery time are deterministic.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (probability, rate, outage order).</exception>
    public static EmulatedConnection Wrap(TransportConnection inner, LinkDirectionOptions outbound, LinkDirectionOptions inbound, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(outbound);
        ArgumentNullException.ThrowIfNull(inbound);
        ArgumentNullException.ThrowIfNull(time);
        outbound.Validate();
        inbound.Validate();
        return new EmulatedConnection(inner, outbound, inbound, time);
    }
}
