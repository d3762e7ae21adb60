using System.Collections.Concurrent;
using JinanOnboard.Distillation.Exchange;
using JinanOnboard.Ldpc;

namespace JinanOnboard.Runtime.Distillation;

/// <summary>
/// One-way LDPC reconciliation behind the distillers' codec interface: the payload computes
/// syndromes, the OGS decodes (system.md step 3–4). One code book per packet length, keeping the few
/// codes last used and sharing built codes through the on-disk cache (<see cref="LdpcCodeCache.FromEnvironment"/>);
/// decoders own their scratch buffers, so each decode takes one from a small pool.
/// </summary>
/// <remarks>Memory stays flat over a pass: ~7 MB a code and ~4 MB a decoder, and a drifting QBER walks through ~26 codes.</remarks>
public sealed class LdpcReconciliationCodec : IReconciliationCodec
{
    private const int RetainedCodes = 3;
    private const int IdleDecoders = 2;

    private readonly ConcurrentDictionary<int, LdpcCodeBook> _books = new();
    private readonly LdpcCodeBookOptions _bookOptions;
    private readonly List<LdpcDecoder> _idle = [];

    public LdpcReconciliationCodec()
        : this(new LdpcCodeBookOptions { RetainedCodes = RetainedCodes, Cache = LdpcCodeCache.FromEnvironment() })
    {
    }

    public LdpcReconciliationCodec(LdpcCodeBookOptions bookOptions) => _bookOptions = bookOptions;

    private long _decodeTicks;
    private long _decodes;

    /// <summary>Wall time spent decoding so far, seconds (for the bench report).</summary>
    public double DecodeSeconds => System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _decodeTicks)).TotalSeconds;

    /// <summary>Packets decoded so far.</summary>
    public long Decodes => Interlocked.Read(ref _decodes);

    /// <summary>Margin and clamping are the distillers' <see cref="ReconciliationPolicy"/>: the QBER arrives ready to use.</summary>
    public ReconciliationCodeChoice SelectCode(double qber, int packetBits)
    {
        LdpcCodeBook book = Book(packetBits);
        int index = book.SelectIndexForQber(qber);
        return new ReconciliationCodeChoice(book.CodeIdAt(index), book.SyndromeLengthAt(index));
    }

    /// <summary>−1, never an exception, for an id the book of that packet length lacks (or a length no book is built for); builds no code.</summary>
    public int GetSyndromeBits(int codeId, int packetBits)
    {
        if (!LdpcCodeBook.SupportsBlockLength(packetBits))
        {
            return -1;
        }

        LdpcCodeBook book = Book(packetBits);
        return book.TryIndexOf(codeId) is int index and >= 0 ? book.SyndromeLengthAt(index) : -1;
    }

    public void ComputeSyndrome(int codeId, int packetBits, ReadOnlySpan<byte> packedBits, Span<byte> packedSyndrome) =>
        Code(codeId, packetBits).ComputeSyndrome(packedBits, packedSyndrome);

    public bool TryDecode(int codeId, int packetBits, ReadOnlySpan<byte> packedNoisy, ReadOnlySpan<byte> packedSyndrome, double qber, Span<byte> packedCorrected)
    {
        LdpcCode code = Code(codeId, packetBits);
        LdpcDecoder decoder = TakeDecoder(code);
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        bool converged = decoder.Decode(packedNoisy, packedSyndrome, qber, packedCorrected).Converged;
        Interlocked.Add(ref _decodeTicks, System.Diagnostics.Stopwatch.GetTimestamp() - started);
        Interlocked.Increment(ref _decodes);
        ReturnDecoder(decoder);
        return converged;
    }

    private LdpcDecoder TakeDecoder(LdpcCode code)
    {
        lock (_idle)
        {
            int at = _idle.FindIndex(d => d.Code == code);
            if (at >= 0)
            {
                LdpcDecoder idle = _idle[at];
                _idle.RemoveAt(at);
                return idle;
            }
        }

        return new LdpcDecoder(code);
    }

    private void ReturnDecoder(LdpcDecoder decoder)
    {
        lock (_idle)
        {
            _idle.Add(decoder);
            if (_idle.Count > IdleDecoders)
            {
                _idle.RemoveAt(0); // the least recently used
            }
        }
    }

    private LdpcCodeBook Book(int packetBits) => _books.GetOrAdd(packetBits, n => LdpcCodeBook.CreateDefault(n, _bookOptions));

    private static int IndexOf(LdpcCodeBook book, int codeId, int packetBits)
    {
        try
        {
            return book.IndexOf(codeId);
        }
        catch (KeyNotFoundException ex)
        {
            throw new DistillationProtocolException($"unknown LDPC code id {codeId} for {packetBits}-bit packets", ex);
        }
    }

    private LdpcCode Code(int codeId, int packetBits)
    {
        LdpcCodeBook book = Book(packetBits);
        return book.CodeAt(IndexOf(book, codeId, packetBits));
    }
}
