using System.Buffers.Binary;
using JinanOnboard.Primitives.Randomness;

namespace JinanOnboard.Primitives.Tests.Randomness;

public sealed class SplitMix64Tests
{
    [Fact]
    public void SplitMix64_matches_the_published_reference_sequence()
    {
        // First outputs for seed 1234567 from the reference C implementation (Vigna, splitmix64.c).
        var rng = new SplitMix64(1234567);
        Assert.Equal(6457827717110365317UL, rng.Next());
        Assert.Equal(3203168211198807973UL, rng.Next());
    }

    [Fact]
    public void Next_is_the_finaliser_of_a_weyl_sequence()
    {
        var rng = new SplitMix64(99);
        for (ulong k = 1; k <= 4; k++)
        {
            Assert.Equal(SplitMix64.Mix(unchecked(99 + (k * SplitMix64.Increment))), rng.Next());
        }
    }

    [Fact]
    public void Fill_writes_successive_values_little_endian_and_drops_the_tail_bytes()
    {
        var reference = new SplitMix64(7);
        var expected = new byte[24];
        for (int i = 0; i < 3; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(expected.AsSpan(8 * i), reference.Next());
        }

        var filled = new byte[19];
        new SplitMix64(7).Fill(filled);
        Assert.Equal(expected[..19], filled);
    }

    [Fact]
    public void NextDouble_is_the_top_53_bits_scaled_into_the_unit_interval()
    {
        var reference = new SplitMix64(5);
        var rng = new SplitMix64(5);
        for (int i = 0; i < 1000; i++)
        {
            double x = rng.NextDouble();
            Assert.Equal((reference.Next() >> 11) / 9007199254740992.0, x);
            Assert.InRange(x, 0.0, Math.BitDecrement(1.0));
        }
    }

    [Fact]
    public void NextBelow_stays_below_its_bound_and_reaches_every_value()
    {
        var rng = new SplitMix64(3);
        var seen = new bool[7];
        for (int i = 0; i < 500; i++)
        {
            int x = rng.NextBelow(7);
            Assert.InRange(x, 0, 6);
            seen[x] = true;
        }

        Assert.All(seen, Assert.True);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SplitMix64(3).NextBelow(0));
    }
}
