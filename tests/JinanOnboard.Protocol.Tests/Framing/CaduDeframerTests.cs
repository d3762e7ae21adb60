using System.Buffers;
using JinanOnboard.Protocol.Framing;

namespace JinanOnboard.Protocol.Tests.Framing;

/// <summary>frames.md §CADU: where the hunt resumes after a candidate, and what counts as skipped.</summary>
public sealed class CaduDeframerTests
{
    private const int FrameLength = TransferFrameLayout.MinFrameLength;
    private const int Embedded = 10;

    [Fact]
    public void A_rejected_candidate_costs_only_its_marker_and_the_hunt_finds_the_marker_inside_it()
    {
        var deframer = new CaduDeframer(FrameLength);
        var buffer = new ReadOnlySequence<byte>(Stream());
        byte[] frame = new byte[FrameLength];

        Assert.True(deframer.TryRead(ref buffer, frame));
        deframer.Release(ref buffer, genuine: false);
        Assert.True(deframer.TryRead(ref buffer, frame));
        Assert.Equal(0xEE, frame[0]);
        Assert.Equal(TransferFrameLayout.SyncMarkerLength + Embedded, deframer.SkippedBytes);
    }

    [Fact]
    public void A_genuine_frame_is_consumed_whole_and_nothing_is_skipped()
    {
        // A frame that passed checks 1-4 but failed the session or replay check is still one of
        // the peer's CADUs: a marker-like pattern inside it is data, not a frame.
        var deframer = new CaduDeframer(FrameLength);
        var buffer = new ReadOnlySequence<byte>(Stream());
        byte[] frame = new byte[FrameLength];

        Assert.True(deframer.TryRead(ref buffer, frame));
        deframer.Release(ref buffer, genuine: true);
        Assert.True(deframer.TryRead(ref buffer, frame));
        Assert.Equal(2, frame[0]);
        Assert.Equal(0, deframer.SkippedBytes);
    }

    [Fact]
    public void Reading_on_before_releasing_the_candidate_is_refused()
    {
        var deframer = new CaduDeframer(FrameLength);
        var buffer = new ReadOnlySequence<byte>(Stream());
        byte[] frame = new byte[FrameLength];
        Assert.True(deframer.TryRead(ref buffer, frame));
        Assert.Throws<InvalidOperationException>(() => deframer.TryRead(ref buffer, frame));
    }

    /// <summary>A CADU of 1s with a marker and 0xEE at frame offset <see cref="Embedded"/>, then a CADU of 2s.</summary>
    private static byte[] Stream()
    {
        byte[] first = [.. TransferFrameLayout.SyncMarker, .. Enumerable.Repeat((byte)1, FrameLength)];
        TransferFrameLayout.SyncMarker.CopyTo(first.AsSpan(TransferFrameLayout.SyncMarkerLength + Embedded));
        first[TransferFrameLayout.SyncMarkerLength + Embedded + TransferFrameLayout.SyncMarkerLength] = 0xEE;
        return [.. first, .. TransferFrameLayout.SyncMarker, .. Enumerable.Repeat((byte)2, FrameLength)];
    }
}
