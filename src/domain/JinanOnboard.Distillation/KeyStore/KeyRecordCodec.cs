using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace JinanOnboard.Distillation.KeyStorage;

/// <summary>
/// One framed record of the key file (protocol-spec/privacy-amplification.md "Key store"), little-endian:
/// magic "JKS1" (4 bytes), body length u32, body, CRC-32 (IEEE, System.IO.Hashing.Crc32) of magic + length + body.
/// Body: block id i64, bit count i32, pass id (u16 length + UTF-8), metadata (u16 length + UTF-8),
/// key (ceil(bits/8) bytes).
/// </summary>
internal static class KeyRecordCodec
{
    public const uint Magic = 0x314B534A; // "JKS1" read little-endian
    public const int HeaderBytes = 8;
    public const int TrailerBytes = 4;

    /// <summary>Largest body accepted when reading, so a corrupt length cannot ask for gigabytes.</summary>
    public const int MaxBodyBytes = 64 << 20;

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
        Span<byte> span = record;
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], bodyLength);
        int at = HeaderBytes;
        BinaryPrimitives.WriteInt64LittleEndian(span[at..], blockId);
        at += 8;
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], bitCount);
        at += 4;
        at = WriteString(span, at, pass);
        at = WriteString(span, at, meta);
        key[..keyBytes].CopyTo(span[at..]);
        int lastBits = bitCount % 8;
        if (lastBits != 0)
        {
            span[at + keyBytes - 1] &= (byte)((1 << lastBits) - 1);
        }

        at += keyBytes;
        BinaryPrimitives.WriteUInt32LittleEndian(span[at..], Crc32.HashToUInt32(span[..at]));
        return record;
    }

    /// <summary>
    /// Decodes the record at the start of <paramref name="data"/>. False when the bytes are not one whole, intact
    /// record (truncated, bad magic, bad length, bad CRC or malformed body): the caller treats the rest as torn.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> data, out StoredKeyInfo info, out int keyOffset, out int recordLength)
    {
        info = null!;
        keyOffset = 0;
        recordLength = 0;
        if (data.Length < HeaderBytes || BinaryPrimitives.ReadUInt32LittleEndian(data) != Magic)
        {
            return false;
        }

        int bodyLength = BinaryPrimitives.ReadInt32LittleEndian(data[4..]);
        if (bodyLength < 18 || bodyLength > MaxBodyBytes || data.Length < HeaderBytes + bodyLength + TrailerBytes)
        {
            return false;
        }

        int end = HeaderBytes + bodyLength;
        if (Crc32.HashToUInt32(data[..end]) != BinaryPrimitives.ReadUInt32LittleEndian(data[end..]))
        {
            return false;
        }

        int at = HeaderBytes;
        long blockId = BinaryPrimitives.ReadInt64LittleEndian(data[at..]);
        at += 8;
        int bitCount = BinaryPrimitives.ReadInt32LittleEndian(data[at..]);
        at += 4;
        if (bitCount < 0 || !TryReadString(data[..end], ref at, out string passId) || !TryReadString(data[..end], ref at, out string metadata))
        {
            return false;
        }

        if (end - at != (int)(((long)bitCount + 7) / 8))
        {
            return false;
        }

        info = new StoredKeyInfo(blockId, passId, bitCount, metadata);
        keyOffset = at;
        recordLength = end + TrailerBytes;
        return true;
    }

    private static int WriteString(Span<byte> span, int at, byte[] utf8)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(span[at..], (ushort)utf8.Length);
        utf8.CopyTo(span[(at + 2)..]);
        return at + 2 + utf8.Length;
    }

    private static bool TryReadString(ReadOnlySpan<byte> body, ref int at, out string value)
    {
        value = string.Empty;
        if (body.Length - at < 2)
        {
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16LittleEndian(body[at..]);
        if (body.Length - at - 2 < length)
        {
            return false;
        }

        value = Encoding.UTF8.GetString(body.Slice(at + 2, length));
        at += 2 + length;
        return true;
    }
}
