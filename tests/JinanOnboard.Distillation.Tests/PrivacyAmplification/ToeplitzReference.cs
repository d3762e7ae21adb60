namespace JinanOnboard.Distillation.Tests.PrivacyAmplification;

/// <summary>The definition, evaluated literally: y[i] = XOR over j of s[i − j + n − 1] AND x[j].</summary>
internal static class ToeplitzReference
{
    public static int Bit(ReadOnlySpan<byte> b, long j) => (b[(int)(j >> 3)] >> (int)(j & 7)) & 1;

    public static int OutputBit(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> x, int n, int i)
    {
        int sum = 0;
        for (int j = 0; j < n; j++)
        {
            sum ^= Bit(seed, (long)i - j + n - 1) & Bit(x, j);
        }

        return sum;
    }

    private static int[] Unpack(byte[] bytes, long bitCount)
    {
        int[] bits = new int[bitCount];
        for (long j = 0; j < bitCount; j++)
        {
            bits[j] = Bit(bytes, j);
        }

        return bits;
    }

    public static byte[] Apply(byte[] seed, byte[] x, int n, int m)
    {
        // Unpacked once so the O(nm) double loop stays a plain sum over the definition.
        int[] s = Unpack(seed, (long)n + m - 1);
        int[] xs = Unpack(x, n);
        byte[] y = new byte[(m + 7) / 8];
        for (int i = 0; i < m; i++)
        {
            int sum = 0;
            for (int j = 0; j < n; j++)
            {
                sum ^= s[i - j + n - 1] & xs[j];
            }

            y[i >> 3] |= (byte)(sum << (i & 7));
        }

        return y;
    }
}
