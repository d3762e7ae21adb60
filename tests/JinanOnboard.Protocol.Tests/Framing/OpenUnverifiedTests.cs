using JinanOnboard.Protocol.Framing;

namespace JinanOnboard.Protocol.Tests.Framing;

/// <summary>The keyless frame check that readers of recordings use: the checks that need no key or configuration.</summary>
public sealed class OpenUnverifiedTests
{
    [Fact]
    public void A_recorded_frame_opens_without_keys_and_a_damaged_one_does_not()
    {
        byte[] cadu = WorkedExampleTests.BuildExample();
        byte[] frame = cadu[TransferFrameLayout.SyncMarkerLength..];

        Assert.Equal(FrameCheck.Ok, TransferFrameCodec.OpenUnverified(frame, out TransferFrameHeader header, out ReadOnlySpan<byte> zone));
        Assert.Equal(0x2A, header.SpacecraftId);
        Assert.Equal(35, zone.Length);
        Assert.True(SpacePacket.TryRead(zone, out SpacePacket packet, out _));
        Assert.Equal(0x030, packet.Apid);

        frame[40] ^= 0x01;
        Assert.Equal(FrameCheck.BadCrc, TransferFrameCodec.OpenUnverified(frame, out _, out _));
        Assert.Equal(FrameCheck.Malformed, TransferFrameCodec.OpenUnverified(frame.AsSpan(0, 200), out _, out _));
    }
}
