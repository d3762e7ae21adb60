using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using JinanOnboard.Ldpc.Construction;
using JinanOnboard.Ldpc.Decoding;

namespace JinanOnboard.Ldpc;

/// <summary>
/// Syndrome-aware layered (row-by-row, "turbo decoding message passing", Mansour &amp; Shanbhag 2003)
/// belief-propagation decoder over a binary symmetric channel. The check update is exact sum-product in the
/// φ form with φ read from a log-spaced table (<see cref="PhiTable"/>), or, for quasi-cyclic codes, 16 rows at a time
/// with an interpolated φ held in registers (<see cref="LiftedLayeredSweep"/>); see protocol-spec/ldpc-codes.md §7.
/// One instance per thread: it owns every scratch buffer (the padded row layout it reads is shared and
/// read-only), so <see cref="Decode"/> allocates nothing.
/// </summary>
public sealed class LdpcDecoder
{
    /// <summary>Default iteration cap: layered BP converges about twice as fast as flooding; frames
    /// that are going to converge do so well within this (measured, see the spec).</summary>
    public const int DefaultMaxIterations = 100;

    /// <summary>Normalisation factor of <see cref="LdpcCheckRule.NormalizedMinSum"/> (Chen &amp; Fossorier 2002 range 0.7–0.9).</summary>
    public const float MinSumScale = 0.8f;

    private const uint SignMask = 0x8000_0000u;

    private readonly LdpcCode _code;
    private readonly int _maxIterations;
    private readonly LdpcCheckRule _rule;
    private readonly float[] _posterior;
    private readonly float[] _checkToVariable;
    private readonly byte[] _syndromeBits;
    private readonly float[] _rowInput;
    private readonly float[] _rowPhi;
    private readonly float[] _rowOutput;
    private PaddedRows? _paddedRows;
    private readonly uint[] _groupParity;
    private readonly float[] _groupPhiSum;
    private readonly LiftedStructure? _lifting;
    private readonly uint[] _syndromeSigns;
    private readonly float[] _liftedInput;
    private readonly float[] _liftedPhi;
    private int _firstFailingBaseRow;

