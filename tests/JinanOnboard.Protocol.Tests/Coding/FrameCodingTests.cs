using System.Buffers.Binary;
using JinanOnboard.Protocol.Coding;
using JinanOnboard.Protocol.Integrity;

namespace JinanOnboard.Protocol.Tests.Coding;

public sealed class FrameCodingTests
{
    [Theory]
    [InlineData(4096, 19, 4704)]
    [InlineData(256, 2, 320)]
    [InlineData(1784, 8, 2040)]
    public void Depth_and_codeblock_length_follow_the_frame_length(int frameLength, int depth, int codeblock)
    {
        FrameCoding coding = FrameCoding.ReedSolomon(frameLength);
        Assert.Equal(depth, coding.Depth);
        Assert.Equal(codeblock, coding.CodeblockLength);
        Assert.Equal(codeblock + 4, coding.CaduLength);
        Assert.Equal(frameLength, FrameCoding.None(frameLength).CodeblockLength);
    }

    [Fact]
    public void The_codeblock_starts_with_the_frame_itself()
    {
        FrameCoding coding = FrameCoding.ReedSolomon(4096);
        byte[] frame = Frame(new Random(1), 4096);
        byte[] codeblock = Encoded(coding, frame);
        Assert.Equal(frame, codeblock.AsSpan(0, 4096).ToArray());
    }

    [Fact]
    public void A_burst_of_sixteen_times_the_depth_is_corrected()
    {
        FrameCoding coding = FrameCoding.ReedSolomon(4096);
        byte[] frame = Frame(new Random(2), 4096);
        byte[] codeblock = Encoded(coding, frame);
        for (int b = 1000; b < 1000 + (16 * coding.Depth); b++)
        {
            codeblock[b] ^= 0xA5;
        }

        Assert.Equal(16 * coding.Depth, coding.Correct(codeblock));
        Assert.Equal(frame, codeblock.AsSpan(0, 4096).ToArray());
    }

    [Fact]
    public void Random_bit_errors_at_one_in_a_thousand_are_corrected()
    {
        FrameCoding coding = FrameCoding.ReedSolomon(4096);
        var random = new Random(3);
        for (int trial = 0; trial < 20; trial++)
        {
            byte[] frame = Frame(random, 4096);
            byte[] codeblock = Encoded(coding, frame);
            for (int bit = 0; bit < codeblock.Length * 8; bit++)
            {
                if (random.NextDouble() < 1e-3)
                {
                    codeblock[bit / 8] ^= (byte)(1 << (bit % 8));
                }
            }

            Assert.True(coding.Correct(codeblock) >= 0);
            Assert.Equal(frame, codeblock.AsSpan(0, 4096).ToArray());
        }
    }

    [Fact]
    public void Damage_beyond_the_code_is_reported_and_the_frame_then_fails_its_crc()
    {
        FrameCoding coding = FrameCoding.ReedSolomon(256);
        byte[] codeblock = Encoded(coding, Frame(new Random(4), 256));
        for (int b = 0; b < 40; b++)
        {
            codeblock[b * 2] ^= 0x5A;
        }

        Assert.Equal(-1, coding.Correct(codeblock));
        Assert.NotEqual(Crc16Ccitt.Compute(codeblock.AsSpan(0, 254)), BinaryPrimitives.ReadUInt16BigEndian(codeblock.AsSpan(254)));
    }

    [Fact]
    public void A_frame_with_one_uncorrectable_codeword_is_left_exactly_as_received_even_where_others_were_correctable()
    {
        // Found by the codeblock fuzz mode: codeword 1 was repaired and written back although codeword 0 failed, so the
        // frame differed from what was received (frames.md: it is left as received).
        FrameCoding coding = FrameCoding.ReedSolomon(256);
        byte[] codeblock = Encoded(coding, Frame(new Random(5), 256));
        for (int k = 0; k < 20; k++)
        {
            codeblock[k * 2] ^= 0x5A; // codeword 0: 20 symbol errors, beyond the 16 the code corrects
        }

        codeblock[1] ^= 0x33; // codeword 1: one symbol error, correctable on its own
        byte[] received = (byte[])codeblock.Clone();

        Assert.Equal(-1, coding.Correct(codeblock));
        Assert.Equal(received, codeblock);
    }

    [Theory]
    [InlineData(4096)]
    [InlineData(256)]
    [InlineData(223 * 4)]
    [InlineData(1000)]
    public void Encoding_four_codewords_at_once_gives_each_codeword_its_own_check_symbols(int frameLength)
    {
        // The reference: every codeword encoded alone through the one-codeword LFSR (checked against the standard's
        // vectors in ReedSolomon255223Tests).
        FrameCoding coding = FrameCoding.ReedSolomon(frameLength);
        byte[] codeblock = Encoded(coding, Frame(new Random(frameLength), frameLength));
        var expected = new byte[ReedSolomon255223.CheckSymbols];
        for (int i = 0; i < coding.Depth; i++)
        {
            int count = (frameLength - i + coding.Depth - 1) / coding.Depth;
            ReedSolomon255223.Encode(codeblock.AsSpan(i), count, coding.Depth, expected, 1);
            for (int j = 0; j < expected.Length; j++)
            {
                Assert.Equal(expected[j], codeblock[frameLength + (j * coding.Depth) + i]);
            }
        }
    }

    [Fact]
    public void Uncoded_frames_pass_through()
    {
        FrameCoding coding = FrameCoding.None(256);
        byte[] frame = Frame(new Random(6), 256);
        byte[] codeblock = (byte[])frame.Clone();
        coding.Encode(codeblock);
        codeblock[10] ^= 1;
        Assert.Equal(0, coding.Correct(codeblock));
        Assert.Equal(frame[10] ^ 1, codeblock[10]);
    }

    /// <summary>Random bytes with a valid CRC-16 in the last two, as a sealed frame has.</summary>
    private static byte[] Frame(Random random, int length)
    {
        byte[] frame = new byte[length];
        random.NextBytes(frame);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(length - 2), Crc16Ccitt.Compute(frame.AsSpan(0, length - 2)));
        return frame;
    }

    private static byte[] Encoded(FrameCoding coding, byte[] frame)
    {
        byte[] codeblock = new byte[coding.CodeblockLength];
        frame.CopyTo(codeblock, 0);
        coding.Encode(codeblock);
        return codeblock;
    }
}
