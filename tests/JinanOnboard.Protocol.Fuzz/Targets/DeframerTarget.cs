using System.Buffers;
using JinanOnboard.Protocol.Framing;
using JinanOnboard.Protocol.Messages;

namespace JinanOnboard.Protocol.Fuzz.Targets;

/// <summary>
/// <c>deframer</c>: the ASM hunt over a byte stream as FrameReader runs it. Input: byte 0 picks the frame length
/// (256, 512 or 1024), byte 1 the size of the pieces the stream arrives in (1..256 bytes, so markers and frames
/// straddle the segments of a multi-segment sequence as they do behind a PipeReader), the rest is the stream.
/// Each candidate is judged by <see cref="TransferFrameCodec.Open"/> with the harness key, which decides where the
/// hunt resumes. Accepted when at least one genuine frame was found. Also checks the deframer's bookkeeping: every
/// byte is in a genuine CADU, skipped, or still buffered.
/// </summary>
public sealed class DeframerTarget : FuzzTarget
{
    public override string Name => "deframer";

    protected override bool Execute(ReadOnlySpan<byte> input)
    {
        if (input.Length < 2)
        {
            return false;
        }

        int frameLength = TransferFrameLayout.MinFrameLength << (input[0] % 3);
        int piece = input[1] + 1;
        ReadOnlySpan<byte> stream = input[2..];
        var deframer = new CaduDeframer(frameLength);
        byte[] frame = new byte[frameLength];
        Segment? first = null;
        Segment? last = null;
        SequencePosition start = default;
        long genuine = 0;
        long buffered = 0;
        for (int offset = 0; offset < stream.Length; offset += piece)
        {
            ReadOnlySpan<byte> arrived = stream.Slice(offset, Math.Min(piece, stream.Length - offset));
            last = last is null ? new Segment(arrived.ToArray(), 0) : last.Append(arrived.ToArray());
            if (first is null)
            {
                first = last;
                start = new SequencePosition(first, 0);
            }

            var buffer = new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length).Slice(start);
            while (deframer.TryRead(ref buffer, frame))
            {
                bool ok = TransferFrameCodec.Open(frame, HarnessLink.SpacecraftId, HarnessLink.Verifier, out _, out _) == FrameCheck.Ok;
                genuine += ok ? 1 : 0;
                deframer.Release(ref buffer, ok);
            }

            // What FrameReader's AdvanceTo(buffer.Start) keeps for the next read.
            start = buffer.Start;
            buffered = buffer.Length;
        }

        long accounted = deframer.SkippedBytes + (genuine * TransferFrameLayout.CaduLength(frameLength)) + buffered;
        if (accounted != stream.Length)
        {
            throw new InvalidOperationException($"Deframer bookkeeping: {stream.Length} bytes in, {accounted} accounted for (skipped {deframer.SkippedBytes}, {genuine} frames, {buffered} buffered).");
        }

        return genuine > 0;
    }

    public override IEnumerable<(string Name, byte[] Input)> Seeds()
    {
        byte[] cadu = HelloCadu(TransferFrameLayout.MinFrameLength, 1);
        byte[] second = HelloCadu(TransferFrameLayout.MinFrameLength, 2);
        byte[] noise = [0x1A, 0xCF, 0xFC, 0x00, 0x1A, 0x55, 0x1A, 0xCF, 0xFC, 0x1D, 0x00, 0x01];
        yield return ("valid-one-frame", [0, 255, .. cadu]);
        yield return ("valid-noise-and-two-frames-in-small-pieces", [0, 6, .. noise, .. cadu, .. noise, .. second]);
        yield return ("valid-truncated-frame-then-whole", [0, 63, .. cadu.AsSpan(0, 100), .. cadu]);
        yield return ("valid-512", [1, 127, .. HelloCadu(512, 1)]);
        byte[] damaged = [.. cadu];
        damaged[40] ^= 0x01;
        yield return ("damaged-crc", [0, 255, .. damaged]);
    }

    /// <summary>A genuine frame carrying the ground's HELLO, as a peer sends it before the handshake.</summary>
    private static byte[] HelloCadu(int frameLength, ulong sequence)
    {
        byte[] zone = new byte[SpacePacket.HeaderLength + 16];
        int length = HarnessLink.WritePacket(zone, Apids.LinkControl, LinkControlTypes.Hello, HarnessLink.GroundHello());
        return HarnessLink.Seal(frameLength, HarnessLink.Header(sequence, length, receiverSession: 0), zone.AsSpan(0, length));
    }

    /// <summary>One received piece of the stream, linked after the previous one as a pipe's buffers are.</summary>
    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] data, long runningIndex)
        {
            Memory = data;
            RunningIndex = runningIndex;
        }

        public Segment Append(byte[] data)
        {
            var next = new Segment(data, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
