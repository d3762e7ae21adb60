using JinanOnboard.Tests.Shared;
using System.Buffers.Binary;
using System.Text;
using JinanOnboard.Protocol.Framing;
using JinanOnboard.Protocol.Signing;

namespace JinanOnboard.Protocol.Tests.Framing;

/// <summary>
/// The worked example of protocol-spec/frames.md is produced by the real codec and checked here
/// byte for byte (an approval test: set JINAN_APPROVE=1 to rewrite the file after a deliberate change).
/// </summary>
public sealed class WorkedExampleTests
{
    [Fact]
    public void The_spec_example_frame_is_what_the_codec_produces()
    {
        byte[] cadu = BuildExample();
        string hex = RepositoryFiles.HexDump(cadu);
        string path = Path.Combine(RepositoryFiles.Root, "protocol-spec", "examples", "pass-start-frame.hex");
        if (Environment.GetEnvironmentVariable("JINAN_APPROVE") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, hex);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the test with JINAN_APPROVE=1 to create it.");
        Assert.Equal(File.ReadAllText(path), hex);

        // And the example opens as a valid frame with the documented public key.
        using Identity identity = ExampleIdentity();
        Assert.Equal(FrameCheck.Ok, TransferFrameCodec.Open(cadu.AsSpan(4), 0x2A, new FrameVerifier(identity.PublicKey), out _, out _));
    }

    internal static Identity ExampleIdentity() => Identity.FromSeed(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    internal static byte[] BuildExample()
    {
        using Identity identity = ExampleIdentity();
        const int frameLength = 256;
        byte[] cadu = new byte[TransferFrameLayout.CaduLength(frameLength)];
        // PassStart body: u64 pass_id = 1, f64 duration_s = 300.0, u64 run_seed = 1.
        byte[] body = new byte[24];
        BinaryPrimitives.WriteUInt64BigEndian(body, 1);
        BinaryPrimitives.WriteDoubleBigEndian(body.AsSpan(8), 300.0);
        BinaryPrimitives.WriteUInt64BigEndian(body.AsSpan(16), 1);
        var packet = new SpacePacket(isTelecommand: false, apid: 0x030, SequenceFlags.Unsegmented, sequenceCount: 0, messageId: 1, messageType: 1, body);
        int zoneLength = packet.WriteTo(cadu.AsSpan(TransferFrameLayout.SyncMarkerLength + TransferFrameLayout.HeaderLength));
        var header = new TransferFrameHeader(0x2A, 1, 1, 0x0102030405060708, 0x1112131415161718, 1, (ushort)zoneLength);
        TransferFrameCodec.Seal(cadu, header, new FrameSigner(identity));
        return cadu;
    }
}
