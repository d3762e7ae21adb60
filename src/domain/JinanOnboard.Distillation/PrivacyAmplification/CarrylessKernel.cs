using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace JinanOnboard.Distillation.PrivacyAmplification;

/// <summary>
/// Base case of the word-level Toeplitz product: for b words, y[w] = word (b + w) of the carry-less
/// product e·x, where e has 2b words and x has b words. This equals the square Toeplitz product
/// y[i] = XOR_j e[i − j + 64b] x[j] (see <see cref="ToeplitzProduct"/>), computed with b(b+1)
/// 64×64-bit carry-less multiplications: VPCLMULQDQ on 512 or 256 bits, PCLMULQDQ, or a portable loop.
/// </summary>
internal static class CarrylessKernel
{
    /// <summary>Words of padding so the widest vector loop never needs a tail.</summary>
    private const int Pad = 8;

    [ThreadStatic]
    private static int widthLimitBits;

    /// <summary>
    /// Widest vector path allowed on this thread, in bits (512, 256, 128, or 0 for the portable loop);
    /// tests lower it to exercise every path on one CPU. Default: no limit.
    /// </summary>
    internal static int WidthLimitBits
    {
        get => widthLimitBits == 0 ? 512 : widthLimitBits;
        set => widthLimitBits = value == 0 ? -1 : value;
    }

    /// <summary>Width of the path that runs on this thread, in bits (0 = portable).</summary>
    internal static int ActiveWidthBits
    {
        get
        {
            int limit = WidthLimitBits;
            if (limit >= 512 && Pclmulqdq.V512.IsSupported)
            {
                return 512;
            }

            if (limit >= 256 && Pclmulqdq.V256.IsSupported)
            {
                return 256;
            }

            return limit >= 128 && Pclmulqdq.IsSupported ? 128 : 0;
        }
    }

    /// <summary>Writes the b words of y (overwriting them).</summary>
    public static unsafe void Multiply(ReadOnlySpan<ulong> e, ReadOnlySpan<ulong> x, Span<ulong> y)
    {
        int b = x.Length;
        if (e.Length != 2 * b || y.Length != b || b > ToeplitzProduct.MaxBaseWords)
        {
            throw new ArgumentException("The base case needs |e| = 2|x|, |y| = |x| <= MaxBaseWords.");
        }

        int width = ActiveWidthBits;
        if (width == 0)
        {
            MultiplySoftware(e, x, y);
            return;
        }

        // Column k of the product (k = p + q for e[p]·x[q]) is a 128-bit sum A[k]; with x reversed,
        // xr[t] = x[b − 1 − t], A[k] = XOR over t of e[k − b + 1 + t]·xr[t], so e and xr are read in the same
        // direction and one vector load of each feeds a lane-wise carry-less multiply. Zero padding past b
        // removes every loop tail. Word t of the product is low(A[t]) ^ high(A[t − 1]); y needs t = b … 2b − 1.
        int padded = (b + Pad - 1) / Pad * Pad;
        ulong* xr = stackalloc ulong[padded];
        ulong* ep = stackalloc ulong[(2 * b) + Pad];
        for (int t = 0; t < padded; t++)
        {
            xr[t] = t < b ? x[b - 1 - t] : 0;
        }

        e.CopyTo(new Span<ulong>(ep, 2 * b));
        new Span<ulong>(ep + (2 * b), Pad).Clear();

        Vector128<ulong> previous = Column(width, ep, xr, padded);
        for (int k = b; k < 2 * b; k++)
        {
            Vector128<ulong> current = Column(width, ep + (k - b + 1), xr, padded);
            y[k - b] = current.ToScalar() ^ previous.GetElement(1);
            previous = current;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector128<ulong> Column(int width, ulong* e, ulong* xr, int count) => width switch
    {
        512 => Column512(e, xr, count),
        256 => Column256(e, xr, count),
        _ => Column128(e, xr, count),
    };

    private static unsafe Vector128<ulong> Column512(ulong* e, ulong* xr, int count)
    {
        Vector512<ulong> acc0 = Vector512<ulong>.Zero;
        Vector512<ulong> acc1 = Vector512<ulong>.Zero;
        for (int t = 0; t < count; t += 8)
        {
            Vector512<ulong> ev = Vector512.Load(e + t);
            Vector512<ulong> xv = Vector512.Load(xr + t);
            acc0 ^= Pclmulqdq.V512.CarrylessMultiply(ev, xv, 0x00);
            acc1 ^= Pclmulqdq.V512.CarrylessMultiply(ev, xv, 0x11);
        }

        Vector512<ulong> acc = acc0 ^ acc1;
        Vector256<ulong> half = acc.GetLower() ^ acc.GetUpper();
        return half.GetLower() ^ half.GetUpper();
    }

    private static unsafe Vector128<ulong> Column256(ulong* e, ulong* xr, int count)
    {
        Vector256<ulong> acc0 = Vector256<ulong>.Zero;
        Vector256<ulong> acc1 = Vector256<ulong>.Zero;
        for (int t = 0; t < count; t += 4)
        {
            Vector256<ulong> ev = Vector256.Load(e + t);
            Vector256<ulong> xv = Vector256.Load(xr + t);
            acc0 ^= Pclmulqdq.V256.CarrylessMultiply(ev, xv, 0x00);
            acc1 ^= Pclmulqdq.V256.CarrylessMultiply(ev, xv, 0x11);
        }

        Vector256<ulong> acc = acc0 ^ acc1;
        return acc.GetLower() ^ acc.GetUpper();
    }

    private static unsafe Vector128<ulong> Column128(ulong* e, ulong* xr, int count)
    {
        Vector128<ulong> acc0 = Vector128<ulong>.Zero;
        Vector128<ulong> acc1 = Vector128<ulong>.Zero;
        for (int t = 0; t < count; t += 2)
        {
            Vector128<ulong> ev = Vector128.Load(e + t);
            Vector128<ulong> xv = Vector128.Load(xr + t);
            acc0 ^= Pclmulqdq.CarrylessMultiply(ev, xv, 0x00);
            acc1 ^= Pclmulqdq.CarrylessMultiply(ev, xv, 0x11);
        }

        return acc0 ^ acc1;
    }

    private static void MultiplySoftware(ReadOnlySpan<ulong> e, ReadOnlySpan<ulong> x, Span<ulong> y)
    {
        int b = x.Length;
        ulong previousHigh = ColumnSoftware(e, x, b - 1, out _);
        for (int k = b; k < 2 * b; k++)
        {
            ulong high = ColumnSoftware(e, x, k, out ulong low);
            y[k - b] = low ^ previousHigh;
            previousHigh = high;
        }
    }

    private static ulong ColumnSoftware(ReadOnlySpan<ulong> e, ReadOnlySpan<ulong> x, int k, out ulong low)
    {
        ulong accLow = 0;
        ulong accHigh = 0;
        for (int q = 0; q < x.Length; q++)
        {
            accHigh ^= MultiplyWord(e[k - q], x[q], out ulong partLow);
            accLow ^= partLow;
        }

        low = accLow;
        return accHigh;
    }

    /// <summary>Portable 64×64 → 128-bit carry-less multiply; returns the high word.</summary>
    internal static ulong MultiplyWord(ulong a, ulong b, out ulong low)
    {
        ulong lo = 0;
        ulong hi = 0;
        while (b != 0)
        {
            int bit = System.Numerics.BitOperations.TrailingZeroCount(b);
            lo ^= a << bit;
            if (bit != 0)
            {
                hi ^= a >> (64 - bit);
            }

            b &= b - 1;
        }

        low = lo;
        return hi;
    }
}
