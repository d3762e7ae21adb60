using JinanOnboard.Distillation.Exchange;
using JinanOnboard.Ldpc;
using JinanOnboard.Runtime.Distillation;

namespace JinanOnboard.Firmware.Tests.Distillation;

public sealed class LdpcReconciliationCodecTests
{
    private const int PacketBits = 20_000; // a small book: building one code takes milliseconds

    [Fact]
    public void GetSyndromeBits_gives_minus_one_for_an_unknown_code_or_packet_length_and_never_throws()
    {
        var codec = new LdpcReconciliationCodec();
        Assert.Equal(-1, codec.GetSyndromeBits(999, PacketBits));
        Assert.Equal(-1, codec.GetSyndromeBits(-5, PacketBits));
        Assert.Equal(-1, codec.GetSyndromeBits(1, PacketBits + 8)); // no book for a length that is not a multiple of 16
        Assert.Equal(-1, codec.GetSyndromeBits(1, 16)); // nor for one shorter than any book
    }

    [Fact]
    public void GetSyndromeBits_of_a_known_code_is_its_syndrome_length()
    {
        var codec = new LdpcReconciliationCodec();
        ReconciliationCodeChoice choice = codec.SelectCode(0.022, PacketBits);
        Assert.Equal(choice.SyndromeBits, codec.GetSyndromeBits(choice.CodeId, PacketBits));
        Assert.Equal(LdpcCodeBook.CreateDefault(PacketBits).GetById(choice.CodeId).SyndromeLength, choice.SyndromeBits);
    }

    [Fact]
    public void Syndrome_and_decoding_refuse_an_unknown_code_with_a_protocol_exception()
    {
        var codec = new LdpcReconciliationCodec();
        var bits = new byte[PacketBits / 8];
        var syndrome = new byte[PacketBits / 8];
        Assert.Throws<DistillationProtocolException>(() => codec.ComputeSyndrome(999, PacketBits, bits, syndrome));
        Assert.Throws<DistillationProtocolException>(() => codec.TryDecode(999, PacketBits, bits, syndrome, 0.02, bits));
    }
}
