using System.Collections;
using System.Diagnostics.CodeAnalysis;
using JinanOnboard.Ldpc.Construction;
using JinanOnboard.Primitives.Information;

namespace JinanOnboard.Ldpc;

/// <summary>
/// The set of codes both sides agree on, indexed by a small wire id. Codes are described up front
/// (id, n, m, distribution, seed, QBER range) and their matrices built lazily on first use, so a
/// process pays only for the codes its QBERs need (~40 ms each for n = 100 000, more for the densest).
/// </summary>
/// <remarks>
/// A book keeps every code it built unless <see cref="LdpcCodeBookOptions.RetainedCodes"/> bounds it: a code of the
/// default book holds ~7 MB, and a pass whose QBER drifts uses ~26 of them, so the firmware keeps the few most recently
/// used (the rest stay reachable weakly and are rebuilt, or read from <see cref="LdpcCodeBookOptions.Cache"/>, if the
/// collector took them). A code is built once at a time; lookups of a retained code return the same instance.
/// </remarks>
public sealed class LdpcCodeBook
{
    /// <summary>Block length of the default book: one 100 kbit sifted packet.</summary>
    public const int DefaultBlockLength = 100_000;

    private static readonly Lazy<LdpcCodeBook> DefaultBook = new(() => CreateDefault(DefaultBlockLength));

    private readonly CodeDescriptor[] _descriptors;
    private readonly LdpcCodeBookOptions _options;
    private readonly LdpcCode?[] _retained;
    private readonly WeakReference<LdpcCode>?[] _released;
    private readonly object[] _building;
    private readonly List<int> _recentlyUsed = [];
    private readonly Lock _gate = new();

    private LdpcCodeBook(CodeDescriptor[] descriptors, LdpcCodeBookOptions options)
    {
        _descriptors = descriptors;
        _options = options;
        _retained = new LdpcCode?[descriptors.Length];
        _released = new WeakReference<LdpcCode>?[descriptors.Length];
        _building = new object[descriptors.Length];
        for (int i = 0; i < descriptors.Length; i++)
        {
            _building[i] = new object();
        }

        Codes = new LazyCodeList(this);
    }

    /// <summary>
    /// The default book (protocol-spec/ldpc-codes.md): n = 100 000, syndrome lengths from 5 000 up in
    /// steps of ⌈m/100⌉ (1 %) to the first m ≥ 60 000, so f never has to exceed the decoding gap by more than 1 %.
    /// </summary>
    public static LdpcCodeBook Default => DefaultBook.Value;

    /// <summary>All codes, ascending syndrome length. Indexing builds that code on first access.</summary>
    public IReadOnlyList<LdpcCode> Codes { get; }

    /// <summary>Number of codes, without building any.</summary>
    public int Count => _descriptors.Length;

    /// <summary>
    /// The code with the fewest syndrome bits whose <see cref="LdpcCode.MaxQber"/> (measured decoding limit
    /// with margin) is at least <paramref name="estimatedQber"/>; the largest code if none is.
    /// The caller adds its own allowance for the statistical error of the QBER estimate.
    /// </summary>
    public LdpcCode SelectForQber(double estimatedQber)
    {
        return CodeAt(SelectIndexForQber(estimatedQber));
    }

    /// <summary>The index of the code <see cref="SelectForQber"/> returns, without building it.</summary>
    public int SelectIndexForQber(double estimatedQber)
    {
        if (double.IsNaN(estimatedQber) || estimatedQber < 0 || estimatedQber >= 0.5)
        {
            throw new ArgumentOutOfRangeException(nameof(estimatedQber), estimatedQber, "QBER must be in [0, 0.5).");
        }

        for (int i = 0; i < _descriptors.Length; i++)
        {
            if (_descriptors[i].MaxQber >= estimatedQber)
            {
                return i;
            }
        }

        return _descriptors.Length - 1;
    }

    /// <summary>The QBER up to which <see cref="SelectForQber"/> picks the code with this index, without building it.</summary>
    public double MaxQberAt(int index) => _descriptors[index].MaxQber;

