using System.Numerics;

namespace JinanOnboard.Ldpc.Decoding;

/// <summary>
/// The frame-level steps around the check updates: argument checks, channel LLRs in, hard decision out. Shared by
/// <see cref="LdpcDecoder"/> and the comparison kernels of bench/JinanOnboard.Ldpc.Comparison, so that a comparison
/// measures the check update alone and every kernel starts from, and is judged on, the same bits.
/// </summary>
internal static class DecoderFrame
{
    /// <summary>Throws unless the buffers fit <paramref name="code"/> and the QBER lies in (0, 0.5).</summary>
    public static void Validate(LdpcCode code, int noisyBytes, int syndromeBytes, double channelQber, int correctedBytes)
    {
        int nBytes = (code.BlockLength + 7) / 8;
        if (noisyBytes < nBytes || correctedBytes < nBytes)
        {
            throw new ArgumentException($"Noisy and corrected buffers need {nBytes} bytes for code {code.CodeId}.");
        }

        int mBytes = (code.SyndromeLength + 7) / 8;
        if (syndromeBytes < mBytes)
        {
            throw new ArgumentException($"Syndrome needs {mBytes} bytes for code {code.CodeId}.");
        }

        if (!(channelQber > 0 && channelQber < 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(channelQber), channelQber, "QBER must be in (0, 0.5).");
        }
    }

    /// <summary>posterior[v] = ±ln((1−p)/p), the BSC's channel LLR log(P(x=0|y)/P(x=1|y)), negative where y_v = 1.</summary>
    public static void LoadChannelLlrs(ReadOnlySpan<byte> packedNoisyBits, double channelQber, Span<float> posterior)
    {
        float channelLlr = (float)Math.Log((1 - channelQber) / channelQber);

        // −L is L with the sign bit flipped: set it from the bit without a data-dependent branch (half the bits are ones).
        uint channelLlrBits = BitConverter.SingleToUInt32Bits(channelLlr);
        for (int v = 0; v < posterior.Length; v++)
        {
            uint bit = (uint)(packedNoisyBits[v >> 3] >> (v & 7)) & 1;
            posterior[v] = BitConverter.UInt32BitsToSingle(channelLlrBits ^ (bit << 31));
        }
    }

    /// <summary>
    /// Packs the sign bits of <paramref name="posterior"/> (negative LLR ⇒ bit 1) into <paramref name="packedCorrected"/>,
    /// padding bits beyond n written as zero; returns how many of the n bits differ from the noisy input.
    /// </summary>
    public static int WriteHardDecision(ReadOnlySpan<float> posterior, ReadOnlySpan<byte> packedNoisyBits, Span<byte> packedCorrected)
    {
        int n = posterior.Length;
        int nBytes = (n + 7) / 8;
        int flipped = 0;
        for (int b = 0; b < nBytes; b++)
        {
            int value = 0;
            int limit = Math.Min(8, n - (b << 3));
            for (int i = 0; i < limit; i++)
            {
                value |= (int)(BitConverter.SingleToUInt32Bits(posterior[(b << 3) + i]) >> 31) << i;
            }

            packedCorrected[b] = (byte)value;
            int inputMask = limit == 8 ? 0xFF : (1 << limit) - 1;
            flipped += BitOperations.PopCount((uint)((value ^ packedNoisyBits[b]) & inputMask));
        }

        return flipped;
    }
}
