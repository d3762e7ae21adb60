using Iot.Device.Ads1115;
using JinanOnboard.Devices.Simulated.Buses;
using Microsoft.Extensions.Time.Testing;

namespace JinanOnboard.Devices.Tests.Mirrors.AnalogFsm;

/// <summary>The simulated ADS1115: the binding's configuration and reads, single-shot timing, clipping, bad pointers.</summary>
public sealed class SimulatedAds1115Tests
{
    [Fact]
    public void The_binding_configures_it_and_reads_a_differential_input()
    {
        var adc = new SimulatedAds1115(new FixedInputs(2.9, 0, 0, 2.5));
        using var binding = new Ads1115(adc, InputMultiplexer.AIN0_AIN3, MeasuringRange.FS2048, DataRate.SPS860, DeviceMode.PowerDown);

        short raw = binding.ReadRaw();

        Assert.Equal(6400, raw); // 0.4 V / 2.048 V x 32768
        Assert.Equal(0.4, binding.RawToVoltage(raw).Volts, 12);
        // OS idle, MUX 001, PGA 010, MODE 1, DR 111, comparator disabled (COMP_QUE 11)
        Assert.Equal(0x95E3, adc.Config);
        Assert.Equal(0x8000, adc.LoThreshold);
        Assert.Equal(0x7FFF, adc.HiThreshold);
    }

    [Fact]
    public void The_binding_in_continuous_mode_reads_the_running_conversions()
    {
        var adc = new SimulatedAds1115(new FixedInputs(0, 1.0, 0, 0));
        using var binding = new Ads1115(adc, InputMultiplexer.AIN1, MeasuringRange.FS4096, DataRate.SPS860, DeviceMode.Continuous);

        short raw = binding.ReadRaw();

        Assert.Equal(8000, raw); // 1.0 V / 4.096 V x 32768
        Assert.Equal(0, adc.Config & 0x0100); // MODE 0: continuous
    }

    [Fact]
    public void A_single_shot_conversion_takes_one_over_the_data_rate_and_samples_when_it_ends()
    {
        var time = new FakeTimeProvider();
        var ramp = new RampInput(time);
        var adc = new SimulatedAds1115(ramp, time);
        Span<byte> reply = stackalloc byte[2];

        adc.Write([0x01, 0xC1, 0x03]); // OS start, AIN0-GND, +-6.144 V, single-shot, 8 SPS (125 ms)
        adc.WriteRead([0x01], reply);
        Assert.Equal(0x41, reply[0]); // OS reads 0: converting

        time.Advance(TimeSpan.FromMilliseconds(124));
        adc.WriteRead([0x01], reply);
        Assert.Equal(0x41, reply[0]);

        time.Advance(TimeSpan.FromMilliseconds(2));
        adc.WriteRead([0x01], reply);
        Assert.Equal(0xC1, reply[0]);
        adc.WriteRead([0x00], reply);
        short code = (short)((reply[0] << 8) | reply[1]);
        Assert.Equal((short)Math.Round(0.125 / 6.144 * 32768), code); // the ramp is 1 V/s: 0.125 V at the end of the conversion
    }

    [Theory]
    [InlineData(3.0, 0x7F, 0xFF)]
    [InlineData(-3.0, 0x80, 0x00)]
    public void Inputs_beyond_full_scale_clip_at_the_extreme_codes(double volts, byte msb, byte lsb)
    {
        var time = new FakeTimeProvider();
        var adc = new SimulatedAds1115(new FixedInputs(volts, 0, 0, 0), time);
        Span<byte> reply = stackalloc byte[2];

        adc.Write([0x01, 0xC5, 0xE3]); // OS start, AIN0-GND, +-2.048 V, single-shot, 860 SPS
        time.Advance(TimeSpan.FromMilliseconds(2));
        adc.WriteRead([0x00], reply);

        Assert.Equal([msb, lsb], reply.ToArray());
    }

    [Fact]
    public void Continuous_mode_refreshes_the_conversion_register_every_period()
    {
        var time = new FakeTimeProvider();
        var adc = new SimulatedAds1115(new RampInput(time), time);

        adc.Write([0x01, 0x40, 0x83]); // AIN0-GND, +-6.144 V, continuous, 128 SPS
        time.Advance(TimeSpan.FromMilliseconds(20)); // two conversions done (7.8125 ms each)
        int first = adc.ConversionsCompleted;
        time.Advance(TimeSpan.FromMilliseconds(8));
        adc.WriteRead([0x00], new byte[2]);

        Assert.Equal(0, first); // lazily sampled: nothing read yet
        Assert.Equal(1, adc.ConversionsCompleted);
        Assert.Equal(0, adc.Config & 0x8000); // always converting
    }

    [Fact]
    public void A_pointer_with_reserved_bits_set_is_not_acknowledged()
    {
        var adc = new SimulatedAds1115(new FixedInputs(0, 0, 0, 0));

        IOException ex = Assert.Throws<IOException>(() => adc.Write([0x05, 0x00, 0x00]));

        Assert.Contains("0x48", ex.Message, StringComparison.Ordinal);
    }

    private sealed class FixedInputs(params double[] volts) : IAnalogInputs
    {
        public double VoltsAt(int pin, long timestamp) => volts[pin];
    }

    /// <summary>AIN0 rises 1 V per second from the start of the fake clock.</summary>
    private sealed class RampInput(FakeTimeProvider time) : IAnalogInputs
    {
        private readonly long start = time.GetTimestamp();

        public double VoltsAt(int pin, long timestamp) => pin == 0 ? (double)(timestamp - start) / time.TimestampFrequency : 0.0;
    }
}
