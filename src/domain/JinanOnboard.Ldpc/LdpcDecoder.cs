using JinanOnboard.Ldpc.Construction;
using JinanOnboard.Ldpc.Decoding;

namespace JinanOnboard.Ldpc;

/// <summary>
/// Syndrome-aware layered (row-by-row, "turbo decoding message passing", Mansour &amp; Shanbhag 2003)
/// belief-propagation decoder over a binary symmetric channel, for the quasi-cyclic codes of the code book: the check
/// update is exact sum-product in the φ form, 16 rows of a base row at a time, with an interpolated φ held in registers
/// (<see cref="LiftedLayeredSweep"/>, whose AVX-512, AVX2 and scalar paths give bit-identical results); see
/// protocol-spec/ldpc-codes.md §7. The other kernels of §7 (φ table, tanh, polynomial φ, min-sum) are comparisons and
/// live in bench/JinanOnboard.Ldpc.Comparison.
/// One instance per thread: it owns every scratch buffer (the code's structure is shared and read-only), so
/// <see cref="Decode"/> allocates nothing.
/// </summary>
public sealed class LdpcDecoder
{
    /// <summary>Default iteration cap: layered BP converges about twice as fast as flooding; frames
    /// that are going to converge do so well within this (measured, see the spec).</summary>
    public const int DefaultMaxIterations = 100;

    /// <summary>
    /// Skip threshold (LLR 6 ≈ error probability 2.5e−3 per input, and the row must also be satisfied).
    /// Measured: same failures as no skipping on 100-frame sets at 1, 2, 3 % and 40 frames at 11 %, and
    /// ~1.4–1.8× the throughput (spec §7).
    /// </summary>
    internal const float DefaultConfidentRowSkip = 6f;

    private readonly LdpcCode _code;
    private readonly int _maxIterations;
    private readonly LiftedStructure _lifting;
    private readonly float[] _posterior;
    private readonly float[] _checkToVariable;
    private readonly uint[] _syndromeSigns;
    private readonly float[] _liftedInput;
    private readonly float[] _liftedPhi;
    private int _firstFailingBaseRow;

    /// <summary>Creates a decoder for one code.</summary>
    /// <param name="code">The code the syndromes were computed with; it must be quasi-cyclic, as every code-book code is.</param>
    /// <param name="maxIterations">Layered iterations before giving up (failure is reported, never hidden).</param>
    /// <exception cref="ArgumentException">The code has no lifting (an unstructured H).</exception>
    public LdpcDecoder(LdpcCode code, int maxIterations = DefaultMaxIterations)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1);
        _lifting = code.Matrix.Lifting ?? throw new ArgumentException(
            $"LDPC code {code.CodeId} has no quasi-cyclic lifting; the decoder serves the code book's lifted codes.", nameof(code));
        _code = code;
        _maxIterations = maxIterations;
        _posterior = new float[code.BlockLength];
        _checkToVariable = new float[code.EdgeCount];

        // The syndrome bits as sign masks (16 rows per load) and 16 lanes of scratch per base edge of the longest base row.
        _syndromeSigns = new uint[code.SyndromeLength];
        int scratch = MaxBaseRowDegree(_lifting) * LiftedStructure.Z;
        _liftedInput = new float[scratch];
        _liftedPhi = new float[scratch];
    }

    /// <summary>
    /// A satisfied row whose inputs all have |t| ≥ this LLR is not updated (0 disables). Default
    /// <see cref="DefaultConfidentRowSkip"/>; measured in protocol-spec/ldpc-codes.md §7.
    /// </summary>
    internal float ConfidentRowSkip { get; set; } = DefaultConfidentRowSkip;

    /// <summary>Implementation of <see cref="LiftedLayeredSweep"/> (tests force each and check they are bit-identical).</summary>
    internal LiftedPath LiftedPath { get; set; } = LiftedPath.Widest;

    /// <summary>The posteriors L_v after the last <see cref="Decode"/> or <see cref="RunOneSweep"/> (tests).</summary>
    internal ReadOnlySpan<float> Posteriors => _posterior;

    /// <summary>The code this decoder serves.</summary>
    public LdpcCode Code => _code;

    /// <summary>
    /// Finds x̂ with H·x̂ = s closest (in the BP sense) to the noisy bits y. <paramref name="packedCorrected"/>
    /// always receives the last hard decision; it is a valid reconciliation only when Converged is true,
    /// and Converged is true only when H·x̂ = s was verified on the output bits.
    /// </summary>
    /// <param name="packedNoisyBits">y, ⌈n/8⌉ bytes, LSB-first.</param>
    /// <param name="packedSyndrome">s = H·x from the other side, ⌈m/8⌉ bytes.</param>
    /// <param name="channelQber">BSC crossover probability used for the channel LLRs, in (0, 0.5).</param>
    /// <param name="packedCorrected">x̂, ⌈n/8⌉ bytes; padding bits beyond n are written as zero.</param>
    public LdpcDecodeResult Decode(ReadOnlySpan<byte> packedNoisyBits, ReadOnlySpan<byte> packedSyndrome, double channelQber, Span<byte> packedCorrected)
    {
        DecoderFrame.Validate(_code, packedNoisyBits.Length, packedSyndrome.Length, channelQber, packedCorrected.Length);
        DecoderFrame.LoadChannelLlrs(packedNoisyBits, channelQber, _posterior);
        for (int c = 0; c < _syndromeSigns.Length; c++)
        {
            _syndromeSigns[c] = (uint)((packedSyndrome[c >> 3] >> (c & 7)) & 1) << 31;
        }

        _firstFailingBaseRow = 0;
        Array.Clear(_checkToVariable);
        bool converged = SyndromeMatches();
        int iterations = 0;
        while (!converged && iterations < _maxIterations)
        {
            RunOneSweep();
            iterations++;
            converged = SyndromeMatches();
        }

        int corrected = DecoderFrame.WriteHardDecision(_posterior, packedNoisyBits, packedCorrected);
        return new LdpcDecodeResult(converged, iterations, corrected);
    }

    /// <summary>
    /// One layered sweep on the current state (Decode's loop body; benchmarks time it on its own after a
    /// <see cref="Decode"/> has set the posteriors and messages).
    /// </summary>
    internal void RunOneSweep() =>
        LiftedLayeredSweep.Run(_lifting, _posterior, _checkToVariable, _syndromeSigns, _liftedInput, _liftedPhi, ConfidentRowSkip, LiftedPath);

    /// <summary>True iff the hard decision of the current posteriors satisfies every check (tests compare it with an independent check).</summary>
    internal bool SyndromeMatches() =>
        LiftedLayeredSweep.SyndromeMatches(_lifting, _posterior, _syndromeSigns, LiftedPath, ref _firstFailingBaseRow);

    private static int MaxBaseRowDegree(LiftedStructure lifting)
    {
        int max = 0;
        for (int r = 0; r < lifting.BaseRows; r++)
        {
            max = Math.Max(max, lifting.RowStart[r + 1] - lifting.RowStart[r]);
        }

        return max;
    }
}
