using JinanOnboard.Protocol.Delivery;

namespace JinanOnboard.Protocol.Tests.Delivery;

/// <summary>The ACK body of protocol-spec/delivery.md on the shared codec: layout, round trip, and refused bodies.</summary>
public sealed class AckPayloadTests
{
    // cumulative 5, floor 3, two ranges 7..8 and 0x01020304..0x0A0B0C0D, big-endian.
    private const string Body = "00000005" + "00000003" + "0002" + "00000007" + "00000008" + "01020304" + "0A0B0C0D";

    [Fact]
    public void The_body_is_the_documented_layout_and_reads_back()
    {
        Span<byte> destination = stackalloc byte[AckPayload.FixedLength + (16 * AckPayload.RangeLength)];
        int length = AckPayload.Write(destination, 5, 3, [(7, 8), (0x01020304, 0x0A0B0C0D)]);
        Assert.Equal(Body, Convert.ToHexString(destination[..length]));

        Assert.True(AckPayload.TryRead(destination[..length], out uint cumulative, out uint floor, out ReadOnlySpan<byte> ranges));
        Assert.Equal((5u, 3u), (cumulative, floor));
        Assert.Equal((7u, 8u), AckPayload.ReadRange(ranges, 0));
        Assert.Equal((0x01020304u, 0x0A0B0C0Du), AckPayload.ReadRange(ranges, 1));
    }

    [Fact]
    public void Every_truncation_and_a_trailing_byte_are_refused()
    {
        byte[] body = Convert.FromHexString(Body);
        for (int length = 0; length < body.Length; length++)
        {
            Assert.False(AckPayload.TryRead(body.AsSpan(0, length), out _, out _, out _));
        }

        Assert.False(AckPayload.TryRead([.. body, 0], out _, out _, out _));
    }
}
