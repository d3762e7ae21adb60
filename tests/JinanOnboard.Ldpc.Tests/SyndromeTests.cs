namespace JinanOnboard.Ldpc.Tests;

public sealed class SyndromeTests
{
    private static readonly LdpcCode Code = TestCodes.Build(4003, 1201, 11);

    [Fact]
    public void Syndrome_is_linear_over_gf2()
    {
        var random = new Random(1);
        for (int trial = 0; trial < 20; trial++)
        {
            byte[] a = TestCodes.RandomBits(Code.BlockLength, random);
            byte[] b = TestCodes.RandomBits(Code.BlockLength, random);
            byte[] sum = a.Zip(b, (x, y) => (byte)(x ^ y)).ToArray();
            var sa = new byte[(Code.SyndromeLength + 7) / 8];
            var sb = new byte[sa.Length];
            var sSum = new byte[sa.Length];
            Code.ComputeSyndrome(a, sa);
            Code.ComputeSyndrome(b, sb);
            Code.ComputeSyndrome(sum, sSum);
            Assert.Equal(sa.Zip(sb, (x, y) => (byte)(x ^ y)), sSum);
        }
    }

    [Fact]
    public void Single_bit_j_gives_column_j_of_H_using_lsb_first_packing()
    {
        var bits = new byte[(Code.BlockLength + 7) / 8];
        var syndrome = new byte[(Code.SyndromeLength + 7) / 8];
        foreach (int j in new[] { 0, 1, 7, 8, 9, 2000, Code.BlockLength - 1 })
        {
            Array.Clear(bits);
            bits[j >> 3] = (byte)(1 << (j & 7));
            Code.ComputeSyndrome(bits, syndrome);
            var expected = new HashSet<int>();
            for (int e = Code.Matrix.ColumnStart[j]; e < Code.Matrix.ColumnStart[j + 1]; e++)
            {
                expected.Add(Code.Matrix.ColumnRows[e]);
            }

            for (int c = 0; c < Code.SyndromeLength; c++)
            {
                Assert.Equal(expected.Contains(c), TestCodes.Bit(syndrome, c));
            }
        }
    }

    [Fact]
    public void Padding_bits_of_the_last_syndrome_byte_are_zero_and_input_padding_is_ignored()
    {
        var bits = Enumerable.Repeat((byte)0xFF, (Code.BlockLength + 7) / 8).ToArray(); // padding bits set too
        var syndrome = Enumerable.Repeat((byte)0xFF, (Code.SyndromeLength + 7) / 8).ToArray();
        Code.ComputeSyndrome(bits, syndrome);
        int used = Code.SyndromeLength & 7;
        Assert.Equal(0, syndrome[^1] >> used);

        var cleared = (byte[])bits.Clone();
        cleared[^1] &= (byte)((1 << (Code.BlockLength & 7)) - 1);
        var syndrome2 = new byte[syndrome.Length];
        Code.ComputeSyndrome(cleared, syndrome2);
        Assert.Equal(syndrome, syndrome2);
    }

    [Fact]
    public void Short_buffers_are_rejected_with_a_clear_error()
    {
        Assert.Throws<ArgumentException>(() => Code.ComputeSyndrome(new byte[10], new byte[(Code.SyndromeLength + 7) / 8]));
        Assert.Throws<ArgumentException>(() => Code.ComputeSyndrome(new byte[(Code.BlockLength + 7) / 8], new byte[3]));
    }
}