    /// <summary>Code id of the code at <paramref name="index"/>, without building it.</summary>
    public int CodeIdAt(int index) => _descriptors[index].CodeId;

    /// <summary>Syndrome length m of the code at <paramref name="index"/>, without building it.</summary>
    public int SyndromeLengthAt(int index) => _descriptors[index].Rows;

    /// <summary>The code with this wire id.</summary>
    /// <exception cref="KeyNotFoundException">No such id in this book.</exception>
    public LdpcCode GetById(int codeId) =>
        TryGetById(codeId, out LdpcCode? code) ? code : throw UnknownId(codeId);

    /// <summary>The code with this wire id, or false when the book has none (an id from the wire is not trusted to exist).</summary>
    public bool TryGetById(int codeId, [NotNullWhen(true)] out LdpcCode? code)
    {
        int index = TryIndexOf(codeId);
        code = index < 0 ? null : CodeAt(index);
        return code is not null;
    }

    /// <summary>The index of the code with this wire id, without building it.</summary>
    /// <exception cref="KeyNotFoundException">No such id in this book.</exception>
    public int IndexOf(int codeId) => TryIndexOf(codeId) is int index and >= 0 ? index : throw UnknownId(codeId);

    /// <summary>The index of the code with this wire id, or −1.</summary>
    public int TryIndexOf(int codeId)
    {
        for (int i = 0; i < _descriptors.Length; i++)
        {
            if (_descriptors[i].CodeId == codeId)
            {
                return i;
            }
        }

        return -1;
    }

    private KeyNotFoundException UnknownId(int codeId) =>
        new($"LDPC code id {codeId} is not in the code book ({_descriptors.Length} ids from {_descriptors[0].CodeId} to {_descriptors[^1].CodeId}).");

    /// <summary>True when <see cref="CreateDefault"/> can build a book for blocks of <paramref name="blockLength"/> bits.</summary>
    public static bool SupportsBlockLength(int blockLength) => blockLength >= MinBlockLength && blockLength % LiftedStructure.Z == 0;

