using JinanOnboard.Distillation.Exchange;

namespace JinanOnboard.Distillation.Tests.Exchange;

public sealed class DistillationOptionsTests
{
    [Fact]
    public void Defaults_are_the_jinan1_values()
    {
        var options = new DistillationOptions();
        options.ThrowIfInvalid();
        Assert.Equal(0.1, options.SampleFraction);
        Assert.Equal(100_000, options.PacketBits);
        Assert.Equal(500_000, options.BlockBits);
        Assert.Equal(1e-10, options.EpsilonSec);
        Assert.Equal(1e-10, options.EpsilonCor);
    }

    [Theory]
    [InlineData(0.0, 100_000, 5)]
    [InlineData(0.1, 100_001, 5)]
    [InlineData(0.1, 100_000, 0)]
    [InlineData(0.1, 100_000, 65)]
    public void Out_of_range_settings_are_named(double sampleFraction, int packetBits, int blockPackets)
    {
        var options = new DistillationOptions { SampleFraction = sampleFraction, PacketBits = packetBits, BlockPackets = blockPackets };
        Assert.Throws<ArgumentException>(options.ThrowIfInvalid);
    }
}
