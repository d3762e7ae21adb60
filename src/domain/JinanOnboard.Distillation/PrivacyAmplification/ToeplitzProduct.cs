using System.Runtime.Intrinsics;

namespace JinanOnboard.Distillation.PrivacyAmplification;

/// <summary>
/// Square Toeplitz matrix–vector product over GF(2) on 64-bit words, by the Karatsuba-like split of
/// Toeplitz matrices (three half-size products per level, O(N^1.585) word operations).
/// </summary>
/// <remarks>
/// Convention (internal to this class): a square Toeplitz matrix of N = 64·words bits is given by a
/// vector e of 2N bits with T[i][j] = e[i − j + N]; e[0] is never read. Split into h = N/2 blocks,
/// T = [[T1, T0], [T2, T1]] with T0 = e[0 .. 2h), T1 = e[h .. 3h), T2 = e[2h .. 4h) (all word-aligned), and
///   y_top = T1 x0 ^ T0 x1 = T1 (x0 ^ x1) ^ (T0 ^ T1) x1,
///   y_bot = T2 x0 ^ T1 x1 = T1 (x0 ^ x1) ^ (T2 ^ T1) x0,
/// which needs three products of half size because GF(2) addition is XOR and a sum of Toeplitz
/// matrices is the Toeplitz matrix of the XOR of their vectors.
/// </remarks>
internal static class ToeplitzProduct
{
    /// <summary>Largest word count handled directly by <see cref="CarrylessKernel"/>.</summary>
    internal const int MaxBaseWords = 63;

    /// <summary>
    /// Smallest word count N = b·2^k &gt;= <paramref name="words"/> with b &lt;= <see cref="MaxBaseWords"/>,
    /// so that halving reaches the base case exactly (padding overhead at most 1/32).
    /// </summary>
    public static int PaddedWords(int words)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(words, 1);
        int shift = 0;
        while (((words - 1) >> shift) + 1 > MaxBaseWords)
        {
            shift++;
        }

        int baseWords = ((words - 1) >> shift) + 1;
        return baseWords << shift;
    }

    /// <summary>Scratch words <see cref="Multiply"/> needs for a product of <paramref name="words"/> words.</summary>
    public static int ScratchWords(int words) => 3 * words;

    /// <summary>y = T x with T given by e (2N words), x and y of N words; N from <see cref="PaddedWords"/>.</summary>
    public static void Multiply(ReadOnlySpan<ulong> e, ReadOnlySpan<ulong> x, Span<ulong> y, Span<ulong> scratch)
    {
        int n = x.Length;
        if (n <= MaxBaseWords)
        {
            CarrylessKernel.Multiply(e, x, y);
            return;
        }

        if ((n & 1) != 0)
        {
            throw new ArgumentException($"Word count {n} is not of the form b·2^k with b <= {MaxBaseWords}; use PaddedWords.", nameof(x));
        }

        int h = n / 2;
        ReadOnlySpan<ulong> x0 = x[..h];
        ReadOnlySpan<ulong> x1 = x[h..];
        Span<ulong> sum = scratch[..(2 * h)];
        Span<ulong> p0 = scratch.Slice(2 * h, h);
        Span<ulong> rest = scratch[(3 * h)..];

        // P0 = T1 (x0 ^ x1).
        Xor(x0, x1, sum[..h]);
        Multiply(e.Slice(h, 2 * h), sum[..h], p0, rest);

        // y_top = P0 ^ (T0 ^ T1) x1.
        Xor(e[..(2 * h)], e.Slice(h, 2 * h), sum);
        Multiply(sum, x1, y[..h], rest);
        XorInPlace(y[..h], p0);

        // y_bot = P0 ^ (T2 ^ T1) x0.
        Xor(e.Slice(2 * h, 2 * h), e.Slice(h, 2 * h), sum);
        Multiply(sum, x0, y[h..], rest);
        XorInPlace(y[h..], p0);
    }

    private static void Xor(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> destination)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + Vector256<ulong>.Count <= destination.Length; i += Vector256<ulong>.Count)
            {
                (Vector256.Create(a.Slice(i, Vector256<ulong>.Count)) ^ Vector256.Create(b.Slice(i, Vector256<ulong>.Count)))
                    .CopyTo(destination[i..]);
            }
        }

        for (; i < destination.Length; i++)
        {
            destination[i] = a[i] ^ b[i];
        }
    }

    private static void XorInPlace(Span<ulong> target, ReadOnlySpan<ulong> other) => Xor(target, other, target);
}
