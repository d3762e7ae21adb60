using System.Buffers;
using JinanOnboard.Protocol.Framing;
using JinanOnboard.Protocol.Signing;

namespace JinanOnboard.Protocol.Tests.Framing;

/// <summary>
/// The fuzz target for everything a hostile byte stream reaches before authentication:
/// ASM hunting, CRC, header parsing, signature check, then space-packet parsing of the zone.
/// Must never throw. Run by property tests here and by tests/JinanOnboard.Protocol.Fuzz under SharpFuzz.
/// </summary>
public static class FrameDecoderFuzzTarget
{
    private static readonly FrameVerifier Verifier = new(Identity.FromSeed(new byte[32]).PublicKey);

    public static void Run(ReadOnlySpan<byte> input)
    {
        var deframer = new CaduDeframer(TransferFrameLayout.MinFrameLength);
        var buffer = new ReadOnlySequence<byte>(input.ToArray());
        byte[] frame = new byte[TransferFrameLayout.MinFrameLength];
        while (deframer.TryRead(ref buffer, frame))
        {
            bool genuine = TransferFrameCodec.Open(frame, 0x2A, Verifier, out _, out _) == FrameCheck.Ok;
            deframer.Release(ref buffer, genuine);
        }

        // Packet parsing runs only after authentication in the link, but must be total anyway.
        ReadOnlySpan<byte> zone = input;
        while (SpacePacket.TryRead(zone, out _, out int consumed) && consumed > 0)
        {
            zone = zone[consumed..];
        }
    }
}
