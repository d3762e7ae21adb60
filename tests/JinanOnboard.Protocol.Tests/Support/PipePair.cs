using System.Buffers;
using System.IO.Pipelines;

namespace JinanOnboard.Protocol.Tests.Support;

/// <summary>Two in-memory duplex pipes wired back to back, optionally through a relay that edits CADUs.</summary>
internal sealed class PipePair
{
    private sealed class Duplex(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }

    public IDuplexPipe A { get; }

    public IDuplexPipe B { get; }

    private PipePair(IDuplexPipe a, IDuplexPipe b)
    {
        A = a;
        B = b;
    }

    public static PipePair Direct()
    {
        var aToB = new Pipe();
        var bToA = new Pipe();
        return new PipePair(new Duplex(bToA.Reader, aToB.Writer), new Duplex(aToB.Reader, bToA.Writer));
    }

    /// <summary>
    /// Each direction passes through <paramref name="relay"/>, which sees whole CADUs of
    /// <paramref name="caduLength"/> bytes and returns the bytes to forward (empty to drop).
    /// </summary>
    public static PipePair Relayed(int caduLength, Func<bool, long, byte[], byte[]> relay)
    {
        var aOut = new Pipe();
        var bIn = new Pipe();
        var bOut = new Pipe();
        var aIn = new Pipe();
        _ = PumpAsync(aOut.Reader, bIn.Writer, caduLength, (index, cadu) => relay(true, index, cadu));
        _ = PumpAsync(bOut.Reader, aIn.Writer, caduLength, (index, cadu) => relay(false, index, cadu));
        return new PipePair(new Duplex(aIn.Reader, aOut.Writer), new Duplex(bIn.Reader, bOut.Writer));
    }

    private static async Task PumpAsync(PipeReader reader, PipeWriter writer, int caduLength, Func<long, byte[], byte[]> relay)
    {
        long index = 0;
        try
        {
            while (true)
            {
                ReadResult result = await reader.ReadAsync();
                ReadOnlySequence<byte> buffer = result.Buffer;
                while (buffer.Length >= caduLength)
                {
                    byte[] cadu = buffer.Slice(0, caduLength).ToArray();
                    buffer = buffer.Slice(caduLength);
                    byte[] forward = relay(index++, cadu);
                    if (forward.Length > 0)
                    {
                        await writer.WriteAsync(forward);
                    }
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        finally
        {
            await reader.CompleteAsync();
            await writer.CompleteAsync();
        }
    }
}
