using JinanOnboard.Protocol.Tests.Framing;
using SharpFuzz;

namespace JinanOnboard.Protocol.Fuzz;

/// <summary>
/// AFL entry point: every input is a byte stream as a hostile or noisy link could deliver it. Any
/// exception is a finding (the decoder must drop and count, never throw).
/// </summary>
internal static class Program
{
    public static void Main() => Fuzzer.OutOfProcess.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        FrameDecoderFuzzTarget.Run(buffer.ToArray());
    });
}
