using System.Buffers.Binary;
using System.IO.Hashing;

namespace JinanOnboard.Devices.TimeTagger;

/// <summary>Constants and checks of the TDC wire protocol (protocol-spec/tdc-wire.md), host side.</summary>
internal static class TdcWire
{
    public const byte MagicLead = 0x54;       // 'T'
    public const byte CommandType = 0x43;     // 'C'
    public const byte ResponseType = 0x52;    // 'R'
    public const byte BatchType = 0x42;       // 'B'

    public const int CommandHeaderBytes = 6;
    public const int ResponseHeaderBytes = 7;
    public const int BatchHeaderBytes = 16;
    public const int CrcBytes = 4;
    public const int RecordBytes = 8;
    public const int MaxPayloadBytes = 256;
    public const int MaxRecordsPerBatch = 1024;

    public const byte OpIdentify = 0x01;
    public const byte OpSetChannelEnable = 0x02;
    public const byte OpSetThreshold = 0x03;
    public const byte OpStartStream = 0x04;
    public const byte OpStopStream = 0x05;

    public const int RecordTag = 0x0;
    public const int RecordHeartbeat = 0x1;
    public const int RecordRollover = 0x2;
    public const int RecordLost = 0x3;

    public const long Value56Mask = (1L << 56) - 1;

    /// <summary>CRC-32/ISO-HDLC, spec section 1.</summary>
    public static uint Crc(ReadOnlySpan<byte> bytes) => Crc32.HashToUInt32(bytes);

    /// <summary>The 56-bit value of a record (bytes 1..7, big-endian).</summary>
    public static long Value56(ReadOnlySpan<byte> record) => (long)(BinaryPrimitives.ReadUInt64BigEndian(record) & (ulong)Value56Mask);

    /// <summary>Builds a complete command frame.</summary>
    public static byte[] BuildCommand(byte opcode, byte tag, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[CommandHeaderBytes + payload.Length + CrcBytes];
        frame[0] = MagicLead;
        frame[1] = CommandType;
        frame[2] = opcode;
        frame[3] = tag;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(4), (ushort)payload.Length);
        payload.CopyTo(frame.AsSpan(CommandHeaderBytes));
        int crcAt = CommandHeaderBytes + payload.Length;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(crcAt), Crc(frame.AsSpan(0, crcAt)));
        return frame;
    }
}
