using JinanOnboard.Source.Random;

namespace JinanOnboard.Source.Tests;

public sealed class Philox4x32Tests
{
    // Random123 kat_vectors, the three "philox4x32 10" lines: counter[4], key[2] -> output[4].
    [Theory]
    [InlineData(0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u)]
    [InlineData(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu)]
    [InlineData(0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u, 0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u)]
    public void Block_matches_Random123_known_answers(
        uint c0, uint c1, uint c2, uint c3, uint k0, uint k1, uint e0, uint e1, uint e2, uint e3)
    {
        Philox4x32.Block(c0, c1, c2, c3, k0, k1, out uint r0, out uint r1, out uint r2, out uint r3);

        Assert.Equal((e0, e1, e2, e3), (r0, r1, r2, r3));
    }

    [Fact]
    public void Store_words_are_the_documented_halves_of_the_Philox_block()
    {
        ulong key = 0x299f31d0a4093822UL;
        var store = new PhiloxPulseRandomStore(key, SourceConfiguration.Jinan1);
        long counter = 0x1_2345_6789L;
        Philox4x32.Block((uint)counter, (uint)(counter >> 32), 0, 0, (uint)key, (uint)(key >> 32), out uint r0, out uint r1, out uint r2, out uint r3);

        Assert.Equal(r0 | ((ulong)r1 << 32), store.RawWord(2 * counter));
        Assert.Equal(r2 | ((ulong)r3 << 32), store.RawWord((2 * counter) + 1));
    }
}
