using JinanOnboard.Devices.Mirrors;
using JinanOnboard.Devices.Mirrors.AnalogFsm;
using JinanOnboard.Devices.Simulated.Mirrors;

namespace JinanOnboard.Devices.Tests.Mirrors.AnalogFsm;

/// <summary>
/// The mirror layer over the real Iot.Device.Bindings AD5328 and ADS1115 drivers, against the simulated bench
/// (converters decoding the bytes, second-order mirror in between), on the system clock.
/// </summary>
public sealed class AnalogSteeringMirrorTests
{
    /// <summary>One DAC step at the mirror: 5 V / 4096 x 4 x 2620 urad/V.</summary>
    private const double DacStepMicroradians = 5.0 / 4096 * 4 * 2620;

    [Fact]
    public async Task A_move_settles_where_commanded_and_the_read_back_agrees()
    {
        var bench = new AnalogFsmBench();
        using var mirror = new AnalogSteeringMirror(bench.Dac, bench.Adc);

        await mirror.MoveAsync(10_000, -5_000);
        await Task.Delay(30); // the plant settles in ~2 ms (800 Hz, damping 0.6)
        TipTiltPosition read = await mirror.ReadPositionAsync();
        (double trueX, double trueY) = bench.TiltNow();

        Assert.Equal(10_000, trueX, DacStepMicroradians / 2);
        Assert.Equal(-5_000, trueY, DacStepMicroradians / 2);
        Assert.Equal(trueX, read.XMicroradians, 2.0); // ADC LSB 62.5 uV x 13100 urad/V = 0.8 urad
        Assert.Equal(trueY, read.YMicroradians, 2.0);
        Assert.False(mirror.IsFaulted);
    }

    [Fact]
    public void The_range_is_the_mechanical_range_cut_to_what_the_dac_reaches()
    {
        var bench = new AnalogFsmBench();
        using var mirror = new AnalogSteeringMirror(bench.Dac, bench.Adc);

        Assert.Equal(new TipTiltRange(-26_200, 26_200 - DacStepMicroradians, -26_200, 26_200 - DacStepMicroradians), mirror.RangeMicroradians);
        Assert.Equal(2048, mirror.DacCode(mirror.Options.X, 0));
        Assert.Equal(0, mirror.DacCode(mirror.Options.X, -26_200));
    }

