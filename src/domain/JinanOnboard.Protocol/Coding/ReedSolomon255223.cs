using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace JinanOnboard.Protocol.Coding;

/// <summary>
/// The CCSDS Reed–Solomon (255,223) code (CCSDS 131.0-B-4 §4): 8-bit symbols in GF(2^8) with field polynomial
/// F(x) = x^8 + x^7 + x^2 + x + 1, generator g(x) = ∏_{j=112}^{143} (x − β^j) with β = α^11, systematic, 32 check
/// symbols, corrects up to E = 16 symbol errors per codeword. Shortened codewords (fewer than 223 data symbols)
/// take the missing leading symbols as virtual zeros, which are never sent. Symbols are in the conventional
/// (polynomial) basis: the Berlekamp dual-basis mapping of CCSDS §4.3.9 is not applied (frames.md "Channel coding").
/// </summary>
/// <remarks>
/// Encoding is the division LFSR with its 32-symbol register held in four 64-bit words, so one data symbol costs
/// a shift and an XOR of a precomputed row (fb · g_i for every i) instead of 32 table multiplications.
/// Decoding: syndromes by Horner's rule, Berlekamp–Massey for the error locator, Chien search, Forney's formula
/// for the magnitudes with first consecutive root 112 (Lin &amp; Costello, <i>Error Control Coding</i>, 2nd ed., §7.4–7.5).
/// </remarks>
public static class ReedSolomon255223
{
    public const int N = 255;
    public const int K = 223;
    public const int CheckSymbols = N - K;
    public const int MaxCorrectable = CheckSymbols / 2;
    private const int FieldPolynomial = 0x187;
    private const int FirstRoot = 112;
    private const int RootStep = 11;

    private static readonly byte[] Exp = new byte[2 * N];
    private static readonly byte[] Log = new byte[256];

    /// <summary>Generator coefficients g_0..g_31 (g_32 = 1).</summary>
    internal static readonly byte[] Generator = new byte[CheckSymbols];

    /// <summary>Row j: x · β^(112+j) for every x, so a syndrome's Horner step is one table look-up per symbol.</summary>
    private static readonly byte[] RootProducts = new byte[CheckSymbols * 256];

    /// <summary>Row fb: the register update fb · g_{31−i} for i = 0..31, packed little-endian in four words.</summary>
    private static readonly ulong[] FeedbackRows = new ulong[256 * 4];

    static ReedSolomon255223()
    {
        int x = 1;
        for (int i = 0; i < N; i++)
        {
            Exp[i] = (byte)x;
            Exp[i + N] = (byte)x;
            Log[x] = (byte)i;
            x <<= 1;
            if ((x & 0x100) != 0)
            {
                x ^= FieldPolynomial;
            }
        }

        // g(x) = ∏ (x + β^j): multiply in one root at a time; g[i] is the coefficient of x^i.
        Span<byte> g = stackalloc byte[CheckSymbols + 1];
        g[0] = 1;
        for (int j = 0; j < CheckSymbols; j++)
        {
            byte root = Exp[RootStep * (FirstRoot + j) % N];
            for (int i = j + 1; i > 0; i--)
            {
                g[i] = (byte)(g[i - 1] ^ Multiply(g[i], root));
            }

            g[0] = Multiply(g[0], root);
        }

        g[..CheckSymbols].CopyTo(Generator);
        for (int j = 0; j < CheckSymbols; j++)
        {
            byte root = Exp[RootStep * (FirstRoot + j) % N];
            for (int x2 = 0; x2 < 256; x2++)
            {
                RootProducts[(j * 256) + x2] = Multiply((byte)x2, root);
            }
        }

        Span<byte> row = stackalloc byte[CheckSymbols];
        for (int fb = 0; fb < 256; fb++)
        {
            for (int i = 0; i < CheckSymbols; i++)
            {
                row[i] = Multiply((byte)fb, Generator[CheckSymbols - 1 - i]);
            }

            for (int w = 0; w < 4; w++)
            {
                FeedbackRows[(fb * 4) + w] = BitConverter.ToUInt64(row.Slice(w * 8, 8));
            }
        }
    }