    /// <summary>The code at <paramref name="index"/> (ascending syndrome length), built on first use.</summary>
    public LdpcCode CodeAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _descriptors.Length);
        if (TryTake(index) is { } code)
        {
            return code;
        }

        // One build per code at a time; other codes build concurrently.
        lock (_building[index])
        {
            if (TryTake(index) is { } built)
            {
                return built;
            }

            code = _descriptors[index].Build(_options.Cache);
            lock (_gate)
            {
                _released[index] = null;
                Retain(index, code);
            }

            return code;
        }
    }

    /// <summary>A retained code, or a released one the collector has not taken yet (then retained again); else null.</summary>
    private LdpcCode? TryTake(int index)
    {
        lock (_gate)
        {
            LdpcCode? code = _retained[index];
            if (code is null && _released[index] is { } weak && weak.TryGetTarget(out code))
            {
                _released[index] = null;
            }

            if (code is not null)
            {
                Retain(index, code);
            }

            return code;
        }
    }

    /// <summary>Marks a code most recently used; past the bound, the least recently used one becomes weakly held.</summary>
    private void Retain(int index, LdpcCode code)
    {
        _retained[index] = code;
        if (_options.RetainedCodes is not int bound)
        {
            return;
        }

        _recentlyUsed.Remove(index);
        _recentlyUsed.Add(index);
        if (_recentlyUsed.Count > bound)
        {
            int oldest = _recentlyUsed[0];
            _recentlyUsed.RemoveAt(0);
            _released[oldest] = new WeakReference<LdpcCode>(_retained[oldest]!);
            _retained[oldest] = null;
        }
    }

    /// <summary>
    /// Builds a book of the default layout for another block length (tests use small n; the wire uses 100 000).
    /// </summary>
    public static LdpcCodeBook CreateDefault(int blockLength) => CreateDefault(blockLength, null);

    /// <summary>A book of the default layout with retention and caching options (the firmware's).</summary>
    public static LdpcCodeBook CreateDefault(int blockLength, LdpcCodeBookOptions? options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockLength, MinBlockLength);
        if (blockLength % LiftedStructure.Z != 0)
        {
            throw new ArgumentException($"LDPC block length {blockLength} is not a multiple of the lifting size {LiftedStructure.Z}.", nameof(blockLength));
        }

        var descriptors = new List<CodeDescriptor>();
        int codeId = 1;
        long baseRows = FirstBaseRows;
        while (true)
        {
            // Scale the 100 000 layout; at least two base rows.
            long scaled = Math.Max(2, ((baseRows * blockLength) + (DefaultBlockLength / 2)) / DefaultBlockLength);
            int rows = (int)scaled * LiftedStructure.Z;
            double rate = 1.0 - ((double)rows / blockLength);
            DegreeDistribution distribution = DistributionTable.ForRate(rate);
            double maxQber = BinaryEntropy.Inverse((double)rows / blockLength / DecodingGap.ForRate(rate));

            // A shorter block can scale two neighbouring ids to the same m: the book keeps the first, so ids keep meaning
            // the same rate at every block length and syndrome lengths stay strictly ascending.
            if (descriptors.Count == 0 || descriptors[^1].Rows != rows)
            {
                descriptors.Add(new CodeDescriptor(codeId, blockLength, rows, distribution, SeedFor(codeId), maxQber));
            }

            if (baseRows * LiftedStructure.Z >= 60_000)
            {
                break;
            }

            baseRows = NextSyndromeLength(baseRows);
            codeId++;
        }

        options ??= new LdpcCodeBookOptions();
        if (options.RetainedCodes is int retained)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(retained, 1, nameof(options));
        }

        return new LdpcCodeBook([.. descriptors], options);
    }

    /// <summary>Shortest block a book is built for (tests use 2 000 and 20 000; the wire 100 000).</summary>
    private const int MinBlockLength = 1000;

    /// <summary>Base rows of code id 1 at n = 100 000: m = 313·16 = 5 008.</summary>
    internal const int FirstBaseRows = 313;

    /// <summary>
    /// Base rows of the next code id: m_b + ⌈m_b/100⌉ (integer arithmetic), a 1 % step. The selected code's f exceeds the
    /// decoding gap by up to one step, so the step is a direct efficiency loss (4 % in the first book, 2 % in the second and
    /// third). Codes are built lazily, so unused ids cost nothing; a pass whose QBER drifts does use more distinct codes
    /// (26 instead of 19–20 in the default pass, ≈ 40 ms to build each, on each side).
    /// </summary>
    internal static long NextSyndromeLength(long m) => m + ((m + 99) / 100);

    /// <summary>Construction seed of a code: the ASCII of "JINANLD" in the high bytes, the id in the low byte.</summary>
    internal static ulong SeedFor(int codeId) => 0x4A494E414E4C4400UL | (uint)codeId;

    private sealed record CodeDescriptor(int CodeId, int BlockLength, int Rows, DegreeDistribution Distribution, ulong Seed, double MaxQber)
    {
        public LdpcCode Build(LdpcCodeCache? cache)
        {
            ParityCheckMatrix matrix = cache is null
                ? LiftedGraphBuilder.Build(BlockLength, Rows, Distribution, Seed)
                : cache.GetOrBuild(BlockLength, Rows, Distribution, Seed, () => LiftedGraphBuilder.BuildStructure(BlockLength, Rows, Distribution, Seed)).Expand();
            return new(CodeId, matrix, Distribution.Name, Seed, MaxQber);
        }
    }

    private sealed class LazyCodeList(LdpcCodeBook book) : IReadOnlyList<LdpcCode>
    {
        public LdpcCode this[int index] => book.CodeAt(index);

        public int Count => book.Count;

        public IEnumerator<LdpcCode> GetEnumerator()
        {
            for (int i = 0; i < book.Count; i++)
            {
                yield return book.CodeAt(i);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
