using System.Collections.Concurrent;
using JinanOnboard.Distillation.Protocol;
using JinanOnboard.Ldpc;

namespace JinanOnboard.Runtime.Distillation;

/// <summary>
/// One-way LDPC reconciliation behind the distillers' codec interface: the payload computes
/// syndromes, the OGS decodes (system.md step 3–4). One code book per packet length (the default
/// book for 100 kbit packets); decoders are per thread because they own their scratch buffers.
/// </summary>
public sealed class LdpcReconciliationCodec : IReconciliationCodec
{
    private readonly ConcurrentDictionary<int, LdpcCodeBook> _books = new();
    private readonly ThreadLocal<Dictionary<int, LdpcDecoder>> _decoders = new(() => []);

    private long _decodeTicks;
    private long _decodes;

    /// <summary>Wall time spent decoding so far, seconds (for the bench report).</summary>
    public double DecodeSeconds => System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _decodeTicks)).TotalSeconds;

    /// <summary>Packets decoded so far.</summary>
    public long Decodes => Interlocked.Read(ref _decodes);

    /// <summary>Margin and clamping are the distillers' <see cref="ReconciliationPolicy"/>: the QBER arrives ready to use.</summary>
    public ReconciliationCodeChoice SelectCode(double qber, int packetBits)
    {
        LdpcCode code = Book(packetBits).SelectForQber(qber);
        return new ReconciliationCodeChoice(code.CodeId, code.SyndromeLength);
    }

    /// <summary>−1, never an exception, for an id the book of that packet length lacks (or a length no book is built for).</summary>
    public int GetSyndromeBits(int codeId, int packetBits) =>
        LdpcCodeBook.SupportsBlockLength(packetBits) && Book(packetBits).TryGetById(codeId, out LdpcCode? code) ? code.SyndromeLength : -1;

    public void ComputeSyndrome(int codeId, int packetBits, ReadOnlySpan<byte> packedBits, Span<byte> packedSyndrome) =>
        Code(codeId, packetBits).ComputeSyndrome(packedBits, packedSyndrome);

    public bool TryDecode(int codeId, int packetBits, ReadOnlySpan<byte> packedNoisy, ReadOnlySpan<byte> packedSyndrome, double qber, Span<byte> packedCorrected)
    {
        LdpcCode code = Code(codeId, packetBits);
        Dictionary<int, LdpcDecoder> decoders = _decoders.Value!;
        if (!decoders.TryGetValue(codeId, out LdpcDecoder? decoder) || decoder.Code != code)
        {
            decoder = new LdpcDecoder(code);
            decoders[codeId] = decoder;
        }

        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        bool converged = decoder.Decode(packedNoisy, packedSyndrome, qber, packedCorrected).Converged;
        Interlocked.Add(ref _decodeTicks, System.Diagnostics.Stopwatch.GetTimestamp() - started);
        Interlocked.Increment(ref _decodes);
        return converged;
    }

    private LdpcCodeBook Book(int packetBits) => _books.GetOrAdd(packetBits, n =>
        n == LdpcCodeBook.DefaultBlockLength ? LdpcCodeBook.Default : LdpcCodeBook.CreateDefault(n));

    private LdpcCode Code(int codeId, int packetBits)
    {
        try
        {
            return Book(packetBits).GetById(codeId);
        }
        catch (KeyNotFoundException ex)
        {
            throw new DistillationProtocolException($"unknown LDPC code id {codeId} for {packetBits}-bit packets", ex);
        }
    }
}
