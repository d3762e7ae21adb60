using System.Numerics;

namespace JinanOnboard.Distillation.Sifting;

/// <summary>Packed bit strings in the project convention: bit j of b is (b[j &gt;&gt; 3] &gt;&gt; (j &amp; 7)) &amp; 1.</summary>
internal static class PackedBits
{
    public static int ByteCount(long bits) => checked((int)((bits + 7) >> 3));

    public static int Get(ReadOnlySpan<byte> packed, long index) => (packed[(int)(index >> 3)] >> (int)(index & 7)) & 1;

    public static void Set(Span<byte> packed, long index, int bit)
    {
        int mask = 1 << (int)(index & 7);
        ref byte b = ref packed[(int)(index >> 3)];
        b = (byte)(bit != 0 ? b | mask : b & ~mask);
    }

    public static long PopCount(ReadOnlySpan<byte> packed)
    {
        long count = 0;
        foreach (byte b in packed)
        {
            count += BitOperations.PopCount(b);
        }

        return count;
    }

    /// <summary>True when every bit at index &gt;= <paramref name="bits"/> in the last byte is zero (canonical padding).</summary>
    public static bool PaddingIsZero(ReadOnlySpan<byte> packed, long bits)
    {
        int used = (int)(bits & 7);
        return used == 0 || packed.Length == 0 || (packed[^1] >> used) == 0;
    }
}
