using System.Buffers.Binary;
using System.IO.Hashing;

namespace JinanOnboard.Distillation.Confirmation;

/// <summary>
/// Key confirmation (issue 3 item 8): the payload's signed feedback carries this CRC of its final key; the
/// OGS computes the same over its own key and both discard the block on a mismatch.
/// </summary>
/// <remarks>
/// CRC-64 as in ECMA-182 (System.IO.Hashing.Crc64; check value of "123456789" is 0x6C40DF5F0B497347) over
/// the 4-byte little-endian bit count followed by the ceil(bitCount/8) key bytes with the unused high bits of
/// the last byte cleared. CRC-64 rather than CRC-32C: System.IO.Hashing has no CRC-32C, and 64 bits make a
/// mismatch that slips through about 2^-64 instead of 2^-32 for 4 more bytes per block. Authenticity comes
/// from the signature on the feedback, not from the CRC (protocol-spec/privacy-amplification.md).
/// </remarks>
public static class KeyConfirmation
{
    /// <summary>The CRC-64 tag of the first <paramref name="bitCount"/> bits of <paramref name="key"/>.</summary>
    /// <exception cref="ArgumentException">The key holds fewer than <paramref name="bitCount"/> bits.</exception>
    public static ulong Compute(ReadOnlySpan<byte> key, int bitCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bitCount);
        int byteCount = (int)(((long)bitCount + 7) / 8);
        if (key.Length < byteCount)
        {
            throw new ArgumentException($"The key holds {(long)key.Length * 8} bits, fewer than {bitCount}.", nameof(key));
        }

        var crc = new Crc64();
        Span<byte> header = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(header, bitCount);
        crc.Append(header);

        int lastBits = bitCount % 8;
        int wholeBytes = lastBits == 0 ? byteCount : byteCount - 1;
        crc.Append(key[..wholeBytes]);
        if (lastBits != 0)
        {
            Span<byte> last = [(byte)(key[byteCount - 1] & ((1 << lastBits) - 1))];
            crc.Append(last);
        }

        return crc.GetCurrentHashAsUInt64();
    }

    /// <summary>True when <paramref name="tag"/> is the CRC of this key (the OGS's comparison).</summary>
    public static bool Matches(ReadOnlySpan<byte> key, int bitCount, ulong tag) => Compute(key, bitCount) == tag;
}
