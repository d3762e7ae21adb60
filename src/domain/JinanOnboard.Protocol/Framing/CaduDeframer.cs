using System.Buffers;

namespace JinanOnboard.Protocol.Framing;

/// <summary>
/// Finds fixed-length frames in a received byte stream by hunting for the attached sync
/// marker (frames.md §CADU). Bytes that end up in no accepted CADU (noise, a truncated frame,
/// a lost datagram's remains, a rejected candidate's marker) are skipped and counted, so the
/// receiver re-synchronises after any damage.
/// </summary>
/// <remarks>
/// <see cref="TryRead"/> only peeks at a candidate; the caller checks it and then calls
/// <see cref="Release"/>. A candidate that fails checks 1-4 may be a truncated CADU whose
/// L bytes run into the genuine CADU after it, so the hunt resumes at the byte after its marker
/// rather than after the whole candidate: skipping the candidate would lose that frame too.
/// </remarks>
public sealed class CaduDeframer
{
    private readonly int _frameLength;
    private bool _pending;

    /// <param name="frameLength">Bytes after the sync marker: the frame length L, or the codeblock length when the link is channel-coded (<see cref="Coding.FrameCoding.CodeblockLength"/>).</param>
    public CaduDeframer(int frameLength)
    {
        if (frameLength < TransferFrameLayout.MinFrameLength || frameLength > Coding.FrameCoding.MaxCodeblockLength)
        {
            throw new ArgumentOutOfRangeException(nameof(frameLength), frameLength, $"A CADU carries {TransferFrameLayout.MinFrameLength}..{Coding.FrameCoding.MaxCodeblockLength} bytes after its sync marker.");
        }

        _frameLength = frameLength;
    }

    /// <summary>Bytes discarded while hunting for a sync marker, rejected candidates' markers included.</summary>
    public long SkippedBytes { get; private set; }

    /// <summary>
    /// Finds the next candidate frame in <paramref name="buffer"/> and copies it into
    /// <paramref name="frame"/> (length = frame length). The buffer is left starting at the
    /// candidate's marker; call <see cref="Release"/> with the verdict before reading on.
    /// Returns false when more bytes are needed.
    /// </summary>
    public bool TryRead(ref ReadOnlySequence<byte> buffer, Span<byte> frame)
    {
        if (_pending)
        {
            throw new InvalidOperationException("The previous candidate frame has not been released.");
        }

        ReadOnlySpan<byte> marker = TransferFrameLayout.SyncMarker;
        int caduLength = TransferFrameLayout.CaduLength(_frameLength);
        while (true)
        {
            var reader = new SequenceReader<byte>(buffer);
            if (!reader.TryAdvanceTo(marker[0], advancePastDelimiter: false))
            {
                Skip(ref buffer, buffer.Length);
                return false;
            }

            Skip(ref buffer, reader.Consumed);
            if (buffer.Length < marker.Length)
            {
                return false;
            }

            if (!StartsWithMarker(buffer, marker))
            {
                Skip(ref buffer, 1);
                continue;
            }

            if (buffer.Length < caduLength)
            {
                return false;
            }

            buffer.Slice(marker.Length, _frameLength).CopyTo(frame[.._frameLength]);
            _pending = true;
            return true;
        }
    }

    /// <summary>
    /// Moves <paramref name="buffer"/> past the candidate <see cref="TryRead"/> found. A genuine
    /// frame (it passed checks 1-4: length, CRC, header, signature; session and replay failures
    /// included) is consumed whole and not counted as skipped. Otherwise only its marker is
    /// skipped and counted, and the next hunt starts at the byte after it.
    /// </summary>
    public void Release(ref ReadOnlySequence<byte> buffer, bool genuine)
    {
        if (!_pending)
        {
            throw new InvalidOperationException("There is no candidate frame to release.");
        }

        _pending = false;
        if (genuine)
        {
            buffer = buffer.Slice(TransferFrameLayout.CaduLength(_frameLength));
        }
        else
        {
            Skip(ref buffer, TransferFrameLayout.SyncMarker.Length);
        }
    }

    private void Skip(ref ReadOnlySequence<byte> buffer, long count)
    {
        SkippedBytes += count;
        buffer = buffer.Slice(count);
    }

    private static bool StartsWithMarker(ReadOnlySequence<byte> buffer, ReadOnlySpan<byte> marker)
    {
        Span<byte> head = stackalloc byte[4];
        buffer.Slice(0, marker.Length).CopyTo(head);
        return head.SequenceEqual(marker);
    }
}
