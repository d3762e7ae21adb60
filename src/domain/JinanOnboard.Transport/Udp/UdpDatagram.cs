namespace JinanOnboard.Transport.Udp;

/// <summary>
/// First byte of every datagram (protocol-spec/transports.md, "UDP"): the rest of a <see cref="Data"/> datagram is
/// the next piece of the byte stream; the control kinds carry nothing else.
/// </summary>
internal static class UdpDatagram
{
    /// <summary>Stream bytes follow.</summary>
    public const byte Data = 0x00;

    /// <summary>Client asks to connect; repeated until answered.</summary>
    public const byte Open = 0x01;

    /// <summary>Sender ended its stream (half-close or close).</summary>
    public const byte Fin = 0x02;

    /// <summary>Listener's answer to <see cref="Open"/>.</summary>
    public const byte Accept = 0x03;

    /// <summary>Receive buffer that holds any IPv4/IPv6 UDP payload whole.</summary>
    public const int MaxDatagramBytes = 65536;
}