    [Theory]
    [InlineData(26_200, 0)]
    [InlineData(0, -26_201)]
    [InlineData(double.NaN, 0)]
    [InlineData(0, double.PositiveInfinity)]
    public void A_command_outside_the_range_is_refused_before_anything_is_sent(double x, double y)
    {
        var bench = new AnalogFsmBench();
        using var mirror = new AnalogSteeringMirror(bench.Dac, bench.Adc);
        int framesBefore = bench.Dac.Frames.Count;

        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = mirror.MoveAsync(x, y); });

        Assert.Equal(framesBefore, bench.Dac.Frames.Count);
        Assert.Equal(0, mirror.UpdatesSent);
    }

    [Fact]
    public async Task A_long_move_is_cut_into_steps_no_larger_than_the_slew_limit_each_moving_both_axes_at_once()
    {
        var bench = new AnalogFsmBench();
        using var mirror = new AnalogSteeringMirror(bench.Dac, bench.Adc, new AnalogSteeringMirrorOptions { MaxStepMicroradians = 1_000 });
        TipTiltPosition start = mirror.LastCommandMicroradians; // the power-on DAC code 0: about -26.2 mrad on both axes
        int framesBefore = bench.Dac.Frames.Count;

        await mirror.MoveAsync(0, 0);

        ushort[] frames = [.. bench.Dac.Frames.Skip(framesBefore)];
        int expectedSteps = (int)Math.Ceiling(Math.Max(Math.Abs(start.XMicroradians), Math.Abs(start.YMicroradians)) / 1_000);
        Assert.Equal(expectedSteps, mirror.UpdatesSent);
        Assert.Equal(3 * expectedSteps, frames.Length);
        int previousCode = -1;
        for (int i = 0; i < frames.Length; i += 3)
        {
            Assert.Equal(0x0, frames[i] >> 12);        // DAC A input register
            Assert.Equal(0x1, frames[i + 1] >> 12);    // DAC B input register
            Assert.Equal(Ad5328ControlWord.LdacSingleUpdate, frames[i + 2]);
            int code = frames[i] & 0xFFF;
            if (previousCode >= 0)
            {
                Assert.InRange((code - previousCode) * DacStepMicroradians, 0, 1_000 + DacStepMicroradians);
            }

            previousCode = code;
        }

        Assert.Equal(2048, previousCode);
        Assert.Equal(2048, bench.Dac.DacRegister(0));
        Assert.Equal(2048, bench.Dac.DacRegister(1));
    }

    [Fact]
    public async Task A_silent_adc_is_retried_then_reported_as_a_fault_and_recovers()
    {
        var bench = new AnalogFsmBench();
        using var mirror = new AnalogSteeringMirror(bench.Dac, bench.Adc);
        bench.Adc.NotAcknowledging = true;
        int before = bench.Adc.Transactions;

        AnalogMirrorException ex = await Assert.ThrowsAsync<AnalogMirrorException>(() => mirror.ReadPositionAsync().AsTask());

        Assert.Equal(3, bench.Adc.Transactions - before); // one failed write per attempt: 1 + 2 retries
        Assert.Contains("ADS1115 on I2C 1 0x48", ex.Message, StringComparison.Ordinal);
        Assert.Contains("read-back failed after 3 attempts", ex.Message, StringComparison.Ordinal);
        Assert.True(mirror.IsFaulted);

        bench.Adc.NotAcknowledging = false;
        await mirror.ReadPositionAsync();
        Assert.False(mirror.IsFaulted);
    }

    [Fact]
    public async Task A_conversion_that_never_completes_times_out_in_the_binding_and_becomes_a_fault()
    {
        var bench = new AnalogFsmBench();
        using var mirror = new AnalogSteeringMirror(bench.Dac, bench.Adc, new AnalogSteeringMirrorOptions { ReadRetryAttempts = 1 });
        bench.Adc.ConversionStuck = true;

        AnalogMirrorException ex = await Assert.ThrowsAsync<AnalogMirrorException>(() => mirror.ReadPositionAsync().AsTask());

        Assert.IsType<TimeoutException>(ex.InnerException);
        Assert.True(mirror.IsFaulted);
    }

    [Fact]
    public void A_read_back_at_the_adc_full_scale_is_a_typed_error_with_the_raw_bytes()
    {
        // A divider of 1/2 instead of 1/5 puts the power-on -26.2 mrad at -5 V on the ADC, past its +-2.048 V.
        var bench = new AnalogFsmBench(new AnalogFsmBenchOptions { SenseAttenuation = 0.5 });

        AnalogMirrorException ex = Assert.Throws<AnalogMirrorException>(() => new AnalogSteeringMirror(bench.Dac, bench.Adc));

        Assert.Contains("AIN0_AIN3 is at the ADC's full scale [8000]", ex.Message, StringComparison.Ordinal);
        Assert.Equal([0x80, 0x00], ex.Bytes);
    }

    [Fact]
    public void The_probe_reads_the_config_register_and_echoes_through_lo_thresh()
    {
        var bench = new AnalogFsmBench();

        ushort config = AnalogSteeringMirror.ProbeAdc(bench.Adc);

        Assert.Equal(0x8583, config); // the ADS1115's reset value
        Assert.Equal(0x8000, bench.Adc.LoThreshold); // restored

        bench.Adc.NotAcknowledging = true;
        AnalogMirrorException ex = Assert.Throws<AnalogMirrorException>(() => AnalogSteeringMirror.ProbeAdc(bench.Adc));
        Assert.StartsWith("ADS1115 on I2C 1 0x48: no answer", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calibration_offsets_carry_a_mounting_offset_both_ways()
    {
        var bench = new AnalogFsmBench(new AnalogFsmBenchOptions { MirrorOffsetMicroradians = 300 });
        var options = new AnalogSteeringMirrorOptions();
        options = options with
        {
            X = options.X with { CommandOffsetMicroradians = 300 },
            Y = options.Y with { CommandOffsetMicroradians = 300 },
        };
        using var mirror = new AnalogSteeringMirror(bench.Dac, bench.Adc, options);

        await mirror.MoveAsync(1_000, 2_000);
        await Task.Delay(30);
        (double x, double y) = bench.TiltNow();

        Assert.Equal(1_000, x, DacStepMicroradians / 2);
        Assert.Equal(2_000, y, DacStepMicroradians / 2);
    }
}
