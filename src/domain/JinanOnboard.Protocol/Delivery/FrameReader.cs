using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;
using JinanOnboard.Primitives.Recording;
using JinanOnboard.Protocol.Coding;
using JinanOnboard.Protocol.Framing;

namespace JinanOnboard.Protocol.Delivery;

/// <summary>What the reader loop hands each candidate frame to.</summary>
internal interface IFrameSink
{
    /// <summary>
    /// Checks and processes one frame (without its sync marker); complete messages go to
    /// <paramref name="delivered"/>. Returns whether the frame is genuine (passed frames.md checks
    /// 1-4), which decides where the ASM hunt resumes.
    /// </summary>
    bool Receive(ReadOnlySpan<byte> frame, List<InboundMessage> delivered);
}

/// <summary>
/// The reader loop: pulls bytes from the transport, finds frames by their sync marker, hands each
/// to the sink, and passes the messages they complete to the application, waiting when the
/// application is slow (back-pressure reaches the transport, never an unbounded queue). Each candidate's codeblock
/// is corrected (<see cref="FrameCoding.Correct"/>) before the receive checks see the frame.
/// </summary>
internal sealed class FrameReader(PipeReader input, FrameCoding coding, IFrameSink sink, ChannelWriter<InboundMessage> inbound, LinkStatistics statistics, ITap tap, Func<TimeSpan> passClock)
{
    /// <summary>
    /// Runs until the peer's stream ends (true: the caller decides whether that was orderly) or
    /// cancellation (false). Throws <see cref="LinkLostException"/> when the transport fails.
    /// </summary>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        var deframer = new CaduDeframer(coding.CodeblockLength);
        byte[] codeblock = new byte[coding.CodeblockLength];
        int frameLength = coding.FrameLength;
        var delivered = new List<InboundMessage>();
        while (true)
        {
            ReadResult result;
            try
            {
                result = await input.ReadAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
            {
                throw new LinkLostException($"Receiving from the peer failed: {e.Message}", e);
            }

            ReadOnlySequence<byte> buffer = result.Buffer;
            while (deframer.TryRead(ref buffer, codeblock))
            {
                Correct(codeblock);
                ReadOnlySpan<byte> frame = codeblock.AsSpan(0, frameLength);
                tap.Observe("link", TapDirection.Incoming, passClock(), frame);
                deframer.Release(ref buffer, sink.Receive(frame, delivered));
            }

            Interlocked.Exchange(ref statistics.SkippedBytes, deframer.SkippedBytes);
            input.AdvanceTo(buffer.Start, buffer.End);
            foreach (InboundMessage message in delivered)
            {
                await inbound.WriteAsync(message, cancellationToken);
            }

            delivered.Clear();
            if (result.IsCompleted)
            {
                return true;
            }
        }
    }

    private void Correct(Span<byte> codeblock)
    {
        int corrected = coding.Correct(codeblock);
        if (corrected > 0)
        {
            Interlocked.Increment(ref statistics.FramesCorrected);
            Interlocked.Add(ref statistics.SymbolsCorrected, corrected);
        }
        else if (corrected < 0)
        {
            Interlocked.Increment(ref statistics.FramesUncorrectable);
        }
    }
}
