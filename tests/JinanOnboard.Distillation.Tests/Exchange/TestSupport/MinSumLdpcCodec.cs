using JinanOnboard.Distillation.Exchange;

namespace JinanOnboard.Distillation.Tests.Exchange.TestSupport;

/// <summary>
/// An honest reconciliation codec for tests: a regular column-weight-3 LDPC code built from a seeded
/// socket permutation, decoded by normalised min-sum belief propagation using only the noisy word and the syndrome.
/// Code id = syndrome length in per-mille of the packet length. It really corrects errors (at low QBER);
/// it never sees the other side's key.
/// </summary>
internal sealed class MinSumLdpcCodec : IReconciliationCodec
{
    private const int ColumnWeight = 3;
    private readonly Dictionary<(int CodeId, int PacketBits), int[][]> _codes = [];

    /// <summary>Code ids offered, by increasing redundancy.</summary>
    public static readonly int[] CodeIds = [150, 200, 250, 300, 400, 500];

    public ReconciliationCodeChoice SelectCode(double qber, int packetBits)
    {
        // Empirical thresholds of this decoder (see MinSumLdpcCodecTests), with margin.
        int codeId = qber switch
        {
            <= 0.006 => 150,
            <= 0.010 => 200,
            <= 0.015 => 250,
            <= 0.020 => 300,
            <= 0.025 => 400,
            _ => 500,
        };
        return new ReconciliationCodeChoice(codeId, SyndromeBits(codeId, packetBits));
    }

    public int GetSyndromeBits(int codeId, int packetBits) =>
        Array.IndexOf(CodeIds, codeId) < 0 ? -1 : SyndromeBits(codeId, packetBits);

    public void ComputeSyndrome(int codeId, int packetBits, ReadOnlySpan<byte> packedBits, Span<byte> packedSyndrome)
    {
        int[][] bitChecks = Code(codeId, packetBits);
        packedSyndrome.Clear();
        for (int j = 0; j < packetBits; j++)
        {
            if (((packedBits[j >> 3] >> (j & 7)) & 1) != 0)
            {
                foreach (int c in bitChecks[j])
                {
                    packedSyndrome[c >> 3] ^= (byte)(1 << (c & 7));
                }
            }
        }
    }

    public bool TryDecode(int codeId, int packetBits, ReadOnlySpan<byte> packedNoisy, ReadOnlySpan<byte> packedSyndrome, double qber, Span<byte> packedCorrected)
    {
        // Normalised min-sum belief propagation on the syndrome-shifted Tanner graph: a check whose
        // syndrome bit is 1 flips the sign of its messages.
        int[][] bitChecks = Code(codeId, packetBits);
        int checks = SyndromeBits(codeId, packetBits);
        int edges = packetBits * ColumnWeight;
        int[] checkStart = new int[checks + 1];
        foreach (int[] column in bitChecks)
        {
            foreach (int c in column)
            {
                checkStart[c + 1]++;
            }
        }

        for (int c = 0; c < checks; c++)
        {
            checkStart[c + 1] += checkStart[c];
        }

        int[] checkEdges = new int[edges];
        int[] fill = (int[])checkStart.Clone();
        for (int j = 0; j < packetBits; j++)
        {
            for (int k = 0; k < ColumnWeight; k++)
            {
                checkEdges[fill[bitChecks[j][k]]++] = (ColumnWeight * j) + k;
            }
        }

        double channel = Math.Log((1 - qber) / qber);
        var prior = new float[packetBits];
        for (int j = 0; j < packetBits; j++)
        {
            prior[j] = (float)(((packedNoisy[j >> 3] >> (j & 7)) & 1) == 0 ? channel : -channel);
        }

        var bitToCheck = new float[edges];
        var checkToBit = new float[edges];
        for (int e = 0; e < edges; e++)
        {
            bitToCheck[e] = prior[e / ColumnWeight];
        }

        var decision = new byte[packetBits];
        for (int iteration = 0; iteration < 60; iteration++)
        {
            for (int c = 0; c < checks; c++)
            {
                bool negative = ((packedSyndrome[c >> 3] >> (c & 7)) & 1) != 0;
                float min1 = float.MaxValue;
                float min2 = float.MaxValue;
                int minEdge = -1;
                for (int i = checkStart[c]; i < checkStart[c + 1]; i++)
                {
                    float v = bitToCheck[checkEdges[i]];
                    negative ^= v < 0;
                    float a = Math.Abs(v);
                    if (a < min1)
                    {
                        min2 = min1;
                        min1 = a;
                        minEdge = checkEdges[i];
                    }
                    else if (a < min2)
                    {
                        min2 = a;
                    }
                }

                for (int i = checkStart[c]; i < checkStart[c + 1]; i++)
                {
                    int e = checkEdges[i];
                    bool sign = negative ^ (bitToCheck[e] < 0);
                    float magnitude = 0.8f * (e == minEdge ? min2 : min1);
                    checkToBit[e] = sign ? -magnitude : magnitude;
                }
            }

            for (int j = 0; j < packetBits; j++)
            {
                int e0 = ColumnWeight * j;
                float total = prior[j] + checkToBit[e0] + checkToBit[e0 + 1] + checkToBit[e0 + 2];
                bitToCheck[e0] = total - checkToBit[e0];
                bitToCheck[e0 + 1] = total - checkToBit[e0 + 1];
                bitToCheck[e0 + 2] = total - checkToBit[e0 + 2];
                decision[j] = total < 0 ? (byte)1 : (byte)0;
            }

            packedCorrected.Clear();
            for (int j = 0; j < packetBits; j++)
            {
                packedCorrected[j >> 3] |= (byte)(decision[j] << (j & 7));
            }

            var own = new byte[(checks + 7) / 8];
            ComputeSyndrome(codeId, packetBits, packedCorrected, own);
            if (own.AsSpan().SequenceEqual(packedSyndrome[..own.Length]))
            {
                return true;
            }
        }

        return false;
    }

    private static int SyndromeBits(int codeId, int packetBits) => (int)((long)packetBits * codeId / 1000);

    private int[][] Code(int codeId, int packetBits)
    {
        if (_codes.TryGetValue((codeId, packetBits), out int[][]? code))
        {
            return code;
        }

        int checks = SyndromeBits(codeId, packetBits);
        var sockets = new int[packetBits * ColumnWeight];
        for (int s = 0; s < sockets.Length; s++)
        {
            sockets[s] = s % checks;
        }

        var random = new Random(codeId * 7919 + packetBits);
        random.Shuffle(sockets);
        code = new int[packetBits][];
        for (int j = 0; j < packetBits; j++)
        {
            // Repair a repeated check within a column by swapping with a random other socket.
            for (int attempt = 0; attempt < 100; attempt++)
            {
                int a = sockets[3 * j];
                int b = sockets[(3 * j) + 1];
                int c = sockets[(3 * j) + 2];
                if (a != b && b != c && a != c)
                {
                    break;
                }

                int local = (3 * j) + (a == b ? 1 : 2);
                int other = random.Next(sockets.Length);
                (sockets[local], sockets[other]) = (sockets[other], sockets[local]);
            }

            code[j] = [sockets[3 * j], sockets[(3 * j) + 1], sockets[(3 * j) + 2]];
        }

        _codes[(codeId, packetBits)] = code;
        return code;
    }
}
