using Iot.Device.DAC;
using JinanOnboard.Devices.Mirrors.AnalogFsm;
using JinanOnboard.Devices.Simulated.Buses;
using UnitsNet;

namespace JinanOnboard.Devices.Tests.Mirrors.AnalogFsm;

/// <summary>The simulated AD5328 decodes the binding's words and every control word as the datasheet lays them out.</summary>
public sealed class SimulatedAd5328Tests
{
    [Fact]
    public void The_bindings_data_word_lands_in_the_addressed_input_register()
    {
        var dac = new SimulatedAd5328(referenceAbcdVolts: 2.5);
        var binding = new AD5328(dac, ElectricPotential.FromVolts(5), ElectricPotential.FromVolts(5));

        binding.SetVoltage(2, ElectricPotential.FromVolts(1.25)); // 1.25 / (5 / 4095) = 1023.75 -> code 1024

        Assert.Equal([0x2400], dac.Frames);
        Assert.Equal(1024, dac.InputRegister(2));
        Assert.Equal(1024, dac.DacRegister(2)); // power-on LDAC mode: transparent
        Assert.Equal(2.5 * 1024 / 4096, dac.OutputVolts(2), 12);
    }

    [Theory]
    [InlineData(true, false, true, false, 0x8014)]
    [InlineData(false, true, false, true, 0x8028)]
    [InlineData(false, false, true, true, 0x800C)]
    public void Gain_and_buffer_words_set_each_group(bool gainAbcd, bool gainEfgh, bool bufAbcd, bool bufEfgh, int expectedWord)
    {
        var dac = new SimulatedAd5328();
        ushort word = Ad5328ControlWord.GainAndBuffer(gainAbcd, gainEfgh, bufAbcd, bufEfgh);

        dac.Write([(byte)(word >> 8), (byte)word]);

        Assert.Equal(expectedWord, word);
        Assert.Equal(gainAbcd, dac.IsGainDoubled(0));
        Assert.Equal(gainEfgh, dac.IsGainDoubled(7));
        Assert.Equal(bufAbcd, dac.IsReferenceBuffered(3));
        Assert.Equal(bufEfgh, dac.IsReferenceBuffered(4));
    }

    [Fact]
    public void Doubled_gain_scales_the_output_up_to_the_supply()
    {
        var dac = new SimulatedAd5328(referenceAbcdVolts: 2.5, supplyVolts: 5.0);
        Send(dac, Ad5328ControlWord.GainAndBuffer(true, true, true, true));
        Send(dac, 0x0800); // DAC A mid-scale

        Assert.Equal(2.5, dac.OutputVolts(0), 12);
    }

    [Fact]
    public void Latched_mode_holds_the_outputs_until_one_update_moves_them_all()
    {
        var dac = new SimulatedAd5328();
        Send(dac, Ad5328ControlWord.LdacLatched);
        Send(dac, 0x0123);
        Send(dac, 0x1456);

        Assert.Equal(Ad5328LdacMode.Latched, dac.LdacMode);
        Assert.Equal(0x123, dac.InputRegister(0));
        Assert.Equal(0, dac.DacRegister(0));
        Assert.Equal(0, dac.DacRegister(1));

        Send(dac, Ad5328ControlWord.LdacSingleUpdate);

        Assert.Equal(0x123, dac.DacRegister(0));
        Assert.Equal(0x456, dac.DacRegister(1));
        Assert.Equal(Ad5328LdacMode.Latched, dac.LdacMode);

        dac.LdacPinLow = true; // the pin tied low overrides the latch
        Send(dac, 0x0789);
        Assert.Equal(0x789, dac.DacRegister(0));
    }

    [Fact]
    public void Power_down_and_the_two_resets()
    {
        var dac = new SimulatedAd5328();
        Send(dac, Ad5328ControlWord.GainAndBuffer(true, true, false, false));
        Send(dac, 0x0FFF);
        Send(dac, Ad5328ControlWord.PowerDown(0b0000_0001));

        Assert.True(dac.IsPoweredDown(0));
        Assert.False(dac.IsPoweredDown(1));
        Assert.Equal(0.0, dac.OutputVolts(0));

        Send(dac, Ad5328ControlWord.Reset(dataAndControl: false));
        Assert.Equal(0, dac.InputRegister(0));
        Assert.True(dac.IsPoweredDown(0));
        Assert.True(dac.IsGainDoubled(0));

        Send(dac, Ad5328ControlWord.Reset(dataAndControl: true));
        Assert.False(dac.IsPoweredDown(0));
        Assert.False(dac.IsGainDoubled(0));
        Assert.Equal([0x8030, 0x0FFF, 0xC001, 0xE000, 0xF000], dac.Frames);
    }

    [Fact]
    public void A_frame_shorter_than_16_clocks_is_a_sync_interrupt_and_ignored()
    {
        var dac = new SimulatedAd5328();

        dac.Write([0x0F]);
        dac.WriteByte(0xFF);

        Assert.Empty(dac.Frames);
        Assert.Equal(2, dac.InterruptedFrames);
        Assert.Equal(0, dac.InputRegister(0));
    }

    private static void Send(SimulatedAd5328 dac, ushort word) => dac.Write([(byte)(word >> 8), (byte)word]);
}
