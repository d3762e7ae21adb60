using JinanOnboard.Ldpc.Decoding;

namespace JinanOnboard.Ldpc.Comparison;

/// <summary>
/// Layered belief propagation with one of the comparison kernels (<see cref="ComparisonKernel"/>) over the expanded H, on any
/// code, lifted or not: the same frame steps as the production <see cref="LdpcDecoder"/> (<see cref="DecoderFrame"/>) and the
/// same loop (sweep, then a syndrome check of the hard decision), so a comparison differs in the check update only.
/// One instance per thread; <see cref="Decode"/> allocates nothing after the first call.
/// </summary>
internal sealed partial class ComparisonDecoder
{
    /// <summary>Normalisation factor of <see cref="ComparisonKernel.NormalizedMinSum"/> (Chen &amp; Fossorier 2002 range 0.7–0.9).</summary>
    public const float MinSumScale = 0.8f;

    private const uint SignMask = 0x8000_0000u;

    private readonly LdpcCode _code;
    private readonly int _maxIterations;
    private readonly ComparisonKernel _kernel;
    private readonly float[] _posterior;
    private readonly float[] _checkToVariable;
    private readonly byte[] _syndromeBits;
    private readonly float[] _rowInput;
    private readonly float[] _rowPhi;
    private readonly float[] _rowOutput;
    private readonly uint[] _groupParity;
    private readonly float[] _groupPhiSum;
    private PaddedRows? _paddedRows;

    /// <summary>Creates a decoder for one code and kernel.</summary>
    public ComparisonDecoder(LdpcCode code, ComparisonKernel kernel, int maxIterations = LdpcDecoder.DefaultMaxIterations)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1);
        _code = code;
        _kernel = kernel;
        _maxIterations = maxIterations;

        // One slot past n: the neutral posterior that the padding lanes of the φ-table kernel's padded rows read.
        _posterior = new float[code.BlockLength + 1];

        // The table kernel indexes messages by padded edge, the others by CSR edge; the padded layout itself is built
        // only if the table kernel runs, but its sizes are known.
        (int paddedEdges, int padded) = PaddedRows.Sizes(code.Matrix);
        _checkToVariable = new float[Math.Max(code.EdgeCount, paddedEdges)];
        _syndromeBits = new byte[code.SyndromeLength];

        // A group's worth of rows: the table kernel updates disjoint consecutive rows together.
        _rowInput = new float[PaddedRows.MaxGroup * padded];
        _rowPhi = new float[PaddedRows.MaxGroup * padded];
        _rowOutput = new float[PaddedRows.MaxGroup * padded];
        _groupParity = new uint[PaddedRows.MaxGroup];
        _groupPhiSum = new float[PaddedRows.MaxGroup];
    }

    /// <summary>As <see cref="LdpcDecoder"/>'s: a satisfied row whose inputs all have |t| ≥ this LLR is not updated (0 disables; not min-sum).</summary>
    public float ConfidentRowSkip { get; set; } = LdpcDecoder.DefaultConfidentRowSkip;

    /// <summary>Largest row group of the φ-table kernel (1 = row by row; tests check both give identical results).</summary>
    public int GroupLimit { get; set; } = PaddedRows.MaxGroup;

    /// <summary>The posteriors L_v after the last <see cref="Decode"/> or <see cref="RunOneSweep"/>.</summary>
    public ReadOnlySpan<float> Posteriors => _posterior.AsSpan(0, _code.BlockLength);

    /// <summary>Same contract as <see cref="LdpcDecoder.Decode"/>.</summary>
    public LdpcDecodeResult Decode(ReadOnlySpan<byte> packedNoisyBits, ReadOnlySpan<byte> packedSyndrome, double channelQber, Span<byte> packedCorrected)
    {
        int n = _code.BlockLength;
        DecoderFrame.Validate(_code, packedNoisyBits.Length, packedSyndrome.Length, channelQber, packedCorrected.Length);
        DecoderFrame.LoadChannelLlrs(packedNoisyBits, channelQber, _posterior.AsSpan(0, n));
        for (int c = 0; c < _syndromeBits.Length; c++)
        {
            _syndromeBits[c] = (byte)((packedSyndrome[c >> 3] >> (c & 7)) & 1);
        }

        _posterior[n] = PhiTable.NeutralArgument;
        Array.Clear(_checkToVariable);
        bool converged = SyndromeMatches();
        int iterations = 0;
        while (!converged && iterations < _maxIterations)
        {
            RunOneSweep();
            iterations++;
            converged = SyndromeMatches();
        }

        int corrected = DecoderFrame.WriteHardDecision(_posterior.AsSpan(0, n), packedNoisyBits, packedCorrected);
        return new LdpcDecodeResult(converged, iterations, corrected);
    }

    /// <summary>One layered sweep of the kernel on the current state (benchmarks time it after a <see cref="Decode"/>).</summary>
    public void RunOneSweep()
    {
        switch (_kernel)
        {
            case ComparisonKernel.PhiTable:
                PhiTableSweep();
                break;
            case ComparisonKernel.TanhPolynomial:
                TanhSweep();
                break;
            case ComparisonKernel.PhiPolynomial:
                PhiSweep();
                break;
            default:
                MinSumSweep();
                break;
        }
    }

    /// <summary>True iff the hard decision of the posteriors satisfies every check of the CSR (stops at the first failure).</summary>
    private bool SyndromeMatches()
    {
        int m = _code.SyndromeLength;
        int[] rowStart = _code.Matrix.RowStart;
        int[] columns = _code.Matrix.RowColumns;
        float[] posterior = _posterior;
        for (int c = 0; c < m; c++)
        {
            uint parity = (uint)_syndromeBits[c] << 31;
            for (int e = rowStart[c]; e < rowStart[c + 1]; e++)
            {
                parity ^= BitConverter.SingleToUInt32Bits(posterior[columns[e]]);
            }

            if ((parity & SignMask) != 0)
            {
                return false;
            }
        }

        return true;
    }
}
