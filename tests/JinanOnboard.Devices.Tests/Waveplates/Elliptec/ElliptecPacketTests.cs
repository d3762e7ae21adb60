using System.Text;
using JinanOnboard.Devices.Waveplates.Elliptec;

namespace JinanOnboard.Devices.Tests.Waveplates.Elliptec;

/// <summary>The packet codec on its own: the manual's encodings, byte for byte.</summary>
public sealed class ElliptecPacketTests
{
    [Theory]
    [InlineData(0, "gp", "", "0gp")]
    [InlineData(10, "ho", "0", "Aho0")]
    [InlineData(15, "ma", "00004600", "Fma00004600")]
    public void Commands_are_address_digit_mnemonic_and_data(int address, string mnemonic, string data, string expected)
        => Assert.Equal(expected, Encoding.ASCII.GetString(ElliptecPacket.Build(address, mnemonic, data)));

    [Theory]
    [InlineData(0, "00000000")]
    [InlineData(143_360, "00023000")]
    [InlineData(-1, "FFFFFFFF")]
    [InlineData(-143_360, "FFFDD000")]
    public void Pulses_are_eight_hex_digits_twos_complement(int pulses, string hex)
    {
        Assert.Equal(hex, ElliptecPacket.EncodePulses(pulses));
        Assert.True(ElliptecReply.TryParse(Encoding.ASCII.GetBytes("3PO" + hex), out ElliptecReply reply));
        Assert.Equal(pulses, reply.Pulses);
        Assert.Equal(3, reply.Address);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0P")]
    [InlineData("GPO00000000")]      // address not a hex digit
    [InlineData("0po00000000")]      // header not upper case
    [InlineData("0PO0000000")]       // seven digits
    [InlineData("0POXYZ00000")]      // not hex
    [InlineData("0GS9")]             // one digit of status
    [InlineData("0IN0E11400000")]    // short information
    public void Malformed_replies_do_not_parse(string line)
        => Assert.False(ElliptecReply.TryParse(Encoding.ASCII.GetBytes(line), out _));

    [Fact]
    public void Addresses_outside_0_to_15_are_refused()
        => Assert.Throws<ArgumentOutOfRangeException>(() => ElliptecPacket.Build(16, "gp"));

    [Fact]
    public void Status_reply_carries_the_manuals_code()
    {
        Assert.True(ElliptecReply.TryParse(Encoding.ASCII.GetBytes("1GS0C"), out ElliptecReply reply));
        Assert.Equal(ElliptecStatus.OutOfRange, reply.StatusCode);
    }
}