    /// <summary>Product in GF(2^8).</summary>
    public static byte Multiply(byte a, byte b) => a == 0 || b == 0 ? (byte)0 : Exp[Log[a] + Log[b]];

    /// <summary>
    /// Check symbols of a (possibly shortened) codeword whose data symbols are data[0], data[stride], data[2·stride]…
    /// (<paramref name="count"/> of them, first transmitted first), written to parity[0], parity[parityStride]… (32 of
    /// them). The strides are the interleaving depth in a codeblock, 1 for a contiguous codeword.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Encode(ReadOnlySpan<byte> data, int count, int stride, Span<byte> parity, int parityStride)
    {
        if (count > K || count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"A codeword holds at most {K} data symbols.");
        }

        ulong r0 = 0, r1 = 0, r2 = 0, r3 = 0;
        ReadOnlySpan<ulong> rows = FeedbackRows;
        for (int k = 0, at = 0; k < count; k++, at += stride)
        {
            int fb = (data[at] ^ (int)r0) & 0xFF;
            r0 = (r0 >> 8) | (r1 << 56);
            r1 = (r1 >> 8) | (r2 << 56);
            r2 = (r2 >> 8) | (r3 << 56);
            r3 >>= 8;
            ReadOnlySpan<ulong> row = rows.Slice(fb * 4, 4);
            r0 ^= row[0];
            r1 ^= row[1];
            r2 ^= row[2];
            r3 ^= row[3];
        }

