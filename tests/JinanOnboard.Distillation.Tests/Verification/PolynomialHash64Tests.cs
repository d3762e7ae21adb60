using JinanOnboard.Distillation.Verification;

namespace JinanOnboard.Distillation.Tests.Verification;

public sealed class PolynomialHash64Tests
{
    /// <summary>Textbook shift-and-add multiplication with reduction at every step.</summary>
    private static ulong SlowMultiply(ulong a, ulong b)
    {
        ulong result = 0;
        for (int i = 63; i >= 0; i--)
        {
            bool carry = (result >> 63) != 0;
            result <<= 1;
            if (carry)
            {
                result ^= 0x1B; // x^4 + x^3 + x + 1
            }

            if (((b >> i) & 1) != 0)
            {
                result ^= a;
            }
        }

        return result;
    }

    [Fact]
    public void Field_multiplication_matches_the_shift_and_add_reference()
    {
        var random = new Random(9);
        for (int i = 0; i < 2000; i++)
        {
            ulong a = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40);
            ulong b = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 50);
            Assert.Equal(SlowMultiply(a, b), Gf64.Multiply(a, b));
        }

        Assert.Equal(0x1BUL, Gf64.Multiply(1UL << 63, 2)); // x^63 · x = x^64 ≡ x^4 + x^3 + x + 1
        Assert.Equal(12345UL, Gf64.Multiply(12345, 1));
    }

    [Fact]
    public void One_flipped_bit_changes_the_tag_and_bits_beyond_the_length_do_not()
    {
        var random = new Random(4);
        var data = new byte[1250];
        random.NextBytes(data);
        const ulong key = 0x9E3779B97F4A7C15;
        ulong tag = PolynomialHash64.Compute(data, 10_000, key);
        for (int bit = 0; bit < 10_000; bit += 97)
        {
            byte[] flipped = (byte[])data.Clone();
            flipped[bit >> 3] ^= (byte)(1 << (bit & 7));
            Assert.NotEqual(tag, PolynomialHash64.Compute(flipped, 10_000, key));
        }

        byte[] dirtyTail = (byte[])data.Clone();
        ulong shortTag = PolynomialHash64.Compute(data, 9_995, key);
        dirtyTail[1249] ^= 0x80; // bit 9999, beyond a 9995-bit string
        Assert.Equal(shortTag, PolynomialHash64.Compute(dirtyTail, 9_995, key));
        Assert.NotEqual(shortTag, PolynomialHash64.Compute(data, 9_996, key)); // the length is hashed too
    }

    [Fact]
    public void Different_keys_give_different_tags()
    {
        var data = new byte[64];
        new Random(2).NextBytes(data);
        Assert.NotEqual(PolynomialHash64.Compute(data, 512, 3), PolynomialHash64.Compute(data, 512, 5));
    }
}
