using System.Buffers;

namespace JinanOnboard.Distillation.PrivacyAmplification;

/// <summary>
/// Privacy amplification by Toeplitz hashing (protocol-spec/privacy-amplification.md). Bit j of a byte
/// string b is <c>(b[j &gt;&gt; 3] &gt;&gt; (j &amp; 7)) &amp; 1</c>; for n input bits x and m output bits the seed s
/// has n + m − 1 bits and <c>y[i] = XOR over j of s[i − j + n − 1] AND x[j]</c>.
/// </summary>
/// <remarks>
/// The m×n matrix is cut into square Toeplitz blocks of N bits (N about min(n, m), a multiple of 64);
/// each block is multiplied by <see cref="ToeplitzProduct"/> in O(N^1.585) carry-less word operations, so
/// a 1 Mbit block takes milliseconds instead of the 10^12 bit operations of the direct O(nm) sum.
/// </remarks>
public static class ToeplitzHash
{
    /// <summary>The number of seed bits needed for n input and m output bits: n + m − 1.</summary>
    public static long SeedBitCount(int inputBitCount, int outputBitCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputBitCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputBitCount, 1);
        return (long)inputBitCount + outputBitCount - 1;
    }

    /// <summary>
    /// Computes the m output bits y from the n input bits x and the seed. Output bits past m in the last
    /// byte are cleared; bytes after that are left alone. Input and seed bits past n and n + m − 1 are ignored.
    /// </summary>
    /// <param name="seedBits">The seed s, at least n + m − 1 bits.</param>
    /// <param name="inputBits">The input x, at least n bits.</param>
    /// <param name="inputBitCount">n &gt;= 1.</param>
    /// <param name="output">Receives y, at least ceil(m / 8) bytes.</param>
    /// <param name="outputBitCount">m &gt;= 1.</param>
    /// <exception cref="ArgumentException">A span is too short for the bit counts given.</exception>
    public static void Apply(
        ReadOnlySpan<byte> seedBits, ReadOnlySpan<byte> inputBits, int inputBitCount, Span<byte> output, int outputBitCount)
    {
        long seedBitCount = SeedBitCount(inputBitCount, outputBitCount);
        if (seedBits.Length < ByteCount(seedBitCount))
        {
            throw new ArgumentException(
                $"The seed holds {(long)seedBits.Length * 8} bits but n + m − 1 = {seedBitCount} are needed.", nameof(seedBits));
        }

        if (inputBits.Length < ByteCount(inputBitCount))
        {
            throw new ArgumentException($"The input holds {(long)inputBits.Length * 8} bits, fewer than n = {inputBitCount}.", nameof(inputBits));
        }

        if (output.Length < ByteCount(outputBitCount))
        {
            throw new ArgumentException($"The output holds {(long)output.Length * 8} bits, fewer than m = {outputBitCount}.", nameof(output));
        }

        int n = inputBitCount;
        int m = outputBitCount;
        int blockWords = ToeplitzProduct.PaddedWords(Math.Min(WordCount(n), WordCount(m)));
        long blockBits = 64L * blockWords;
        int columnBlocks = (int)((n + blockBits - 1) / blockBits);
        int rowBlocks = (int)((m + blockBits - 1) / blockBits);
        int seedWords = (int)WordCount(seedBitCount);

        ulong[] seed = ArrayPool<ulong>.Shared.Rent(seedWords);
        ulong[] input = ArrayPool<ulong>.Shared.Rent(columnBlocks * blockWords);
        ulong[] result = ArrayPool<ulong>.Shared.Rent(rowBlocks * blockWords);
        ulong[] work = ArrayPool<ulong>.Shared.Rent((3 * blockWords) + ToeplitzProduct.ScratchWords(blockWords));
        try
        {
            BitWords.Load(seedBits, seedBitCount, seed.AsSpan(0, seedWords));
            BitWords.Load(inputBits, n, input.AsSpan(0, columnBlocks * blockWords));
            Span<ulong> y = result.AsSpan(0, rowBlocks * blockWords);
            y.Clear();

            Span<ulong> e = work.AsSpan(0, 2 * blockWords);
            Span<ulong> part = work.AsSpan(2 * blockWords, blockWords);
            Span<ulong> scratch = work.AsSpan(3 * blockWords, ToeplitzProduct.ScratchWords(blockWords));
            for (int r = 0; r < rowBlocks; r++)
            {
                for (int c = 0; c < columnBlocks; c++)
                {
                    // Block (r, c): T[i'][j'] = s[(rN + i') − (cN + j') + n − 1] = e[i' − j' + N], so e[k] = s[k + offset].
                    long offset = (r * blockBits) - (c * blockBits) + n - 1 - blockBits;
                    BitWords.Extract(seed.AsSpan(0, seedWords), offset, e);
                    ToeplitzProduct.Multiply(e, input.AsSpan(c * blockWords, blockWords), part, scratch);
                    BitWords.XorInto(y.Slice(r * blockWords, blockWords), part);
                }
            }

            BitWords.Store(y, m, output);
        }
        finally
        {
            // Key material: clear before the arrays go back to the shared pool.
            seed.AsSpan(0, seedWords).Clear();
            input.AsSpan(0, columnBlocks * blockWords).Clear();
            result.AsSpan(0, rowBlocks * blockWords).Clear();
            work.AsSpan().Clear();
            ArrayPool<ulong>.Shared.Return(seed);
            ArrayPool<ulong>.Shared.Return(input);
            ArrayPool<ulong>.Shared.Return(result);
            ArrayPool<ulong>.Shared.Return(work);
        }
    }

    private static long ByteCount(long bits) => (bits + 7) / 8;

    private static long WordCount(long bits) => (bits + 63) / 64;

    private static int WordCount(int bits) => (int)WordCount((long)bits);
}