        Span<ulong> register = [r0, r1, r2, r3];
        for (int i = 0; i < CheckSymbols; i++)
        {
            parity[i * parityStride] = (byte)(register[i >> 3] >> ((i & 7) * 8));
        }
    }

    /// <summary>
    /// The check symbols of four codewords at once, codewords <paramref name="first"/> … first+3 of an interleaved
    /// block (codeword c's data symbols are data[c], data[c + stride]…, <paramref name="count"/> of them; its check
    /// symbols go to parity[c], parity[c + parityStride]…). Same arithmetic as <see cref="Encode"/>: the four LFSRs are
    /// independent, so stepping them together lets the processor overlap four dependency chains, where one codeword at
    /// a time waits on each symbol's feedback (about 4× faster on a 4096-byte frame; ChannelCodingBenchmarks).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Encode4(ReadOnlySpan<byte> data, int first, int count, int stride, Span<byte> parity, int parityStride)
    {
        if (count > K || count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"A codeword holds at most {K} data symbols.");
        }

        if (count > 0 && first + 3 + ((long)(count - 1) * stride) >= data.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "The codewords' data run past the block.");
        }

        ulong a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        ulong b0 = 0, b1 = 0, b2 = 0, b3 = 0;
        ulong c0 = 0, c1 = 0, c2 = 0, c3 = 0;
        ulong d0 = 0, d1 = 0, d2 = 0, d3 = 0;
        ref ulong rows = ref MemoryMarshal.GetReference((ReadOnlySpan<ulong>)FeedbackRows);
        ref byte symbols = ref Unsafe.Add(ref MemoryMarshal.GetReference(data), first);
        for (int k = 0; k < count; k++)
        {
            // Bounds were checked above for the last symbol of the last codeword; every earlier one lies before it.
            ref byte at = ref Unsafe.Add(ref symbols, k * stride);
            ref ulong ra = ref Unsafe.Add(ref rows, ((at ^ (int)a0) & 0xFF) * 4);
            ref ulong rb = ref Unsafe.Add(ref rows, ((Unsafe.Add(ref at, 1) ^ (int)b0) & 0xFF) * 4);
            ref ulong rc = ref Unsafe.Add(ref rows, ((Unsafe.Add(ref at, 2) ^ (int)c0) & 0xFF) * 4);
            ref ulong rd = ref Unsafe.Add(ref rows, ((Unsafe.Add(ref at, 3) ^ (int)d0) & 0xFF) * 4);
            a0 = ((a0 >> 8) | (a1 << 56)) ^ ra;
            a1 = ((a1 >> 8) | (a2 << 56)) ^ Unsafe.Add(ref ra, 1);
            a2 = ((a2 >> 8) | (a3 << 56)) ^ Unsafe.Add(ref ra, 2);
            a3 = (a3 >> 8) ^ Unsafe.Add(ref ra, 3);
            b0 = ((b0 >> 8) | (b1 << 56)) ^ rb;
            b1 = ((b1 >> 8) | (b2 << 56)) ^ Unsafe.Add(ref rb, 1);
            b2 = ((b2 >> 8) | (b3 << 56)) ^ Unsafe.Add(ref rb, 2);
            b3 = (b3 >> 8) ^ Unsafe.Add(ref rb, 3);
            c0 = ((c0 >> 8) | (c1 << 56)) ^ rc;
            c1 = ((c1 >> 8) | (c2 << 56)) ^ Unsafe.Add(ref rc, 1);
            c2 = ((c2 >> 8) | (c3 << 56)) ^ Unsafe.Add(ref rc, 2);
            c3 = (c3 >> 8) ^ Unsafe.Add(ref rc, 3);
            d0 = ((d0 >> 8) | (d1 << 56)) ^ rd;
            d1 = ((d1 >> 8) | (d2 << 56)) ^ Unsafe.Add(ref rd, 1);
            d2 = ((d2 >> 8) | (d3 << 56)) ^ Unsafe.Add(ref rd, 2);
            d3 = (d3 >> 8) ^ Unsafe.Add(ref rd, 3);
        }

        Span<ulong> registers = [a0, a1, a2, a3, b0, b1, b2, b3, c0, c1, c2, c3, d0, d1, d2, d3];
        for (int c = 0; c < 4; c++)
        {
            for (int i = 0; i < CheckSymbols; i++)
            {
                parity[first + c + (i * parityStride)] = (byte)(registers[(c * 4) + (i >> 3)] >> ((i & 7) * 8));
            }
        }
    }

    /// <summary>
    /// Corrects a (possibly shortened) codeword in place: data symbols then 32 check symbols, first transmitted
    /// first. Returns the number of symbols corrected (0 when it was clean), or −1 when the errors exceed what the
    /// code can correct (the codeword is left as received).
    /// </summary>
    public static int Decode(Span<byte> codeword)
    {
        int n = codeword.Length;
        if (n < CheckSymbols + 1 || n > N)
        {
            throw new ArgumentOutOfRangeException(nameof(codeword), n, $"A codeword has {CheckSymbols + 1}..{N} symbols.");
        }

        Span<byte> syndromes = stackalloc byte[CheckSymbols];
        if (!ComputeSyndromes(codeword, syndromes))
        {
            return 0;
        }

        Span<byte> locator = stackalloc byte[CheckSymbols + 1];
        int degree = BerlekampMassey(syndromes, locator);
        if (degree > MaxCorrectable)
        {
            return -1;
        }

        // Chien search over the positions that exist: the symbol at index k has degree n-1-k.
        Span<int> positions = stackalloc int[MaxCorrectable];
        int found = 0;
        for (int power = 0; power < n && found <= degree; power++)
        {
            if (EvaluateAtInverseLocator(locator, degree, power) == 0)
            {
                if (found == degree)
                {
                    return -1;
                }

                positions[found++] = power;
            }
        }

        if (found != degree)
        {
            return -1;
        }

        // Ω(x) = S(x)·Λ(x) mod x^32.
        Span<byte> omega = stackalloc byte[CheckSymbols];
        for (int i = 0; i < CheckSymbols; i++)
        {
            byte sum = 0;
            for (int j = 0; j <= Math.Min(i, degree); j++)
            {
                sum ^= Multiply(locator[j], syndromes[i - j]);
            }

            omega[i] = sum;
        }

        for (int e = 0; e < found; e++)
        {
            int power = positions[e];

            // X = β^power, X^-1 = β^-power; Forney: Y = X^(1-b) · Ω(X^-1) / Λ'(X^-1).
            int xInverseLog = Modulo(-RootStep * power);
            byte numerator = EvaluateLog(omega, CheckSymbols - 1, xInverseLog);
            byte derivative = 0;
            for (int i = 1; i <= degree; i += 2)
            {
                if (locator[i] != 0)
                {
                    derivative ^= Exp[Modulo(Log[locator[i]] + (xInverseLog * (i - 1)))];
                }
            }

            if (derivative == 0)
            {
                return -1;
            }

            int magnitudeLog = Modulo(Log[numerator] - Log[derivative] + (RootStep * power * (1 - FirstRoot)));
            if (numerator != 0)
            {
                codeword[n - 1 - power] ^= Exp[magnitudeLog];
            }
        }

        return found;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool ComputeSyndromes(ReadOnlySpan<byte> codeword, Span<byte> syndromes)
    {
        bool any = false;
        ReadOnlySpan<byte> products = RootProducts;
        for (int j = 0; j < CheckSymbols; j++)
        {
            ReadOnlySpan<byte> byRoot = products.Slice(j * 256, 256);
            int s = 0;
            foreach (byte symbol in codeword)
            {
                s = byRoot[s] ^ symbol;
            }

            syndromes[j] = (byte)s;
            any |= s != 0;
        }

        return any;
    }

    /// <summary>Error locator Λ(x) (Λ_0 = 1) from the syndromes; returns its degree.</summary>
    private static int BerlekampMassey(ReadOnlySpan<byte> syndromes, Span<byte> locator)
    {
        Span<byte> previous = stackalloc byte[CheckSymbols + 1];
        Span<byte> scratch = stackalloc byte[CheckSymbols + 1];
        locator.Clear();
        locator[0] = 1;
        previous[0] = 1;
        int length = 0;
        int shift = 1;
        byte previousDiscrepancy = 1;
        for (int r = 0; r < CheckSymbols; r++)
        {
            byte discrepancy = syndromes[r];
            for (int i = 1; i <= length; i++)
            {
                discrepancy ^= Multiply(locator[i], syndromes[r - i]);
            }

            if (discrepancy == 0)
            {
                shift++;
                continue;
            }

            byte factor = Exp[Modulo(Log[discrepancy] - Log[previousDiscrepancy])];
            if (2 * length <= r)
            {
                locator.CopyTo(scratch);
                Subtract(locator, previous, factor, shift);
                length = r + 1 - length;
                scratch.CopyTo(previous);
                previousDiscrepancy = discrepancy;
                shift = 1;
            }
            else
            {
                Subtract(locator, previous, factor, shift);
                shift++;
            }
        }

        return length;
    }

    /// <summary>locator −= factor · x^shift · previous.</summary>
    private static void Subtract(Span<byte> locator, ReadOnlySpan<byte> previous, byte factor, int shift)
    {
        for (int i = 0; i + shift < locator.Length; i++)
        {
            locator[i + shift] ^= Multiply(factor, previous[i]);
        }
    }

    /// <summary>Λ(β^-power).</summary>
    private static byte EvaluateAtInverseLocator(ReadOnlySpan<byte> locator, int degree, int power)
        => EvaluateLog(locator, degree, Modulo(-RootStep * power));

    /// <summary>p(α^xLog) for a polynomial with coefficients p[0..degree].</summary>
    private static byte EvaluateLog(ReadOnlySpan<byte> p, int degree, int xLog)
    {
        byte sum = 0;
        for (int i = 0; i <= degree; i++)
        {
            if (p[i] != 0)
            {
                sum ^= Exp[Modulo(Log[p[i]] + (xLog * i))];
            }
        }

        return sum;
    }

    private static int Modulo(int value)
    {
        int m = value % N;
        return m < 0 ? m + N : m;
    }
}
