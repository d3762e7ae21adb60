using System.Buffers.Binary;

namespace JinanOnboard.Distillation.PrivacyAmplification;

/// <summary>
/// Moves packed bit strings (bit j = <c>(b[j &gt;&gt; 3] &gt;&gt; (j &amp; 7)) &amp; 1</c>) to and from 64-bit words in which
/// bit j is <c>(w[j &gt;&gt; 6] &gt;&gt; (j &amp; 63)) &amp; 1</c>; the two layouts agree because bytes are read little-endian.
/// </summary>
internal static class BitWords
{
    /// <summary>Loads the first <paramref name="bitCount"/> bits; every other bit of <paramref name="words"/> is zero.</summary>
    public static void Load(ReadOnlySpan<byte> bytes, long bitCount, Span<ulong> words)
    {
        words.Clear();
        int fullWords = (int)(bitCount / 64);
        for (int w = 0; w < fullWords; w++)
        {
            words[w] = BinaryPrimitives.ReadUInt64LittleEndian(bytes.Slice(w * 8, 8));
        }

        int tailBits = (int)(bitCount % 64);
        if (tailBits != 0)
        {
            int tailBytes = (tailBits + 7) / 8;
            Span<byte> tail = stackalloc byte[8];
            tail.Clear();
            bytes.Slice(fullWords * 8, tailBytes).CopyTo(tail);
            words[fullWords] = BinaryPrimitives.ReadUInt64LittleEndian(tail) & ((1UL << tailBits) - 1);
        }
    }

    /// <summary>Writes the first <paramref name="bitCount"/> bits; the unused high bits of the last byte become 0.</summary>
    public static void Store(ReadOnlySpan<ulong> words, long bitCount, Span<byte> bytes)
    {
        int byteCount = (int)((bitCount + 7) / 8);
        Span<byte> buffer = stackalloc byte[8];
        for (int i = 0; i < byteCount; i += 8)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(buffer, words[i / 8]);
            buffer[..Math.Min(8, byteCount - i)].CopyTo(bytes[i..]);
        }

        int lastBits = (int)(bitCount % 8);
        if (lastBits != 0)
        {
            bytes[byteCount - 1] &= (byte)((1 << lastBits) - 1);
        }
    }

    /// <summary>
    /// destination bit k = source bit (k + offset), with bits outside the source words reading as 0
    /// (offset may be negative).
    /// </summary>
    public static void Extract(ReadOnlySpan<ulong> source, long offset, Span<ulong> destination)
    {
        int shift = (int)(offset & 63);
        long firstWord = offset >> 6; // arithmetic shift: floor division for negative offsets
        for (int d = 0; d < destination.Length; d++)
        {
            long w = firstWord + d;
            ulong low = WordAt(source, w) >> shift;
            ulong high = shift == 0 ? 0 : WordAt(source, w + 1) << (64 - shift);
            destination[d] = low | high;
        }
    }

    /// <summary>target ^= other, word by word.</summary>
    public static void XorInto(Span<ulong> target, ReadOnlySpan<ulong> other)
    {
        for (int i = 0; i < target.Length; i++)
        {
            target[i] ^= other[i];
        }
    }

    private static ulong WordAt(ReadOnlySpan<ulong> source, long index) =>
        index >= 0 && index < source.Length ? source[(int)index] : 0;
}
