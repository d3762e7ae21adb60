using System.Globalization;
using JinanOnboard.Ldpc.Construction;
using JinanOnboard.Primitives.Randomness;

namespace JinanOnboard.Ldpc.Tests;

/// <summary>
/// Pins what the production decoder computes, bit for bit: refactoring around it (other kernels moved out, shared
/// helpers) must leave every posterior, iteration count and output bit of these frames as it was. The lifted paths are
/// bit-identical across CPUs (LiftedDecoderTests), so one digest holds on every machine.
/// </summary>
public sealed class DecoderGoldenTests
{
    [Fact]
    public void Production_decoder_reproduces_the_golden_digest()
    {
        ulong digest = 0xCBF29CE484222325UL;
        foreach ((double qber, double efficiency, ulong seed) in new[] { (0.01, 1.5, 1UL), (0.03, 1.35, 2UL), (0.06, 1.35, 3UL) })
        {
            LdpcCode code = TestCodes.WithEfficiency(qber, efficiency);
            (byte[] noisy, byte[] syndrome, byte[] randomSyndrome) = Frame(code, qber, seed);
            foreach ((byte[] s, int maxIterations, float skip) in new[]
            {
                (syndrome, LdpcDecoder.DefaultMaxIterations, LdpcDecoder.DefaultConfidentRowSkip),
                (syndrome, LdpcDecoder.DefaultMaxIterations, 0f),
                (randomSyndrome, 4, LdpcDecoder.DefaultConfidentRowSkip),
            })
            {
                var decoder = new LdpcDecoder(code, maxIterations) { ConfidentRowSkip = skip };
                var output = new byte[noisy.Length];
                LdpcDecodeResult result = decoder.Decode(noisy, s, qber, output);
                digest = Fnv(digest, result.Converged ? 1UL : 0UL);
                digest = Fnv(digest, (ulong)result.Iterations);
                digest = Fnv(digest, (ulong)result.CorrectedBitCount);
                foreach (byte b in output)
                {
                    digest = Fnv(digest, b);
                }

                foreach (float p in decoder.Posteriors)
                {
                    digest = Fnv(digest, BitConverter.SingleToUInt32Bits(p));
                }
            }
        }

        Assert.Equal("81F9C15803737C50", digest.ToString("X16", CultureInfo.InvariantCulture));
    }

    /// <summary>Sender bits and BSC noise from SplitMix64 (fully specified, unlike System.Random), plus a random syndrome.</summary>
    private static (byte[] Noisy, byte[] Syndrome, byte[] RandomSyndrome) Frame(LdpcCode code, double qber, ulong seed)
    {
        var rng = new SplitMix64(seed);
        var sender = new byte[(code.BlockLength + 7) / 8];
        for (int i = 0; i < sender.Length; i++)
        {
            sender[i] = (byte)rng.Next();
        }

        byte[] noisy = (byte[])sender.Clone();
        ulong threshold = (ulong)(qber * 18446744073709551616.0);
        for (int j = 0; j < code.BlockLength; j++)
        {
            if (rng.Next() < threshold)
            {
                noisy[j >> 3] ^= (byte)(1 << (j & 7));
            }
        }

        var syndrome = new byte[(code.SyndromeLength + 7) / 8];
        code.ComputeSyndrome(sender, syndrome);
        var randomSyndrome = new byte[syndrome.Length];
        for (int i = 0; i < randomSyndrome.Length; i++)
        {
            randomSyndrome[i] = (byte)rng.Next();
        }

        if ((code.SyndromeLength & 7) != 0)
        {
            randomSyndrome[^1] &= (byte)((1 << (code.SyndromeLength & 7)) - 1);
        }

        return (noisy, syndrome, randomSyndrome);
    }

    private static ulong Fnv(ulong hash, ulong value)
    {
        for (int i = 0; i < 8; i++)
        {
            hash = (hash ^ ((value >> (8 * i)) & 0xFF)) * 0x100000001B3UL;
        }

        return hash;
    }
}
