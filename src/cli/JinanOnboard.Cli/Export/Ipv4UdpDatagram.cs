using JinanOnboard.Primitives.Wire;

namespace JinanOnboard.Cli.Export;

/// <summary>
/// Wraps a payload in an IPv4 header (RFC 791: no options, don't-fragment, TTL 64) and a UDP header (RFC 768), both
/// checksums computed (RFC 1071 one's-complement sum; the UDP one over the RFC 768 pseudo-header), so a capture tool's
/// checksum validation passes when a user turns it on.
/// </summary>
internal static class Ipv4UdpDatagram
{
    public const int Ipv4HeaderBytes = 20;
    public const int UdpHeaderBytes = 8;
    public const int HeaderBytes = Ipv4HeaderBytes + UdpHeaderBytes;

    private const byte UdpProtocol = 17;

    /// <summary>Writes the datagram into <paramref name="destination"/>; returns its length.</summary>
    public static int Write(Span<byte> destination, uint sourceAddress, uint destinationAddress, ushort port, ReadOnlySpan<byte> payload)
    {
        int udpLength = UdpHeaderBytes + payload.Length;
        int totalLength = Ipv4HeaderBytes + udpLength;
        if (totalLength > ushort.MaxValue)
        {
            throw new ArgumentException($"A {payload.Length}-byte payload does not fit one IPv4 datagram.", nameof(payload));
        }

        Span<byte> datagram = destination[..totalLength];
        var ip = new WireWriter(datagram, ByteOrder.BigEndian);
        ip.U8(0x45); // version 4, header length 5 words
        ip.U8(0); // DSCP/ECN
        ip.U16((ushort)totalLength);
        ip.U16(0); // identification: unused, the datagram is never fragmented
        ip.U16(0x4000); // flags: don't fragment
        ip.U8(64); // TTL
        ip.U8(UdpProtocol);
        ip.U16(0); // header checksum, filled below
        ip.U32(sourceAddress);
        ip.U32(destinationAddress);
        ip.U16(port);
        ip.U16(port);
        ip.U16((ushort)udpLength);
        ip.U16(0); // UDP checksum, filled below
        ip.Bytes(payload);
        Write16(datagram[10..], Complement(Sum(datagram[..Ipv4HeaderBytes], 0)));

        // Pseudo-header: source, destination, zero + protocol, UDP length; then the UDP header and payload.
        uint pseudo = (sourceAddress >> 16) + (sourceAddress & 0xFFFF) + (destinationAddress >> 16) + (destinationAddress & 0xFFFF)
            + UdpProtocol + (uint)udpLength;
        ushort udpChecksum = Complement(Sum(datagram[Ipv4HeaderBytes..], pseudo));
        Write16(datagram[(Ipv4HeaderBytes + 6)..], udpChecksum == 0 ? (ushort)0xFFFF : udpChecksum); // 0 means "none" in UDP
        return totalLength;
    }

    /// <summary>The RFC 1071 sum of big-endian 16-bit words (an odd last byte padded with zero), folded to 16 bits.</summary>
    private static uint Sum(ReadOnlySpan<byte> bytes, uint sum)
    {
        ulong wide = sum;
        int i = 0;
        for (; i + 1 < bytes.Length; i += 2)
        {
            wide += (uint)(bytes[i] << 8 | bytes[i + 1]);
        }

        if (i < bytes.Length)
        {
            wide += (uint)(bytes[i] << 8);
        }

        while (wide >> 16 != 0)
        {
            wide = (wide & 0xFFFF) + (wide >> 16);
        }

        return (uint)wide;
    }

    private static ushort Complement(uint sum) => (ushort)~sum;

    private static void Write16(Span<byte> at, ushort value)
    {
        at[0] = (byte)(value >> 8);
        at[1] = (byte)value;
    }
}
