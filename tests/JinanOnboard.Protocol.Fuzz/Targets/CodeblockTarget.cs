using JinanOnboard.Protocol.Coding;
using JinanOnboard.Protocol.Framing;
using JinanOnboard.Protocol.Messages;

namespace JinanOnboard.Protocol.Fuzz.Targets;

/// <summary>
/// <c>codeblock</c>: Reed–Solomon (255,223) correction of a received codeblock as FrameReader runs it
/// (<see cref="FrameCoding.Correct"/>), then the frame's receive checks. Input: byte 0 picks the frame length (256,
/// 512 or 1024, depth 2, 3 or 5), the rest is the codeblock after the sync marker (short input is padded with zeros,
/// long input cut). No repair after mutation: the code itself is the gate, and a seed frame with up to 16 damaged
/// symbols per codeword still gets through it. Checks the decoder's promises: what it corrected is, codeword by
/// codeword, a valid codeword within 16 symbols of what was received; it never claims more than 16 per codeword; a
/// frame it could not correct is left as received. Accepted when the corrected frame is genuine.
/// </summary>
public sealed class CodeblockTarget : FuzzTarget
{
    public override string Name => "codeblock";

    protected override bool Execute(ReadOnlySpan<byte> input)
    {
        if (input.Length < 1)
        {
            return false;
        }

        FrameCoding coding = FrameCoding.ReedSolomon(TransferFrameLayout.MinFrameLength << (input[0] % 3));
        byte[] codeblock = new byte[coding.CodeblockLength];
        ReadOnlySpan<byte> body = input[1..];
        body[..Math.Min(body.Length, codeblock.Length)].CopyTo(codeblock);
        byte[] received = (byte[])codeblock.Clone();

        int corrected = coding.Correct(codeblock);
        if (corrected < 0 && !codeblock.AsSpan().SequenceEqual(received))
        {
            throw new InvalidOperationException("An uncorrectable codeblock was changed.");
        }

        if (corrected > ReedSolomon255223.CheckSymbols / 2 * coding.Depth)
        {
            throw new InvalidOperationException($"{corrected} symbols corrected in {coding.Depth} codewords.");
        }

        if (corrected > 0)
        {
            // The decoder's output must be a codeword (the corrected data re-encoded) within 16 symbols of what came
            // in, codeword by codeword: the nearest codeword, as bounded-distance decoding promises.
            byte[] codeword = (byte[])codeblock.Clone();
            coding.Encode(codeword);
            int[] distance = new int[coding.Depth];
            for (int p = 0; p < codeword.Length; p++)
            {
                distance[p < coding.FrameLength ? p % coding.Depth : (p - coding.FrameLength) % coding.Depth] += codeword[p] != received[p] ? 1 : 0;
            }

            if (distance.Max() > ReedSolomon255223.CheckSymbols / 2)
            {
                throw new InvalidOperationException($"A corrected codeword lies {distance.Max()} symbols from what was received.");
            }
        }

        byte[] frame = codeblock[..coding.FrameLength];
        return TransferFrameCodec.Open(frame, HarnessLink.SpacecraftId, HarnessLink.Verifier, out _, out _) == FrameCheck.Ok;
    }

    public override IEnumerable<(string Name, byte[] Input)> Seeds()
    {
        foreach ((byte selector, int frameLength) in new[] { ((byte)0, 256), ((byte)1, 512) })
        {
            byte[] codeblock = Coded(frameLength);
            yield return ($"valid-{frameLength}", [selector, .. codeblock]);

            // Sixteen symbol errors in codeword 0 (bytes 0, I, 2I…), the most the code corrects.
            byte[] damaged = [.. codeblock];
            int depth = FrameCoding.ReedSolomon(frameLength).Depth;
            for (int k = 0; k < 16; k++)
            {
                damaged[k * depth] ^= (byte)(0x5A + k);
            }

            yield return ($"valid-{frameLength}-sixteen-symbol-errors", [selector, .. damaged]);
        }

        byte[] beyond = Coded(256);
        for (int k = 0; k < 17; k++)
        {
            beyond[k * 2] ^= 0xFF;
        }

        yield return ("seventeen-symbol-errors", [0, .. beyond]);
    }

    /// <summary>A genuine frame carrying the ground's HELLO, encoded into its codeblock (sync marker removed).</summary>
    private static byte[] Coded(int frameLength)
    {
        byte[] zone = new byte[SpacePacket.HeaderLength + 16];
        int length = HarnessLink.WritePacket(zone, Apids.LinkControl, LinkControlTypes.Hello, HarnessLink.GroundHello());
        byte[] cadu = HarnessLink.Seal(frameLength, HarnessLink.Header(1, length, receiverSession: 0), zone.AsSpan(0, length));
        FrameCoding coding = FrameCoding.ReedSolomon(frameLength);
        byte[] codeblock = new byte[coding.CodeblockLength];
        cadu.AsSpan(TransferFrameLayout.SyncMarkerLength).CopyTo(codeblock);
        coding.Encode(codeblock);
        return codeblock;
    }
}
