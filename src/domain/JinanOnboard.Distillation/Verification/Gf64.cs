namespace JinanOnboard.Distillation.Verification;

/// <summary>
/// Arithmetic in GF(2^64) with the reduction polynomial x^64 + x^4 + x^3 + x + 1 (the
/// low-weight irreducible pentanomial commonly used for GF(2^64), e.g. in the GHASH-64 literature).
/// Bit i of a ulong is the coefficient of x^i.
/// </summary>
internal static class Gf64
{
    /// <summary>Carry-less product of <paramref name="a"/> and <paramref name="b"/> reduced modulo the field polynomial.</summary>
    public static ulong Multiply(ulong a, ulong b)
    {
        ulong lo = 0;
        ulong hi = 0;
        while (b != 0)
        {
            int i = System.Numerics.BitOperations.TrailingZeroCount(b);
            lo ^= a << i;
            if (i != 0)
            {
                hi ^= a >> (64 - i);
            }

            b &= b - 1;
        }

        // hi · x^64 ≡ hi · (x^4 + x^3 + x + 1). The bits shifted out of the top form a polynomial
        // of degree <= 3 times x^64, reduced once more; that second product fits in 8 bits.
        ulong overflow = (hi >> 60) ^ (hi >> 61) ^ (hi >> 63);
        lo ^= hi ^ (hi << 1) ^ (hi << 3) ^ (hi << 4);
        lo ^= overflow ^ (overflow << 1) ^ (overflow << 3) ^ (overflow << 4);
        return lo;
    }
}
