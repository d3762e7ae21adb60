using JinanOnboard.Distillation.Sifting;

namespace JinanOnboard.Distillation.Estimation;

/// <summary>
/// Exact error counts of a decoded packet: after LDPC decoding the OGS knows every corrected
/// position (system.md step 4), hence m_{b,k} per basis and intensity (finite-key.md inputs).
/// </summary>
internal static class ErrorCounts
{
    /// <summary>Adds, per class, the positions where <paramref name="noisy"/> and <paramref name="corrected"/> differ.</summary>
    /// <returns>The total number of corrected bits.</returns>
    public static long Accumulate(ReadOnlySpan<byte> noisy, ReadOnlySpan<byte> corrected, ReadOnlySpan<byte> classes, Span<long> errorsPerClass)
    {
        long total = 0;
        for (int i = 0; i < noisy.Length; i++)
        {
            int diff = noisy[i] ^ corrected[i];
            while (diff != 0)
            {
                int bit = System.Numerics.BitOperations.TrailingZeroCount(diff);
                int position = (i * 8) + bit;
                if (position < classes.Length)
                {
                    errorsPerClass[classes[position]]++;
                    total++;
                }

                diff &= diff - 1;
            }
        }

        return total;
    }

    /// <summary>Counts per class of a packet's bits (n_{b,k}).</summary>
    public static void AddCounts(SiftedPacket packet, Span<long> countsPerClass)
    {
        foreach (byte c in packet.Classes)
        {
            countsPerClass[c]++;
        }
    }
}
