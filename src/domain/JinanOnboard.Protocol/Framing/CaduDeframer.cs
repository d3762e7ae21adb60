using System.Buffers;

namespace JinanOnboard.Protocol.Framing;

/// <summary>
/// Finds fixed-length frames in a received byte stream by hunting for the attached sync
/// marker. Bytes between frames (noise, a truncated frame, a lost datagram's remains) are
/// skipped and counted, so the receiver re-synchronises after any damage.
/// </summary>
public sealed class CaduDeframer
{
    private readonly int _frameLength;

    public CaduDeframer(int frameLength)
    {
        TransferFrameLayout.Validate(frameLength);
        _frameLength = frameLength;
    }

    /// <summary>Bytes discarded while hunting for a sync marker.</summary>
    public long SkippedBytes { get; private set; }

    /// <summary>
    /// Takes the next candidate frame from <paramref name="buffer"/> into <paramref name="frame"/>
    /// (length = frame length), advancing the buffer past it. Returns false when more bytes are needed.
    /// </summary>
    public bool TryRead(ref ReadOnlySequence<byte> buffer, Span<byte> frame)
    {
        ReadOnlySpan<byte> marker = TransferFrameLayout.SyncMarker;
        int caduLength = TransferFrameLayout.CaduLength(_frameLength);
        while (true)
        {
            var reader = new SequenceReader<byte>(buffer);
            if (!reader.TryAdvanceTo(marker[0], advancePastDelimiter: false))
            {
                SkippedBytes += buffer.Length;
                buffer = buffer.Slice(buffer.End);
                return false;
            }

            if (reader.Consumed > 0)
            {
                SkippedBytes += reader.Consumed;
                buffer = buffer.Slice(reader.Consumed);
            }

            if (buffer.Length < caduLength)
            {
                if (buffer.Length >= marker.Length && !StartsWithMarker(buffer, marker))
                {
                    SkipOne(ref buffer);
                    continue;
                }

                return false;
            }

            if (!StartsWithMarker(buffer, marker))
            {
                SkipOne(ref buffer);
                continue;
            }

            buffer.Slice(marker.Length, _frameLength).CopyTo(frame);
            buffer = buffer.Slice(caduLength);
            return true;
        }
    }

    /// <summary>
    /// After a frame taken by <see cref="TryRead"/> failed its CRC, the marker may have been a
    /// false match inside other data: callers keep going; the next hunt starts after that frame.
    /// This counts the frame's bytes as skipped for the statistics.
    /// </summary>
    public void CountRejected() => SkippedBytes += TransferFrameLayout.CaduLength(_frameLength);

    private void SkipOne(ref ReadOnlySequence<byte> buffer)
    {
        SkippedBytes++;
        buffer = buffer.Slice(1);
    }

    private static bool StartsWithMarker(ReadOnlySequence<byte> buffer, ReadOnlySpan<byte> marker)
    {
        Span<byte> head = stackalloc byte[4];
        buffer.Slice(0, marker.Length).CopyTo(head);
        return head.SequenceEqual(marker);
    }
}
