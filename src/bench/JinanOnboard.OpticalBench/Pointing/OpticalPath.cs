using System.Buffers.Binary;
using System.Net.Sockets;

namespace JinanOnboard.OpticalBench.Pointing;

/// <summary>
/// The simulated optical bench's path from the payload's half to the OGS's half when they run in two processes
/// (NOS3's simulator bus between its simulators): the payload's fine pointing error, sample by sample, so the light the
/// OGS half simulates leaves the payload where the payload's loops point it. A Unix stream socket; the OGS half listens,
/// the payload half connects. Bytes: protocol-spec/optical-path.md.
/// </summary>
public static class OpticalPath
{
    /// <summary>"JOPT".</summary>
    public static ReadOnlySpan<byte> Magic => "JOPT"u8;

    public const ushort Version = 1;

    public const int HeaderBytes = 12;

    /// <summary>Block count marking the end of the payload's pass.</summary>
    public const uint EndOfPass = 0xFFFF_FFFF;

    /// <summary>Count value marking a plates record (the compensator's plates as the light meets them, optical-path.md).</summary>
    public const uint PlatesMark = 0xFFFF_FFFE;

    /// <summary>Bytes of a plates record after its mark: u32 request, u8 state, three f64 angles.</summary>
    public const int PlatesRecordBytes = 4 + 1 + (3 * 8);

    /// <summary>The request of the plates record that starts the key pulses (state <see cref="KeyModeState"/>).</summary>
    public const uint KeyModeRequest = 0xFFFF_FFFF;

    /// <summary>The state byte of the key-mode record.</summary>
    public const byte KeyModeState = 0xFF;

    /// <summary>Largest block, samples (a longer count is a protocol violation).</summary>
    public const uint MaxBlockSamples = 1 << 20;

    public const int SampleBytes = 8;

    public static byte[] Header(int rateHz)
    {
        var header = new byte[HeaderBytes];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), Version);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), (uint)rateHz);
        return header;
    }

    public static UnixDomainSocketEndPoint EndPoint(string path) => new(path);
}
