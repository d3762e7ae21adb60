using JinanOnboard.Protocol.Coding;

namespace JinanOnboard.Protocol.Tests.Coding;

public sealed class ReedSolomon255223Tests
{
    /// <summary>
    /// The CCSDS roots β^112..β^143 are symmetric about β^127.5 (112 + 143 = 255), so g(x) is palindromic and its
    /// constant term is β^(16·255) = 1 (CCSDS 131.0-B-4 §4.3.3 chose them for this symmetry).
    /// </summary>
    [Fact]
    public void The_generator_is_palindromic_with_unit_constant_term()
    {
        byte[] g = [.. ReedSolomon255223.Generator, 1];
        Assert.Equal(1, g[0]);
        for (int i = 0; i <= 32; i++)
        {
            Assert.Equal(g[i], g[32 - i]);
        }
    }

    [Theory]
    [InlineData(223, 0)]
    [InlineData(223, 1)]
    [InlineData(223, 16)]
    [InlineData(216, 16)]
    [InlineData(215, 9)]
    [InlineData(1, 16)]
    public void Up_to_sixteen_symbol_errors_anywhere_are_corrected(int dataSymbols, int errors)
    {
        var random = new Random(dataSymbols * 100 + errors);
        for (int trial = 0; trial < 50; trial++)
        {
            byte[] codeword = Codeword(random, dataSymbols);
            byte[] received = (byte[])codeword.Clone();
            foreach (int position in Enumerable.Range(0, codeword.Length).OrderBy(_ => random.Next()).Take(errors))
            {
                received[position] ^= (byte)random.Next(1, 256);
            }

            Assert.Equal(errors, ReedSolomon255223.Decode(received));
            Assert.Equal(codeword, received);
        }
    }

    [Theory]
    [InlineData(223)]
    [InlineData(100)]
    public void Seventeen_errors_are_reported_uncorrectable_and_left_as_received(int dataSymbols)
    {
        var random = new Random(17 + dataSymbols);
        for (int trial = 0; trial < 200; trial++)
        {
            byte[] codeword = Codeword(random, dataSymbols);
            foreach (int position in Enumerable.Range(0, codeword.Length).OrderBy(_ => random.Next()).Take(17))
            {
                codeword[position] ^= (byte)random.Next(1, 256);
            }

            byte[] received = (byte[])codeword.Clone();
            Assert.Equal(-1, ReedSolomon255223.Decode(received));
            Assert.Equal(codeword, received);
        }
    }

    [Fact]
    public void Strided_encoding_equals_contiguous_encoding()
    {
        var random = new Random(5);
        byte[] data = new byte[200];
        random.NextBytes(data);
        byte[] contiguous = new byte[32];
        ReedSolomon255223.Encode(data, data.Length, 1, contiguous, 1);

        byte[] interleavedData = new byte[200 * 3];
        for (int k = 0; k < 200; k++)
        {
            interleavedData[1 + (3 * k)] = data[k];
        }

        byte[] interleavedParity = new byte[32 * 3];
        ReedSolomon255223.Encode(interleavedData.AsSpan(1), 200, 3, interleavedParity.AsSpan(1), 3);
        Assert.Equal(contiguous, Enumerable.Range(0, 32).Select(j => interleavedParity[1 + (3 * j)]).ToArray());
    }

    private static byte[] Codeword(Random random, int dataSymbols)
    {
        byte[] codeword = new byte[dataSymbols + 32];
        random.NextBytes(codeword.AsSpan(0, dataSymbols));
        ReedSolomon255223.Encode(codeword, dataSymbols, 1, codeword.AsSpan(dataSymbols), 1);
        return codeword;
    }
}