    /// <summary>Creates a decoder for one code.</summary>
    /// <param name="code">The code the syndromes were computed with.</param>
    /// <param name="maxIterations">Layered iterations before giving up (failure is reported, never hidden).</param>
    /// <param name="rule">Check-node rule; belief propagation unless comparing.</param>
    public LdpcDecoder(LdpcCode code, int maxIterations = DefaultMaxIterations, LdpcCheckRule rule = LdpcCheckRule.BeliefPropagation)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1);
        _code = code;
        _maxIterations = maxIterations;
        _rule = rule;
        // One slot past n: the neutral posterior that the padding lanes of the φ-table kernel's padded rows read.
        _posterior = new float[code.BlockLength + 1];

        // Shared by all kernels: the table kernel indexes it by padded edge, the others by CSR edge. The padded layout
        // itself is built only if the table kernel runs (quasi-cyclic codes use the lifted kernel), but its sizes are known.
        (int paddedEdges, int padded) = PaddedRows.Sizes(code.Matrix);
        _checkToVariable = new float[Math.Max(code.EdgeCount, paddedEdges)];
        _syndromeBits = new byte[code.SyndromeLength];
        // A group's worth of rows: the table kernel updates disjoint consecutive rows together.
        _rowInput = new float[PaddedRows.MaxGroup * padded];
        _rowPhi = new float[PaddedRows.MaxGroup * padded];
        _rowOutput = new float[PaddedRows.MaxGroup * padded];
        _groupParity = new uint[PaddedRows.MaxGroup];
        _groupPhiSum = new float[PaddedRows.MaxGroup];

        // Quasi-cyclic codes: the syndrome bits as sign masks (16 rows per load) and 16 lanes of scratch per base edge of the longest base row.
        _lifting = code.Matrix.Lifting;
        int liftedScratch = _lifting is null ? 0 : MaxBaseRowDegree(_lifting) * LiftedStructure.Z;
        _syndromeSigns = new uint[_lifting is null ? 0 : code.SyndromeLength];
        _liftedInput = new float[liftedScratch];
        _liftedPhi = new float[liftedScratch];
        Kernel = DefaultKernel;
    }

    /// <summary>
    /// A satisfied row whose inputs all have |t| ≥ this LLR is not updated (0 disables). Default
    /// <see cref="DefaultConfidentRowSkip"/>; measured in protocol-spec/ldpc-codes.md §7.
    /// </summary>
    internal float ConfidentRowSkip { get; set; } = DefaultConfidentRowSkip;

    /// <summary>
    /// Skip threshold (LLR 6 ≈ error probability 2.5e−3 per input, and the row must also be satisfied).
    /// Measured: same failures as no skipping on 100-frame sets at 1, 2, 3 % and 40 frames at 11 %, and
    /// ~1.4–1.8× the throughput (spec §7).
    /// </summary>
    internal const float DefaultConfidentRowSkip = 6f;

    /// <summary>Check-update kernel used by <see cref="LdpcCheckRule.BeliefPropagation"/> (benchmarks compare them in one run):
    /// <see cref="BeliefPropagationKernel.Lifted"/> by default when the code has a lifting, <see cref="BeliefPropagationKernel.PhiTable"/>
    /// otherwise; Lifted on a code without a lifting falls back to PhiTable.</summary>
    internal BeliefPropagationKernel Kernel { get; set; }

    private BeliefPropagationKernel DefaultKernel => _lifting is null ? BeliefPropagationKernel.PhiTable : BeliefPropagationKernel.Lifted;

    /// <summary>Implementation of <see cref="LiftedLayeredSweep"/> (tests force each and check they are bit-identical).</summary>
    internal LiftedPath LiftedPath { get; set; } = LiftedPath.Widest;

    /// <summary>The posteriors L_v after the last <see cref="Decode"/> or <see cref="RunOneSweep"/> (tests).</summary>
    internal ReadOnlySpan<float> Posteriors => _posterior.AsSpan(0, _code.BlockLength);

    /// <summary>Largest row group of <see cref="PhiTableSweep"/> (1 = row by row; tests check both give identical results).</summary>
    internal int GroupLimit { get; set; } = PaddedRows.MaxGroup;

    /// <summary>Comparison switch kept for the calibration tools: true selects the first (polynomial φ-form) kernel.</summary>
    internal bool UsePhiForm
    {
        get => Kernel == BeliefPropagationKernel.PhiPolynomial;
        set => Kernel = value ? BeliefPropagationKernel.PhiPolynomial : DefaultKernel;
    }

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
        int n = _code.BlockLength;
        int m = _code.SyndromeLength;
        int nBytes = (n + 7) / 8;
        if (packedNoisyBits.Length < nBytes || packedCorrected.Length < nBytes)
        {
            throw new ArgumentException($"Noisy and corrected buffers need {nBytes} bytes for code {_code.CodeId}.");
        }

        if (packedSyndrome.Length < (m + 7) / 8)
        {
            throw new ArgumentException($"Syndrome needs {(m + 7) / 8} bytes for code {_code.CodeId}.", nameof(packedSyndrome));
        }

        if (!(channelQber > 0 && channelQber < 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(channelQber), channelQber, "QBER must be in (0, 0.5).");
        }

        // Channel LLR log(P(x=0|y)/P(x=1|y)) of a BSC: ±ln((1−p)/p).
        float channelLlr = (float)Math.Log((1 - channelQber) / channelQber);
        // −L is L with the sign bit flipped: set it from the bit without a data-dependent branch (half the bits are ones).
        uint channelLlrBits = BitConverter.SingleToUInt32Bits(channelLlr);
        for (int v = 0; v < n; v++)
        {
            uint bit = (uint)(packedNoisyBits[v >> 3] >> (v & 7)) & 1;
            _posterior[v] = BitConverter.UInt32BitsToSingle(channelLlrBits ^ (bit << 31));
        }

        for (int c = 0; c < m; c++)
        {
            _syndromeBits[c] = (byte)((packedSyndrome[c >> 3] >> (c & 7)) & 1);
        }

        for (int c = 0; c < _syndromeSigns.Length; c++)
        {
            _syndromeSigns[c] = (uint)_syndromeBits[c] << 31;
        }

        _posterior[n] = PhiTable.NeutralArgument;
        _firstFailingBaseRow = 0;

        // The lifted kernel uses the first EdgeCount messages; the padded table kernel may use more.
        Array.Clear(_checkToVariable, 0, Kernel == BeliefPropagationKernel.Lifted && _lifting is not null ? _code.EdgeCount : _checkToVariable.Length);
        bool converged = HardDecisionSatisfiesSyndrome();
        int iterations = 0;
        while (!converged && iterations < _maxIterations)
        {
            RunOneSweep();
            iterations++;
            converged = HardDecisionSatisfiesSyndrome();
        }

        int corrected = WriteHardDecision(packedNoisyBits, packedCorrected);
        return new LdpcDecodeResult(converged, iterations, corrected);
    }

    /// <summary>
    /// One layered sweep of the selected rule and kernel on the current state (Decode's loop body; benchmarks time it
    /// on its own after a <see cref="Decode"/> has set the posteriors and messages).
    /// </summary>
    internal void RunOneSweep()
    {
        if (_rule != LdpcCheckRule.BeliefPropagation)
        {
            MinSumSweep();
        }
        else if (Kernel == BeliefPropagationKernel.Lifted && _lifting is not null)
        {
            LiftedLayeredSweep.Run(_lifting, _posterior, _checkToVariable, _syndromeSigns, _liftedInput, _liftedPhi, ConfidentRowSkip, LiftedPath);
        }
        else if (Kernel is BeliefPropagationKernel.PhiTable or BeliefPropagationKernel.Lifted)
        {
            PhiTableSweep();
        }
        else if (Kernel == BeliefPropagationKernel.TanhPolynomial)
        {
            BeliefPropagationSweep();
        }
        else
        {
            PhiSweep();
        }
    }

    /// <summary>Lifted codes check 16 rows per base row through the structure; others through the CSR.</summary>
    private bool HardDecisionSatisfiesSyndrome() =>
        _lifting is null ? SyndromeMatches() : LiftedLayeredSweep.SyndromeMatches(_lifting, _posterior, _syndromeSigns, LiftedPath, ref _firstFailingBaseRow);

    /// <summary>The lifted syndrome check on the current posteriors (tests compare it with <see cref="SyndromeMatches"/>).</summary>
    internal bool LiftedSyndromeMatches() =>
        _lifting is not null && LiftedLayeredSweep.SyndromeMatches(_lifting, _posterior, _syndromeSigns, LiftedPath, ref _firstFailingBaseRow);

    private static int MaxBaseRowDegree(LiftedStructure lifting)
    {
        int max = 0;
        for (int r = 0; r < lifting.BaseRows; r++)
        {
            max = Math.Max(max, lifting.RowStart[r + 1] - lifting.RowStart[r]);
        }

        return max;
    }

    /// <summary>
    /// One layered sweep with the <see cref="PhiTableRow"/> update. Two consecutive rows that share no column
    /// (<see cref="PaddedRows.GroupLength"/>) are updated together: gathered, forwarded and output in one loop each
    /// (<see cref="PhiTableRow.GatherPair"/> etc.), then scattered. The result is exactly that of updating them one after
    /// the other (no input of the second is an output of the first), but the two dependency chains (posterior loads,
    /// φ look-ups, the row sum) interleave instead of each row waiting for the previous one: measured 0.74–0.81 of the
    /// row-by-row time. Other rows (and pairs of unequal padded length) take the step-by-step group loop below.
    /// </summary>
    private unsafe void PhiTableSweep()
    {
        PaddedRows rows = _paddedRows ??= PaddedRows.For(_code.Matrix);
        int m = _code.SyndromeLength;
        int stride = rows.PaddedMaxDegree;
        int groupLimit = GroupLimit;
        ref int rowStart = ref MemoryMarshal.GetArrayDataReference(rows.RowStart);
        ref int columns = ref MemoryMarshal.GetArrayDataReference(rows.Columns);
        ref int degrees = ref MemoryMarshal.GetArrayDataReference(rows.Degree);
        ref byte groupLength = ref MemoryMarshal.GetArrayDataReference(rows.GroupLength);
        ref float posterior = ref MemoryMarshal.GetArrayDataReference(_posterior);
        ref float messages = ref MemoryMarshal.GetArrayDataReference(_checkToVariable);
        ref byte syndrome = ref MemoryMarshal.GetArrayDataReference(_syndromeBits);
        ref float input = ref MemoryMarshal.GetArrayDataReference(_rowInput);
        ref float phi = ref MemoryMarshal.GetArrayDataReference(_rowPhi);
        ref float updated = ref MemoryMarshal.GetArrayDataReference(_rowOutput);
        ref uint parity = ref MemoryMarshal.GetArrayDataReference(_groupParity);
        ref float phiSum = ref MemoryMarshal.GetArrayDataReference(_groupPhiSum);
        Vector256<float> skip = Vector256.Create(ConfidentRowSkip > 0 ? ConfidentRowSkip : float.PositiveInfinity);

        fixed (float* table = PhiTable.Values)
        {
            for (int c = 0; c < m;)
            {
                int group = Math.Min(Unsafe.Add(ref groupLength, c), groupLimit);
                if (group == 2 && Unsafe.Add(ref rowStart, c + 1) - Unsafe.Add(ref rowStart, c) == Unsafe.Add(ref rowStart, c + 2) - Unsafe.Add(ref rowStart, c + 1))
                {
                    int startA = Unsafe.Add(ref rowStart, c);
                    int startB = Unsafe.Add(ref rowStart, c + 1);
                    int padded = startB - startA;
                    ref float inputB = ref Unsafe.Add(ref input, stride);
                    ref float phiB = ref Unsafe.Add(ref phi, stride);
                    ref float updatedB = ref Unsafe.Add(ref updated, stride);
                    PhiTableRow.GatherPair(ref posterior, ref Unsafe.Add(ref columns, startA), ref Unsafe.Add(ref columns, startB), padded, ref input, ref inputB);
                    PhiTableRow.ForwardPair(
                        ref Unsafe.Add(ref messages, startA), ref Unsafe.Add(ref messages, startB), padded, ref input, ref inputB, ref phi, ref phiB, table,
                        out uint parityA, out uint parityB, out float sumA, out float sumB, out Vector256<float> smallestA, out Vector256<float> smallestB);
                    parityA ^= (uint)Unsafe.Add(ref syndrome, c) << 31;
                    parityB ^= (uint)Unsafe.Add(ref syndrome, c + 1) << 31;
                    bool updateA = parityA != 0 || !Vector256.GreaterThanOrEqualAll(smallestA, skip);
                    bool updateB = parityB != 0 || !Vector256.GreaterThanOrEqualAll(smallestB, skip);
                    if (updateA && updateB)
                    {
                        PhiTableRow.OutputPair(
                            ref Unsafe.Add(ref messages, startA), ref Unsafe.Add(ref messages, startB), padded, ref input, ref inputB, ref phi, ref phiB,
                            ref updated, ref updatedB, sumA, sumB, parityA, parityB, table);
                    }
                    else if (updateA)
                    {
                        PhiTableRow.Output(ref Unsafe.Add(ref messages, startA), padded, ref input, ref phi, ref updated, sumA, parityA, table);
                    }
                    else if (updateB)
                    {
                        PhiTableRow.Output(ref Unsafe.Add(ref messages, startB), padded, ref inputB, ref phiB, ref updatedB, sumB, parityB, table);
                    }

                    if (updateA)
                    {
                        PhiTableRow.Scatter(ref posterior, ref Unsafe.Add(ref columns, startA), Unsafe.Add(ref degrees, c), ref updated);
                    }

                    if (updateB)
                    {
                        PhiTableRow.Scatter(ref posterior, ref Unsafe.Add(ref columns, startB), Unsafe.Add(ref degrees, c + 1), ref updatedB);
                    }

                    c += 2;
                    continue;
                }

                for (int j = 0; j < group; j++)
                {
                    int start = Unsafe.Add(ref rowStart, c + j);
                    int padded = Unsafe.Add(ref rowStart, c + j + 1) - start;
                    PhiTableRow.Gather(ref posterior, ref Unsafe.Add(ref columns, start), padded, ref Unsafe.Add(ref input, j * stride));
                }

                for (int j = 0; j < group; j++)
                {
                    int start = Unsafe.Add(ref rowStart, c + j);
                    int padded = Unsafe.Add(ref rowStart, c + j + 1) - start;
                    uint signs = PhiTableRow.Forward(
                        ref Unsafe.Add(ref messages, start), padded, ref Unsafe.Add(ref input, j * stride), ref Unsafe.Add(ref phi, j * stride), table, out float sum, out Vector256<float> smallest);
                    signs ^= (uint)Unsafe.Add(ref syndrome, c + j) << 31;

                    // A satisfied row whose inputs are all confident is skipped (see BeliefPropagationSweep): marked by a NaN sum.
                    bool confident = signs == 0 && Vector256.GreaterThanOrEqualAll(smallest, skip);
                    Unsafe.Add(ref parity, j) = signs;
                    Unsafe.Add(ref phiSum, j) = confident ? float.NaN : sum;
                }

                for (int j = 0; j < group; j++)
                {
                    float sum = Unsafe.Add(ref phiSum, j);
                    if (!float.IsNaN(sum))
                    {
                        int start = Unsafe.Add(ref rowStart, c + j);
                        int padded = Unsafe.Add(ref rowStart, c + j + 1) - start;
                        PhiTableRow.Output(
                            ref Unsafe.Add(ref messages, start), padded, ref Unsafe.Add(ref input, j * stride), ref Unsafe.Add(ref phi, j * stride),
                            ref Unsafe.Add(ref updated, j * stride), sum, Unsafe.Add(ref parity, j), table);
                    }
                }

                for (int j = 0; j < group; j++)
                {
                    if (!float.IsNaN(Unsafe.Add(ref phiSum, j)))
                    {
                        PhiTableRow.Scatter(ref posterior, ref Unsafe.Add(ref columns, Unsafe.Add(ref rowStart, c + j)), Unsafe.Add(ref degrees, c + j), ref Unsafe.Add(ref updated, j * stride));
                    }
                }

                c += group;
            }
        }
    }

    /// <summary>
    /// One layered sweep of sum-product in the tanh domain (<see cref="BoxPlusKernel"/>): per row, gather
    /// t_k = L_v − r_{c,v}, T_k = tanh(|t_k|/2) 8 lanes at a time, the row product P and sign parity, then
    /// r_k = sign · ln((T_k + P)/(T_k − P)) and L_v = t_k + r_k. No bounds checks in the hot loops
    /// (the CSR arrays come from the builder and are in range by construction; nothing user-supplied is indexed).
    /// </summary>
    private void BeliefPropagationSweep()
    {
        int m = _code.SyndromeLength;
        ref int rowStart = ref MemoryMarshal.GetArrayDataReference(_code.Matrix.RowStart);
        ref int columns = ref MemoryMarshal.GetArrayDataReference(_code.Matrix.RowColumns);
        ref float posterior = ref MemoryMarshal.GetArrayDataReference(_posterior);
        ref float messages = ref MemoryMarshal.GetArrayDataReference(_checkToVariable);
        ref byte syndrome = ref MemoryMarshal.GetArrayDataReference(_syndromeBits);
        ref float input = ref MemoryMarshal.GetArrayDataReference(_rowInput);
        ref float halfTanh = ref MemoryMarshal.GetArrayDataReference(_rowPhi);
        ref float output = ref MemoryMarshal.GetArrayDataReference(_rowOutput);
        const int Lanes = 8; // Vector256<float>.Count
        Vector256<uint> mask = Vector256.Create(SignMask);
        Vector256<float> skip = Vector256.Create(ConfidentRowSkip > 0 ? ConfidentRowSkip : float.PositiveInfinity);

        for (int c = 0; c < m; c++)
        {
            int start = Unsafe.Add(ref rowStart, c);
            int degree = Unsafe.Add(ref rowStart, c + 1) - start;
            ref int rowColumns = ref Unsafe.Add(ref columns, start);
            ref float rowMessages = ref Unsafe.Add(ref messages, start);
            for (int k = 0; k < degree; k++)
            {
                Unsafe.Add(ref input, k) = Unsafe.Add(ref posterior, Unsafe.Add(ref rowColumns, k)) - Unsafe.Add(ref rowMessages, k);
            }

            int padded = (degree + Lanes - 1) & ~(Lanes - 1);
            for (int k = degree; k < padded; k++)
            {
                Unsafe.Add(ref input, k) = BoxPlusKernel.MaxMagnitude; // T = 1, positive sign: a neutral lane
            }

            Vector256<uint> signs = Vector256<uint>.Zero;
            Vector256<float> smallest = Vector256.Create(BoxPlusKernel.MaxMagnitude);
            for (int k = 0; k < padded; k += Lanes)
            {
                Vector256<float> t = Vector256.LoadUnsafe(ref input, (nuint)k);
                signs ^= t.AsUInt32();
                smallest = Vector256.Min(smallest, Vector256.Abs(t));
            }

            Vector128<uint> s4 = signs.GetLower() ^ signs.GetUpper();
            uint signAll = ((uint)Unsafe.Add(ref syndrome, c) << 31) ^ s4.GetElement(0) ^ s4.GetElement(1) ^ s4.GetElement(2) ^ s4.GetElement(3);
            if ((signAll & SignMask) == 0 && Vector256.GreaterThanOrEqualAll(smallest, skip))
            {
                // Every input already agrees with the check at high confidence: the new messages would only
                // reinforce the posteriors, so the row is left as it is (forced convergence, Zimmermann &
                // Fettweis 2005). The syndrome test after the sweep still decides convergence.
                continue;
            }

            Vector256<float> product = Vector256<float>.One;
            for (int k = 0; k < padded; k += Lanes)
            {
                Vector256<float> tanh = BoxPlusKernel.HalfTanh(Vector256.Abs(Vector256.LoadUnsafe(ref input, (nuint)k)));
                tanh.StoreUnsafe(ref halfTanh, (nuint)k);
                product *= tanh;
            }

            Vector128<float> p4 = product.GetLower() * product.GetUpper();
            float p = p4.GetElement(0) * p4.GetElement(1) * p4.GetElement(2) * p4.GetElement(3);

            Vector256<float> total = Vector256.Create(p);
            Vector256<uint> sign = Vector256.Create(signAll & SignMask);
            for (int k = 0; k < padded; k += Lanes)
            {
                Vector256<float> magnitude = BoxPlusKernel.Magnitude(Vector256.LoadUnsafe(ref halfTanh, (nuint)k), total);
                Vector256<uint> outSign = (Vector256.LoadUnsafe(ref input, (nuint)k).AsUInt32() ^ sign) & mask;
                (magnitude.AsUInt32() | outSign).AsSingle().StoreUnsafe(ref output, (nuint)k);
            }

            for (int k = 0; k < degree; k++)
            {
                float r = Unsafe.Add(ref output, k);
                Unsafe.Add(ref rowMessages, k) = r;
                Unsafe.Add(ref posterior, Unsafe.Add(ref rowColumns, k)) = Unsafe.Add(ref input, k) + r;
            }
        }
    }

    private void PhiSweep()
    {
        int m = _code.SyndromeLength;
        int[] rowStart = _code.Matrix.RowStart;
        int[] columns = _code.Matrix.RowColumns;
        float[] posterior = _posterior;
        float[] messages = _checkToVariable;
        ref float input = ref MemoryMarshal.GetArrayDataReference(_rowInput);
        ref float phi = ref MemoryMarshal.GetArrayDataReference(_rowPhi);
        ref float output = ref MemoryMarshal.GetArrayDataReference(_rowOutput);
        int lanes = Vector256<float>.Count;

        for (int c = 0; c < m; c++)
        {
            int start = rowStart[c];
            int degree = rowStart[c + 1] - start;
            for (int k = 0; k < degree; k++)
            {
                _rowInput[k] = posterior[columns[start + k]] - messages[start + k];
            }

            int padded = (degree + lanes - 1) / lanes * lanes;
            for (int k = degree; k < padded; k++)
            {
                _rowInput[k] = PhiKernel.MaxArgument; // φ ≈ 0 and positive sign: a neutral lane
            }

            Vector256<float> sum = Vector256<float>.Zero;
            Vector256<uint> signs = Vector256<uint>.Zero;
            for (int k = 0; k < padded; k += lanes)
            {
                Vector256<float> t = Vector256.LoadUnsafe(ref input, (nuint)k);
                Vector256<float> p = PhiKernel.Phi(Vector256.Abs(t));
                p.StoreUnsafe(ref phi, (nuint)k);
                sum += p;
                signs ^= t.AsUInt32();
            }

            uint signAll = (uint)_syndromeBits[c] << 31;
            for (int i = 0; i < lanes; i++)
            {
                signAll ^= signs.GetElement(i);
            }

            Vector256<float> total = Vector256.Create(Vector256.Sum(sum));
            Vector256<uint> sign = Vector256.Create(signAll & SignMask);
            Vector256<uint> mask = Vector256.Create(SignMask);
            for (int k = 0; k < padded; k += lanes)
            {
                Vector256<float> magnitude = PhiKernel.Phi(total - Vector256.LoadUnsafe(ref phi, (nuint)k));
                Vector256<uint> outSign = (Vector256.LoadUnsafe(ref input, (nuint)k).AsUInt32() ^ sign) & mask;
                (magnitude.AsUInt32() | outSign).AsSingle().StoreUnsafe(ref output, (nuint)k);
            }

            for (int k = 0; k < degree; k++)
            {
                float r = _rowOutput[k];
                messages[start + k] = r;
                posterior[columns[start + k]] = _rowInput[k] + r;
            }
        }
    }

    private void MinSumSweep()
    {
        int m = _code.SyndromeLength;
        int[] rowStart = _code.Matrix.RowStart;
        int[] columns = _code.Matrix.RowColumns;
        float[] posterior = _posterior;
        float[] messages = _checkToVariable;
        for (int c = 0; c < m; c++)
        {
            int start = rowStart[c];
            int end = rowStart[c + 1];
            float min1 = float.MaxValue;
            float min2 = float.MaxValue;
            int minIndex = -1;
            uint signAll = (uint)_syndromeBits[c] << 31;
            for (int e = start; e < end; e++)
            {
                float t = posterior[columns[e]] - messages[e];
                _rowInput[e - start] = t;
                signAll ^= BitConverter.SingleToUInt32Bits(t);
                float a = MathF.Abs(t);
                if (a < min1)
                {
                    min2 = min1;
                    min1 = a;
                    minIndex = e;
                }
                else if (a < min2)
                {
                    min2 = a;
                }
            }

            for (int e = start; e < end; e++)
            {
                float t = _rowInput[e - start];
                float magnitude = MinSumScale * (e == minIndex ? min2 : min1);
                uint sign = (BitConverter.SingleToUInt32Bits(t) ^ signAll) & SignMask;
                float r = BitConverter.UInt32BitsToSingle(BitConverter.SingleToUInt32Bits(magnitude) | sign);
                messages[e] = r;
                posterior[columns[e]] = t + r;
            }
        }
    }

    /// <summary>True iff the hard decision of the posteriors satisfies every check (stops at the first failure).</summary>
    internal bool SyndromeMatches()
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

    private int WriteHardDecision(ReadOnlySpan<byte> packedNoisyBits, Span<byte> packedCorrected)
    {
        int n = _code.BlockLength;
        int nBytes = (n + 7) / 8;
        int flipped = 0;
        for (int b = 0; b < nBytes; b++)
        {
            int value = 0;
            int limit = Math.Min(8, n - (b << 3));
            for (int i = 0; i < limit; i++)
            {
                // Sign bit of the posterior is the hard decision (negative LLR ⇒ bit 1), matching SyndromeMatches.
                value |= (int)(BitConverter.SingleToUInt32Bits(_posterior[(b << 3) + i]) >> 31) << i;
            }

            packedCorrected[b] = (byte)value;
            int inputMask = limit == 8 ? 0xFF : (1 << limit) - 1;
            flipped += BitOperations.PopCount((uint)((value ^ packedNoisyBits[b]) & inputMask));
        }

        return flipped;
    }
}
