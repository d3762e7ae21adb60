using System.Buffers;
using JinanOnboard.Protocol.Framing;

namespace JinanOnboard.Protocol.Coding;

/// <summary>
/// The link's channel coding of one transfer frame into the codeblock that follows the sync marker
/// (frames.md "Channel coding"). <see cref="None"/>: the codeblock is the frame. Reed–Solomon: the frame's L bytes
/// are symbol-interleaved over I = ⌈L/223⌉ shortened RS(255,223) codewords (frame byte b belongs to codeword b mod I,
/// as in the CCSDS interleaver of 131.0-B-4 §4.3.6), so the codeblock is the frame itself followed by the 32·I check
/// symbols, check symbol j of codeword i at offset L + j·I + i. Up to 16 symbol errors per codeword are corrected,
/// and a burst of up to 16·I consecutive bytes (304 for L = 4096).
/// </summary>
public sealed class FrameCoding
{
    private FrameCoding(int frameLength, int depth)
    {
        FrameLength = frameLength;
        Depth = depth;
    }

    /// <summary>Transfer frame length L.</summary>
    public int FrameLength { get; }

    /// <summary>Interleaving depth I: the number of codewords per frame; 0 without coding.</summary>
    public int Depth { get; }

    public bool IsCoded => Depth > 0;

    /// <summary>Bytes after the sync marker on the wire.</summary>
    public int CodeblockLength => FrameLength + (ReedSolomon255223.CheckSymbols * Depth);

    /// <summary>Bytes of one CADU on the wire, sync marker included.</summary>
    public int CaduLength => TransferFrameLayout.SyncMarkerLength + CodeblockLength;

    /// <summary>The longest codeblock any valid setting produces (for parsers that must bound a length).</summary>
    public static int MaxCodeblockLength => ReedSolomon(TransferFrameLayout.MaxFrameLength).CodeblockLength;

    /// <summary>The codec of <paramref name="coding"/> for frames of <paramref name="frameLength"/> bytes.</summary>
    public static FrameCoding For(ChannelCoding coding, int frameLength)
        => coding == ChannelCoding.ReedSolomon ? ReedSolomon(frameLength) : None(frameLength);

    public static FrameCoding None(int frameLength)
    {
        TransferFrameLayout.Validate(frameLength);
        return new FrameCoding(frameLength, 0);
    }

    public static FrameCoding ReedSolomon(int frameLength)
    {
        TransferFrameLayout.Validate(frameLength);
        return new FrameCoding(frameLength, (frameLength + ReedSolomon255223.K - 1) / ReedSolomon255223.K);
    }

    /// <summary>Fills the check symbols of a codeblock whose first L bytes hold the frame.</summary>
    public void Encode(Span<byte> codeblock)
    {
        CheckLength(codeblock.Length);
        Span<byte> parity = codeblock[FrameLength..];
        int i = 0;
        while (i < Depth)
        {
            // Four codewords at a time where four neighbours have the same length (they differ by at most one symbol).
            int count = DataSymbols(i);
            if (i + 3 < Depth && DataSymbols(i + 3) == count)
            {
                ReedSolomon255223.Encode4(codeblock[..FrameLength], i, count, Depth, parity, Depth);
                i += 4;
            }
            else
            {
                ReedSolomon255223.Encode(codeblock[i..], count, Depth, parity[i..], Depth);
                i++;
            }
        }
    }

    /// <summary>
    /// Corrects the frame part of a received codeblock in place. A frame whose CRC-16 already verifies is taken as
    /// it is, without decoding (the common case on a good link: decoding is paid only for damaged frames). Returns
    /// the symbols corrected (0 for a clean frame or without coding), or −1 when a codeword had more errors than the
    /// code corrects (the frame then fails its CRC check).
    /// </summary>
    public int Correct(Span<byte> codeblock)
    {
        CheckLength(codeblock.Length);
        if (!IsCoded || TransferFrameCodec.CrcVerifies(codeblock[..FrameLength]))
        {
            return 0;
        }

        // A frame with an uncorrectable codeword is left exactly as received (frames.md): the damaged path is rare, so
        // keep a copy of the frame to put back rather than decode twice.
        byte[] received = ArrayPool<byte>.Shared.Rent(FrameLength);
        codeblock[..FrameLength].CopyTo(received);
        try
        {
            int corrected = CorrectCodewords(codeblock);
            if (corrected < 0)
            {
                received.AsSpan(0, FrameLength).CopyTo(codeblock);
            }

            return corrected;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(received);
        }
    }

    private int CorrectCodewords(Span<byte> codeblock)
    {
        Span<byte> codeword = stackalloc byte[ReedSolomon255223.N];
        Span<byte> expected = stackalloc byte[ReedSolomon255223.CheckSymbols];
        int corrected = 0;
        bool failed = false;
        for (int i = 0; i < Depth; i++)
        {
            // Re-encoding the received data (the LFSR, a shift and an XOR per symbol) is far cheaper than 32
            // syndromes; a codeword whose check symbols match is clean, so only the damaged ones are decoded.
            int data = DataSymbols(i);
            ReedSolomon255223.Encode(codeblock[i..], data, Depth, expected, 1);
            if (ParityMatches(codeblock, i, expected))
            {
                continue;
            }

            Span<byte> word = codeword[..(data + ReedSolomon255223.CheckSymbols)];
            for (int k = 0; k < word.Length; k++)
            {
                word[k] = codeblock[SymbolOffset(i, k, data)];
            }

            int result = ReedSolomon255223.Decode(word);
            if (result < 0)
            {
                failed = true;
                continue;
            }

            corrected += result;
            for (int k = 0; k < data; k++)
            {
                codeblock[i + (k * Depth)] = word[k];
            }
        }

        return failed ? -1 : corrected;
    }

    private bool ParityMatches(ReadOnlySpan<byte> codeblock, int codeword, ReadOnlySpan<byte> expected)
    {
        for (int j = 0; j < expected.Length; j++)
        {
            if (codeblock[FrameLength + (j * Depth) + codeword] != expected[j])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Data symbols of codeword i: the frame bytes i, i + I, i + 2I… below L.</summary>
    private int DataSymbols(int codeword) => (FrameLength - codeword + Depth - 1) / Depth;

    /// <summary>Codeblock offset of symbol k of codeword i (data symbols first, then the 32 check symbols).</summary>
    private int SymbolOffset(int codeword, int k, int dataSymbols)
        => k < dataSymbols ? codeword + (k * Depth) : FrameLength + ((k - dataSymbols) * Depth) + codeword;

    private void CheckLength(int length)
    {
        if (length != CodeblockLength)
        {
            throw new ArgumentException($"A codeblock has {CodeblockLength} bytes, not {length}.");
        }
    }
}
