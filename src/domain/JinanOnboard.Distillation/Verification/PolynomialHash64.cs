using System.Buffers.Binary;

namespace JinanOnboard.Distillation.Verification;

/// <summary>
/// The verification hash of a reconciled packet: a polynomial universal hash over GF(2^64).
/// The packed bit string is split into 64-bit words w_1..w_L (little-endian bytes, so bit j of the
/// string is bit j mod 64 of word ⌊j/64⌋+1; the last word zero-padded), then
/// h = (…((w_1·k ⊕ w_2)·k ⊕ …)·k ⊕ w_L)·k ⊕ bitLength)·k, evaluated by Horner's rule.
/// Two different strings of equal length collide for at most L+1 of the 2^64 keys, so with a fresh
/// uniformly random key per packet a wrong decode passes with probability ≤ (L+1)/2^64
/// (≈ 8.5e-17 for a 100 kbit packet, well inside ε_cor = 1e-10). The 64 tag bits count in λ_EC.
/// </summary>
internal static class PolynomialHash64
{
    /// <summary>Tag length in bits; disclosed per packet and counted in λ_EC.</summary>
    public const int TagBits = 64;

    /// <summary>Hashes the first <paramref name="bitLength"/> bits of <paramref name="packed"/> under <paramref name="key"/>.</summary>
    public static ulong Compute(ReadOnlySpan<byte> packed, long bitLength, ulong key)
    {
        ulong h = 0;
        int whole = (int)(bitLength >> 6);
        for (int w = 0; w < whole; w++)
        {
            h = Gf64.Multiply(h ^ BinaryPrimitives.ReadUInt64LittleEndian(packed.Slice(w * 8, 8)), key);
        }

        int restBits = (int)(bitLength & 63);
        if (restBits > 0)
        {
            // The last word is zero-padded: bits beyond the string's length never influence the tag.
            Span<byte> last = stackalloc byte[8];
            last.Clear();
            int restBytes = (restBits + 7) >> 3;
            packed.Slice(whole * 8, restBytes).CopyTo(last);
            ulong word = BinaryPrimitives.ReadUInt64LittleEndian(last) & (ulong.MaxValue >> (64 - restBits));
            h = Gf64.Multiply(h ^ word, key);
        }

        return Gf64.Multiply(h ^ (ulong)bitLength, key);
    }
}
