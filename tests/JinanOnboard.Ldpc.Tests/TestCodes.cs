using JinanOnboard.Ldpc.Comparison;
using JinanOnboard.Ldpc.Construction;
using JinanOnboard.Primitives.Information;

namespace JinanOnboard.Ldpc.Tests;

/// <summary>Small codes shared by the tests (built once; construction is deterministic).</summary>
internal static class TestCodes
{
    public const int SmallBlockLength = 20_000;

    private static readonly Lazy<LdpcCodeBook> SmallBookLazy = new(() => LdpcCodeBook.CreateDefault(SmallBlockLength));

    /// <summary>The default layout at n = 20 000: same distributions, seeds and construction as the wire book.</summary>
    public static LdpcCodeBook SmallBook => SmallBookLazy.Value;

    /// <summary>First code of the small book disclosing at least <paramref name="efficiency"/>·n·h(qber) bits.</summary>
    public static LdpcCode WithEfficiency(double qber, double efficiency)
    {
        double needed = efficiency * SmallBlockLength * BinaryEntropy.Of(qber);
        foreach (LdpcCode code in SmallBook.Codes)
        {
            if (code.SyndromeLength >= needed)
            {
                return code;
            }
        }

        return SmallBook.Codes[^1];
    }

    /// <summary>
    /// Code <paramref name="codeId"/> of the second book revision at n = 20 000 (unstructured, <see cref="TannerGraphBuilder"/>;
    /// m = ⌊(m_k·20 000 + 50 000)/100 000⌋ with m₁ = 5 000, m_{k+1} = m_k + ⌈m_k/50⌉): exercises the unstructured kernels.
    /// </summary>
    public static LdpcCode Unstructured(int codeId)
    {
        long m = 5000;
        for (int k = 1; k < codeId; k++)
        {
            m += (m + 49) / 50; // the second revision's 2 % step
        }

        int rows = (int)(((m * SmallBlockLength) + 50_000) / 100_000);
        return Build(SmallBlockLength, rows, LdpcCodeBook.SeedFor(codeId));
    }

    public static LdpcCode Build(int n, int m, ulong seed) =>
        new(7, TannerGraphBuilder.Build(n, m, ThirdRevisionDistribution(1 - ((double)m / n)), seed), "test", seed, 0.5);

    /// <summary>
    /// The third book revision's distribution for a rate (E50…E75, then D79…D91, nearest design rate, ties to the lower):
    /// keeps the unstructured test codes, whose shapes some kernel tests rely on, independent of later book revisions.
    /// </summary>
    private static DegreeDistribution ThirdRevisionDistribution(double rate) =>
        DistributionTable.All.Concat(DistributionTable.References)
            .Where(e => ThirdRevisionNames.Contains(e.Distribution.Name))
            .OrderBy(e => e.DesignRate)
            .MinBy(e => Math.Abs(e.DesignRate - rate)).Distribution;

    private static readonly string[] ThirdRevisionNames = ["E50", "E55", "E60", "E65", "E70", "E75", "D79", "D85", "D88", "D91"];

    public static byte[] RandomBits(int n, Random random)
    {
        var bits = new byte[(n + 7) / 8];
        random.NextBytes(bits);
        if ((n & 7) != 0)
        {
            bits[^1] &= (byte)((1 << (n & 7)) - 1);
        }

        return bits;
    }

    /// <summary>The sender's n bits through a binary symmetric channel: each flipped with probability <paramref name="qber"/>.</summary>
    public static byte[] ThroughBsc(byte[] sender, int n, double qber, Random random, out int flips)
    {
        byte[] noisy = (byte[])sender.Clone();
        flips = 0;
        for (int j = 0; j < n; j++)
        {
            if (random.NextDouble() < qber)
            {
                noisy[j >> 3] ^= (byte)(1 << (j & 7));
                flips++;
            }
        }

        return noisy;
    }

    public static bool Bit(ReadOnlySpan<byte> packed, int j) => ((packed[j >> 3] >> (j & 7)) & 1) != 0;
}
