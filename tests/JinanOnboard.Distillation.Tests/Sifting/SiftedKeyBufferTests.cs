using JinanOnboard.Distillation.Sifting;
using JinanOnboard.Source;

namespace JinanOnboard.Distillation.Tests.Sifting;

public sealed class SiftedKeyBufferTests
{
    [Fact]
    public void Cuts_packets_of_exactly_the_packet_length_in_order_and_keeps_the_tail()
    {
        var buffer = new SiftedKeyBuffer(64);
        var packets = new List<SiftedPacket>();
        for (int i = 0; i < 150; i++)
        {
            SiftedPacket? p = buffer.Append(i % 3 == 0 ? 1 : 0, SiftedBitClass.Of(i % 2 == 0 ? PulseBasis.Z : PulseBasis.X, (byte)(i % 3)));
            if (p is not null)
            {
                packets.Add(p);
            }
        }

        Assert.Equal(2, packets.Count);
        Assert.Equal([0, 1], packets.Select(p => p.PacketId));
        Assert.Equal(150, buffer.TotalBits);
        for (int j = 0; j < 64; j++)
        {
            int i = 64 + j;
            Assert.Equal(i % 3 == 0 ? 1 : 0, PackedBits.Get(packets[1].Bits, j));
        }

        long[] counts = packets[0].CountPerClass();
        Assert.Equal(64, counts.Sum());
        Assert.Equal(11, counts[SiftedBitClass.Of(PulseBasis.Z, 0)]); // i even and i % 3 == 0 → i % 6 == 0, i < 64
    }

    [Fact]
    public void Bit_classes_follow_the_wire_order()
    {
        Assert.Equal(0, SiftedBitClass.Of(PulseBasis.Z, PulseChoice.SignalIntensity));
        Assert.Equal(2, SiftedBitClass.Of(PulseBasis.Z, PulseChoice.VacuumIntensity));
        Assert.Equal(4, SiftedBitClass.Of(PulseBasis.X, PulseChoice.DecoyIntensity));
    }
}
