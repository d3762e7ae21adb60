using JinanOnboard.Ldpc.Construction;

namespace JinanOnboard.Ldpc;

/// <summary>
/// One binary LDPC code used for one-way syndrome reconciliation: the payload sends s = H·x,
/// the OGS decodes its noisy copy with <see cref="LdpcDecoder"/>. Immutable and thread-safe.
/// How each code of <see cref="LdpcCodeBook.Default"/> is generated is in protocol-spec/ldpc-codes.md.
/// </summary>
public sealed class LdpcCode
{
    internal LdpcCode(int codeId, ParityCheckMatrix matrix, string distributionName, ulong seed, double maxQber)
    {
        CodeId = codeId;
        Matrix = matrix;
        DistributionName = distributionName;
        Seed = seed;
        MaxQber = maxQber;
    }

    /// <summary>Small stable id carried on the wire next to the syndrome.</summary>
    public int CodeId { get; }

    /// <summary>n, the number of key bits per frame.</summary>
    public int BlockLength => Matrix.Columns;

    /// <summary>m, the number of syndrome bits disclosed per frame.</summary>
    public int SyndromeLength => Matrix.Rows;

    /// <summary>Design rate 1 − m/n.</summary>
    public double Rate => 1.0 - (double)SyndromeLength / BlockLength;

    /// <summary>Number of ones in H.</summary>
    public int EdgeCount => Matrix.EdgeCount;

    /// <summary>Largest QBER at which the code book selects this code (measured, with margin; see the spec).</summary>
    public double MaxQber { get; }

    /// <summary>Name of the degree distribution it was built from (spec table).</summary>
    public string DistributionName { get; }

    /// <summary>Construction seed (SplitMix64).</summary>
    public ulong Seed { get; }

    /// <summary>FNV-1a 64 of the parity-check structure, as specified; equal hashes mean identical H.</summary>
    public ulong StructureHash => _structureHash ??= Matrix.StructureHash();

    private ulong? _structureHash;

    internal ParityCheckMatrix Matrix { get; }

    /// <summary>
    /// s = H·x over GF(2). Bit j of a packed string b is (b[j&gt;&gt;3] &gt;&gt; (j&amp;7)) &amp; 1; bits of the
    /// last syndrome byte beyond m are written as zero.
    /// </summary>
    /// <param name="packedBits">At least ⌈n/8⌉ bytes; bits beyond n are ignored.</param>
    /// <param name="packedSyndrome">At least ⌈m/8⌉ bytes; only the first ⌈m/8⌉ are written.</param>
    public void ComputeSyndrome(ReadOnlySpan<byte> packedBits, Span<byte> packedSyndrome)
    {
        int n = BlockLength;
        int m = SyndromeLength;
        if (packedBits.Length < (n + 7) / 8)
        {
            throw new ArgumentException($"packedBits holds {packedBits.Length} bytes, code {CodeId} needs {(n + 7) / 8}.", nameof(packedBits));
        }

        if (packedSyndrome.Length < (m + 7) / 8)
        {
            throw new ArgumentException($"packedSyndrome holds {packedSyndrome.Length} bytes, code {CodeId} needs {(m + 7) / 8}.", nameof(packedSyndrome));
        }

        packedSyndrome[..((m + 7) / 8)].Clear();
        int[] rowStart = Matrix.RowStart;
        int[] columns = Matrix.RowColumns;
        for (int c = 0; c < m; c++)
        {
            int parity = 0;
            for (int e = rowStart[c]; e < rowStart[c + 1]; e++)
            {
                int j = columns[e];
                parity ^= packedBits[j >> 3] >> (j & 7);
            }

            packedSyndrome[c >> 3] |= (byte)((parity & 1) << (c & 7));
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"LDPC code {CodeId}: n={BlockLength} m={SyndromeLength} R={Rate:F4} ({DistributionName})");
}
