using System.Buffers.Binary;
using System.IO.Hashing;

namespace JinanOnboard.Devices.Simulated.TimeTagger;

/// <summary>
/// Device side of TTW/1 (protocol-spec/tdc-wire.md), written from the spec alone: the host driver's
/// constants are deliberately not shared, so a misreading of the spec on either side shows up in tests.
/// </summary>
internal static class DeviceWire
{
    public const byte Lead = 0x54;
    public const byte Command = 0x43;
    public const byte Response = 0x52;
    public const byte Batch = 0x42;

    public const int CommandHeaderLength = 6;
    public const int BatchHeaderLength = 16;
    public const int RecordLength = 8;
    public const int CrcLength = 4;
    public const int MaxPayload = 256;
    public const int MaxRecords = 1024;

    public const byte Identify = 0x01;
    public const byte SetChannelEnable = 0x02;
    public const byte SetThreshold = 0x03;
    public const byte StartStream = 0x04;
    public const byte StopStream = 0x05;

    public const byte StatusOk = 0x00;
    public const byte StatusUnknownOpcode = 0x01;
    public const byte StatusBadLength = 0x02;
    public const byte StatusBadCrc = 0x03;
    public const byte StatusInvalidArgument = 0x04;
    public const byte StatusBusy = 0x05;
    public const byte StatusNotStreaming = 0x06;

    public const int TypeTag = 0x0;
    public const int TypeHeartbeat = 0x1;
    public const int TypeRollover = 0x2;

    public const int EpochShift = 56;
    public const long ValueMask = (1L << EpochShift) - 1;

    public static uint Crc32Of(ReadOnlySpan<byte> data) => Crc32.HashToUInt32(data);

    /// <summary>Response frame: magic, opcode, tag, status, length, payload, CRC-32.</summary>
    public static byte[] BuildResponse(byte opcode, byte tag, byte status, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[7 + payload.Length + CrcLength];
        frame[0] = Lead;
        frame[1] = Response;
        frame[2] = opcode;
        frame[3] = tag;
        frame[4] = status;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(5), (ushort)payload.Length);
        payload.CopyTo(frame.AsSpan(7));
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(7 + payload.Length), Crc32Of(frame.AsSpan(0, 7 + payload.Length)));
        return frame;
    }

    /// <summary>Writes one record: type and channel nibbles, then a 56-bit big-endian value.</summary>
    public static void WriteRecord(Span<byte> destination, int type, int channel, long value)
    {
        ulong word = ((ulong)((type << 4) | (channel & 0x0F)) << 56) | ((ulong)value & (ulong)ValueMask);
        BinaryPrimitives.WriteUInt64BigEndian(destination, word);
    }

    /// <summary>Completes the 16-byte batch header in front of <paramref name="count"/> records.</summary>
    public static void SealBatch(Span<byte> frame, uint batchNumber, int count)
    {
        frame[0] = Lead;
        frame[1] = Batch;
        BinaryPrimitives.WriteUInt32BigEndian(frame[2..], batchNumber);
        BinaryPrimitives.WriteUInt16BigEndian(frame[6..], (ushort)count);
        BinaryPrimitives.WriteUInt32BigEndian(frame[8..], Crc32Of(frame.Slice(BatchHeaderLength, count * RecordLength)));
        BinaryPrimitives.WriteUInt32BigEndian(frame[12..], Crc32Of(frame[..12]));
    }
}
