using JinanOnboard.Primitives.Recording;
using JinanOnboard.Protocol.Framing;

namespace JinanOnboard.Cli.Export;

/// <summary>
/// Turns the recorded link units of one process (protocol-spec/recording-seam.md) into a pcap capture of the space
/// packets they carry, one UDP datagram per packet (protocol-spec/export.md §pcap): the payload is 192.0.2.1, the ground
/// 192.0.2.2, both on UDP port 10018, so `-d udp.port==10018,ccsds` makes Wireshark dissect every packet as CCSDS and
/// `ip.src` tells the direction. Frames are opened with the protocol's own codecs: checks 1-3 of frames.md (length, CRC,
/// header; no keys are at hand to verify signatures), then the packets of the zone up to the first malformed one, as the
/// receiver reads them.
/// </summary>
internal sealed class SpacePacketCapture
{
    public const uint PayloadAddress = 0xC0000201; // 192.0.2.1 (TEST-NET-1, RFC 5737)
    public const uint GroundAddress = 0xC0000202; // 192.0.2.2
    public const ushort Port = 10018;

    /// <summary>
    /// Wireshark's CCSDS dissector reads a 10-byte (ISS-style) secondary header whatever the packet says, so a packet
    /// shorter than 6 + 10 bytes would run it off the end of the datagram; such packets are followed by zero bytes up to
    /// this length, outside the packet (its length field still says where it ends).
    /// </summary>
    public const int MinimumDatagramPayload = 16;

    private readonly PcapWriter _pcap;
    private readonly bool _recordedByPayload;
    private readonly byte[] _datagram = new byte[Ipv4UdpDatagram.HeaderBytes + TransferFrameLayout.MaxFrameLength];
    private readonly byte[] _padded = new byte[MinimumDatagramPayload];
    private readonly Dictionary<(bool FromPayload, int Apid), long> _apids = [];

    /// <param name="pcap">Where the datagrams go.</param>
    /// <param name="recordedByPayload">The recording's role: its outgoing units are the payload's (true) or the ground's.</param>
    public SpacePacketCapture(PcapWriter pcap, bool recordedByPayload)
    {
        _pcap = pcap;
        _recordedByPayload = recordedByPayload;
    }

    /// <summary>Link units read (one frame each).</summary>
    public long Frames { get; private set; }

    /// <summary>Frames left out: they fail their CRC or are not transfer frames (noise the deframer found on a lossy link).</summary>
    public long FramesLeftOut { get; private set; }

    /// <summary>Zones cut short at a packet the receiver would drop as malformed.</summary>
    public long PacketsMalformed { get; private set; }

    /// <summary>Packets written per direction and APID.</summary>
    public IReadOnlyDictionary<(bool FromPayload, int Apid), long> Apids => _apids;

    /// <summary>Adds the packets of one recorded link unit.</summary>
    public void Add(RecordedUnit unit)
    {
        Frames++;
        ReadOnlySpan<byte> frame = unit.Data;
        if (unit.Direction == TapDirection.Outgoing)
        {
            // Outgoing units are whole CADUs: the sync marker, then the frame.
            if (!frame.StartsWith(TransferFrameLayout.SyncMarker))
            {
                FramesLeftOut++;
                return;
            }

            frame = frame[TransferFrameLayout.SyncMarkerLength..];
        }

        if (TransferFrameCodec.OpenUnverified(frame, out _, out ReadOnlySpan<byte> zone) != FrameCheck.Ok)
        {
            FramesLeftOut++;
            return;
        }

        bool fromPayload = (unit.Direction == TapDirection.Outgoing) == _recordedByPayload;
        uint source = fromPayload ? PayloadAddress : GroundAddress;
        uint destination = fromPayload ? GroundAddress : PayloadAddress;
        while (!zone.IsEmpty)
        {
            // The payload sends telemetry packets, the ground telecommands (packets.md): anything else ends the zone.
            if (!SpacePacket.TryRead(zone, out SpacePacket packet, out int consumed) || packet.IsTelecommand == fromPayload)
            {
                PacketsMalformed++;
                return;
            }

            ReadOnlySpan<byte> bytes = zone[..consumed];
            zone = zone[consumed..];
            if (bytes.Length < MinimumDatagramPayload)
            {
                Array.Clear(_padded);
                bytes.CopyTo(_padded);
                bytes = _padded;
            }

            int length = Ipv4UdpDatagram.Write(_datagram, source, destination, Port, bytes);
            _pcap.Write(unit.PassTime, _datagram.AsSpan(0, length));
            _apids[(fromPayload, packet.Apid)] = _apids.GetValueOrDefault((fromPayload, packet.Apid)) + 1;
        }
    }
}
