using System.IO.Hashing;
using System.Text;
using JinanOnboard.Distillation.Confirmation;

namespace JinanOnboard.Distillation.Tests.Confirmation;

public sealed class KeyConfirmationTests
{
    [Fact]
    public void Crc64_is_the_ecma_182_variant_with_its_published_check_value() =>
        Assert.Equal(0x6C40DF5F0B497347UL, Crc64.HashToUInt64(Encoding.ASCII.GetBytes("123456789")));

    [Fact]
    public void Tag_is_crc64_of_bit_count_then_key_bytes()
    {
        byte[] key = [0x01, 0x02, 0x03, 0x04];
        byte[] framed = [32, 0, 0, 0, 0x01, 0x02, 0x03, 0x04];
        Assert.Equal(Crc64.HashToUInt64(framed), KeyConfirmation.Compute(key, 32));
    }

    [Fact]
    public void Equal_keys_match_and_a_single_flipped_bit_does_not()
    {
        var random = new Random(11);
        byte[] key = new byte[62_500];
        random.NextBytes(key);
        ulong tag = KeyConfirmation.Compute(key, 500_000);
        Assert.True(KeyConfirmation.Matches([.. key], 500_000, tag));
        for (int bit = 0; bit < 500_000; bit += 49_999)
        {
            byte[] flipped = [.. key];
            flipped[bit >> 3] ^= (byte)(1 << (bit & 7));
            Assert.False(KeyConfirmation.Matches(flipped, 500_000, tag));
        }
    }

    [Fact]
    public void Bits_past_the_key_length_do_not_change_the_tag_but_the_length_does()
    {
        byte[] key = [0xAB, 0x05];
        byte[] noisy = [0xAB, 0xF5]; // bits 12..15 differ, past the 12-bit key
        Assert.Equal(KeyConfirmation.Compute(key, 12), KeyConfirmation.Compute(noisy, 12));
        Assert.NotEqual(KeyConfirmation.Compute(key, 12), KeyConfirmation.Compute(key, 13));
        Assert.NotEqual(KeyConfirmation.Compute(key, 16), KeyConfirmation.Compute(noisy, 16));
    }

    [Fact]
    public void Empty_key_has_a_tag_and_short_buffers_are_refused()
    {
        Assert.Equal(Crc64.HashToUInt64(new byte[4]), KeyConfirmation.Compute([], 0));
        Assert.Throws<ArgumentException>(() => KeyConfirmation.Compute(new byte[2], 17));
        Assert.Throws<ArgumentOutOfRangeException>(() => KeyConfirmation.Compute(new byte[2], -1));
    }
}
