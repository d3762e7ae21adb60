using JinanOnboard.Protocol.Framing;

namespace JinanOnboard.Protocol.Tests.Framing;

/// <summary>packets.md: "a data length below 5" counts the bytes the length field describes (field + 1).</summary>
public sealed class SpacePacketLengthTests
{
    [Fact]
    public void A_length_field_of_4_is_a_secondary_header_with_empty_data_and_is_valid()
    {
        byte[] zone = [.. Packet(lengthField: 4), 0, 0, 0];
        Assert.True(SpacePacket.TryRead(zone, out SpacePacket packet, out int consumed));
        Assert.Equal((11, 7u, (byte)3, 0), (consumed, packet.MessageId, packet.MessageType, packet.Data.Length));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_length_field_below_4_describes_fewer_than_5_bytes_and_is_malformed(ushort lengthField)
    {
        // Enough zone follows for the secondary header, so only the length field's value decides.
        byte[] zone = [.. Packet(lengthField), 0, 0, 0];
        Assert.False(SpacePacket.TryRead(zone, out _, out int consumed));
        Assert.Equal(0, consumed);
    }

    [Fact]
    public void A_length_that_runs_past_the_zone_is_malformed()
    {
        Assert.False(SpacePacket.TryRead(Packet(lengthField: 5), out _, out _));
    }

    /// <summary>A telecommand on APID 0x030, unsegmented, message id 7, type 3: 11 bytes whatever the field says.</summary>
    private static byte[] Packet(ushort lengthField) =>
        [0x18, 0x30, 0xC0, 0x00, (byte)(lengthField >> 8), (byte)lengthField, 0, 0, 0, 7, 3];
}
