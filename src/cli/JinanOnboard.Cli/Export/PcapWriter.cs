using JinanOnboard.Primitives.Wire;

namespace JinanOnboard.Cli.Export;

/// <summary>
/// Writes a classic libpcap capture file (the tcpdump format, https://www.tcpdump.org/manpages/pcap-savefile.5.html) with
/// nanosecond timestamps: the 24-byte file header with magic 0xA1B23C4D (written little-endian: 4D 3C B2 A1), version
/// 2.4, then per packet a 16-byte record header (seconds, nanoseconds, captured length, original length) and the bytes.
/// Nanoseconds, not the microsecond format, because recorded pass times are 100 ns ticks.
/// </summary>
internal sealed class PcapWriter
{
    /// <summary>The nanosecond-resolution variant of the pcap magic number.</summary>
    public const uint NanosecondMagic = 0xA1B23C4D;

    /// <summary>LINKTYPE_RAW: every packet starts with an IPv4 (or IPv6) header, no link-layer header.</summary>
    public const uint LinkTypeRaw = 101;

    public const int FileHeaderBytes = 24;
    public const int RecordHeaderBytes = 16;
    public const int SnapLength = 65_535;

    private const long TicksPerSecond = TimeSpan.TicksPerSecond;
    private const long NanosecondsPerTick = 100;

    private readonly Stream _out;

    /// <summary>Writes the file header to <paramref name="output"/> (which stays the caller's).</summary>
    public PcapWriter(Stream output, uint linkType)
    {
        _out = output;
        Span<byte> header = stackalloc byte[FileHeaderBytes];
        var writer = new WireWriter(header, ByteOrder.LittleEndian);
        writer.U32(NanosecondMagic);
        writer.U16(2); // version 2.4
        writer.U16(4);
        writer.I32(0); // thiszone: timestamps are UTC
        writer.U32(0); // sigfigs
        writer.U32(SnapLength);
        writer.U32(linkType);
        _out.Write(header);
    }

    /// <summary>Packets written.</summary>
    public long Packets { get; private set; }

    /// <summary>Appends one packet captured at <paramref name="timestamp"/> after the Unix epoch (1970-01-01T00:00:00Z).</summary>
    public void Write(TimeSpan timestamp, ReadOnlySpan<byte> packet)
    {
        if (packet.Length > SnapLength)
        {
            throw new ArgumentException($"A {packet.Length}-byte packet exceeds the capture's snap length {SnapLength}.", nameof(packet));
        }

        long ticks = Math.Max(0, timestamp.Ticks);
        Span<byte> record = stackalloc byte[RecordHeaderBytes];
        var writer = new WireWriter(record, ByteOrder.LittleEndian);
        writer.U32((uint)(ticks / TicksPerSecond));
        writer.U32((uint)(ticks % TicksPerSecond * NanosecondsPerTick));
        writer.I32(packet.Length);
        writer.I32(packet.Length);
        _out.Write(record);
        _out.Write(packet);
        Packets++;
    }
}
