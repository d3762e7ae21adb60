using System.IO.Hashing;
using System.Text;
using JinanOnboard.Primitives.Wire;

namespace JinanOnboard.Distillation.KeyStorage;

/// <summary>
/// One framed record of the key file (protocol-spec/privacy-amplification.md "Key store"), little-endian:
/// magic u32 0x314B534A (the bytes spell "JSK1"), body length u32, body, CRC-32 (IEEE, System.IO.Hashing.Crc32) of
/// magic + length + body. Body: block id i64, bit count i32, pass id (u16 length + UTF-8), metadata (u16 length +
/// UTF-8), key (ceil(bits/8) bytes).
/// </summary>
internal static class KeyRecordCodec
{
    public const uint Magic = 0x314B534A;
    public const int HeaderBytes = 8;
    public const int TrailerBytes = 4;

    /// <summary>Largest body accepted when reading, so a corrupt length cannot ask for gigabytes.</summary>
    public const int MaxBodyBytes = 64 << 20;

    /// <summary>The smallest body: block id, bit count and two empty strings.</summary>
    private const int MinBodyBytes = 8 + 4 + 2 + 2;

    public static byte[] Encode(long blockId, string passId, string metadata, ReadOnlySpan<byte> key, int bitCount)
    {
        byte[] pass = Encoding.UTF8.GetBytes(passId);
        byte[] meta = Encoding.UTF8.GetBytes(metadata);
        if (pass.Length > ushort.MaxValue || meta.Length > ushort.MaxValue)
        {
            throw new ArgumentException("Pass id and metadata must each be at most 65535 UTF-8 bytes.");
        }

        int keyBytes = (int)(((long)bitCount + 7) / 8);
        int bodyLength = 8 + 4 + 2 + pass.Length + 2 + meta.Length + keyBytes;
        if (bodyLength > MaxBodyBytes)
        {
            throw new ArgumentException($"A key record may hold at most {MaxBodyBytes} bytes.", nameof(bitCount));
        }

        byte[] record = new byte[HeaderBytes + bodyLength + TrailerBytes];
        var writer = new WireWriter(record, ByteOrder.LittleEndian);
        writer.U32(Magic);
        writer.I32(bodyLength);
        writer.I64(blockId);
        writer.I32(bitCount);
        writer.U16((ushort)pass.Length);
        writer.Bytes(pass);
        writer.U16((ushort)meta.Length);
        writer.Bytes(meta);
        Span<byte> stored = writer.GetSpan(keyBytes);
        key[..keyBytes].CopyTo(stored);
        int lastBits = bitCount % 8;
        if (lastBits != 0)
        {
            stored[^1] &= (byte)((1 << lastBits) - 1); // bits past the key are stored as zero
        }

        writer.Advance(keyBytes);
        writer.U32(Crc32.HashToUInt32(record.AsSpan(0, writer.Written)));
        return record;
    }

    /// <summary>
    /// Decodes the record at the start of <paramref name="data"/>. False when the bytes are not one whole, intact
    /// record (truncated, bad magic, bad length, bad CRC or malformed body): the caller treats the rest as torn, so
    /// a bad record is an answer here, not an exception.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> data, out StoredKeyInfo info, out int keyOffset, out int recordLength)
    {
        info = null!;
        keyOffset = 0;
        recordLength = 0;
        try
        {
            var header = new WireReader(data, "key record", ByteOrder.LittleEndian);
            if (header.U32("magic") != Magic)
            {
                return false;
            }

            int bodyLength = header.BoundedU32("body_length", MinBodyBytes, MaxBodyBytes);
            int end = HeaderBytes + bodyLength;
            ReadOnlySpan<byte> body = header.Bytes(bodyLength, "body");
            if (Crc32.HashToUInt32(data[..end]) != header.U32("crc32"))
            {
                return false;
            }

            var reader = new WireReader(body, "key record body", ByteOrder.LittleEndian);
            long blockId = reader.I64("block_id");
            int bitCount = reader.BoundedU32("bit_count", 0, int.MaxValue);
            string passId = reader.Utf8(reader.U16("pass_id_length"), "pass_id");
            string metadata = reader.Utf8(reader.U16("metadata_length"), "metadata");
            int keyBytes = (int)(((long)bitCount + 7) / 8);
            keyOffset = HeaderBytes + reader.Position;
            _ = reader.Bytes(keyBytes, "key");
            reader.End();
            info = new StoredKeyInfo(blockId, passId, bitCount, metadata);
            recordLength = end + TrailerBytes;
            return true;
        }
        catch (MalformedMessageException)
        {
            keyOffset = 0;
            return false;
        }
    }
}
