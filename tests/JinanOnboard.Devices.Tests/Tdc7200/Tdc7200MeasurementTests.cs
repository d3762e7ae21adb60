using JinanOnboard.Devices.Simulated.Tdc7200;
using JinanOnboard.Devices.Tdc7200;

namespace JinanOnboard.Devices.Tests.Tdc7200;

/// <summary>Measurements through the real binding on the simulated chip, checked against the configured truth.</summary>
public sealed class Tdc7200MeasurementTests
{
    private static readonly TimeSpan Timeout = TdcBench.TestTimeout;
    // Only a hang guard: the simulated INTB falls on a thread-pool work item, which on the loaded shared machine has
    // been seen to wait over 500 ms for a thread (the pool injects threads slowly while tests block theirs).
    private static readonly TimeSpan IntbTimeout = TimeSpan.FromSeconds(5);
    private static readonly SimulatedTdc7200Options Noiseless = new() { JitterSigmaSeconds = 0 };

    [Fact]
    public void The_formulas_reproduce_the_datasheet_worked_example()
    {
        // SNAS647D §8.4.2.1.1: CALIBRATION2 = 21121, CALIBRATION1 = 2110, 10 periods, 8 MHz, TIME1 = 4175 -> 247.061 ns.
        double calCount = Tdc7200TimeOfFlight.CalibrationCount(2110, 21121, 10);
        double normLsb = Tdc7200TimeOfFlight.NormalizedLsbSeconds(1 / 8e6, calCount);

        Assert.Equal(2112.33, calCount, 2);
        Assert.Equal(5.917e-11, normLsb, 13);
        Assert.Equal(247.061e-9, Tdc7200TimeOfFlight.Mode1Seconds(4175, normLsb), 12);
    }

    [Theory]
    [InlineData(12e-9)]
    [InlineData(100e-9)]
    [InlineData(247.061e-9)]
    [InlineData(480e-9)]
    public async Task Mode_1_measures_within_one_LSB_of_the_truth(double tofSeconds)
    {
        using var bench = new TdcBench(Noiseless);
        bench.Simulator.StopTimesSeconds = [tofSeconds];
        bench.Device.Configure(new Tdc7200Configuration { Mode = Tdc7200MeasurementMode.Mode1, CalibrationPeriods = Tdc7200CalibrationPeriods.Forty });

        Tdc7200Measurement m = await bench.Device.MeasureAsync(IntbTimeout).WaitAsync(Timeout);

        Assert.InRange(m.TimeOfFlightSeconds[0] - tofSeconds, -bench.LsbSeconds, bench.LsbSeconds);
        Assert.Equal(bench.LsbSeconds, m.NormalizedLsbSeconds, 13);
    }

    [Theory]
    [InlineData(300e-9)]
    [InlineData(10.0123e-6)]
    [InlineData(2.000017e-3)]
    [InlineData(8e-3)]
    public async Task Mode_2_measures_within_one_LSB_of_the_truth(double tofSeconds)
    {
        using var bench = new TdcBench(Noiseless);
        bench.Simulator.StopTimesSeconds = [tofSeconds];
        bench.Device.Configure(new Tdc7200Configuration { Mode = Tdc7200MeasurementMode.Mode2 });

        Tdc7200Measurement m = await bench.Device.MeasureAsync(IntbTimeout).WaitAsync(Timeout);

        Assert.InRange(m.TimeOfFlightSeconds[0] - tofSeconds, -bench.LsbSeconds, bench.LsbSeconds);
        Assert.InRange((double)m.ClockCount[0], Math.Floor(tofSeconds * 8e6) - 1, Math.Ceiling(tofSeconds * 8e6) + 1);
    }

    [Fact]
    public async Task With_the_datasheet_jitter_the_mean_is_within_one_LSB_and_the_spread_is_the_configured_one()
    {
        using var bench = new TdcBench(new SimulatedTdc7200Options { Seed = 7 });
        double truth = 1.2345e-6;
        bench.Simulator.StopTimesSeconds = [truth];
        bench.Device.Configure(new Tdc7200Configuration { Mode = Tdc7200MeasurementMode.Mode2, CalibrationPeriods = Tdc7200CalibrationPeriods.Forty });

        var errors = new double[200];
        for (int i = 0; i < errors.Length; i++)
        {
            Tdc7200Measurement m = await bench.Device.MeasureAsync(IntbTimeout).WaitAsync(Timeout);
            errors[i] = m.TimeOfFlightSeconds[0] - truth;
        }

        double mean = errors.Average();
        double sd = Math.Sqrt(errors.Sum(e => (e - mean) * (e - mean)) / (errors.Length - 1));
        Assert.InRange(mean, -bench.LsbSeconds, bench.LsbSeconds);

        // Two noisy intervals (TIME1 and TIME2) per mode 2 result: σ·√2 ≈ 49 ps, plus quantisation; generous bounds.
        Assert.InRange(sd, 35e-12, 70e-12);
    }

    [Fact]
    public async Task Mode_1_multi_stop_reports_every_STOP_in_order()
    {
        using var bench = new TdcBench(Noiseless);
        double[] stops = [50e-9, 120.5e-9, 260e-9, 399e-9, 470e-9];
        bench.Simulator.StopTimesSeconds = stops;
        bench.Device.Configure(new Tdc7200Configuration { Mode = Tdc7200MeasurementMode.Mode1, NumberOfStops = 5, CalibrationPeriods = Tdc7200CalibrationPeriods.Forty });

        Tdc7200Measurement m = await bench.Device.MeasureAsync(IntbTimeout).WaitAsync(Timeout);

        Assert.Equal(5, m.TimeOfFlightSeconds.Count);
        for (int n = 0; n < stops.Length; n++)
        {
            Assert.InRange(m.TimeOfFlightSeconds[n] - stops[n], -bench.LsbSeconds, bench.LsbSeconds);
        }
    }

    [Fact]
    public async Task Mode_2_multi_stop_reports_every_STOP_in_order()
    {
        using var bench = new TdcBench(Noiseless);
        double[] stops = [1.0e-6, 2.0031e-6, 3.5e-6];
        bench.Simulator.StopTimesSeconds = stops;
        bench.Device.Configure(new Tdc7200Configuration { Mode = Tdc7200MeasurementMode.Mode2, NumberOfStops = 3 });

        Tdc7200Measurement m = await bench.Device.MeasureAsync(IntbTimeout).WaitAsync(Timeout);

        Assert.Equal(3, m.TimeOfFlightSeconds.Count);
        for (int n = 0; n < stops.Length; n++)
        {
            Assert.InRange(m.TimeOfFlightSeconds[n] - stops[n], -bench.LsbSeconds, bench.LsbSeconds);
        }
    }

    [Fact]
    public async Task Mode_2_ignores_STOPs_inside_the_clock_counter_STOP_mask()
    {
        using var bench = new TdcBench(Noiseless);
        bench.Simulator.StopTimesSeconds = [1e-6, 5e-6];
        bench.Device.Configure(new Tdc7200Configuration { Mode = Tdc7200MeasurementMode.Mode2, ClockCounterStopMask = 16 }); // 2 us at 8 MHz

        Tdc7200Measurement m = await bench.Device.MeasureAsync(IntbTimeout).WaitAsync(Timeout);

        Assert.InRange(m.TimeOfFlightSeconds[0] - 5e-6, -bench.LsbSeconds, bench.LsbSeconds);
    }

    [Fact]
    public async Task Fewer_STOPs_than_NUM_STOP_end_in_a_typed_overflow()
    {
        using var bench = new TdcBench(Noiseless);
        bench.Simulator.StopTimesSeconds = [1e-6, 2e-6];
        bench.Device.Configure(new Tdc7200Configuration { Mode = Tdc7200MeasurementMode.Mode2, NumberOfStops = 3, ClockCounterOverflow = 100 });

        Tdc7200OverflowException e = await Assert.ThrowsAsync<Tdc7200OverflowException>(() => bench.Device.MeasureAsync(IntbTimeout).WaitAsync(Timeout));

        Assert.True(e.Status.HasFlag(Tdc7200InterruptStatus.ClockCntrOvfInt));
        Assert.Equal(0u, bench.Simulator.Peek(0x02) & 0x07u); // the binding cleared INT_STATUS
    }

    [Fact]
    public async Task A_STOP_beyond_the_mode_1_coarse_counter_overflow_is_a_typed_overflow()
    {
        using var bench = new TdcBench(Noiseless);
        bench.Simulator.StopTimesSeconds = [400e-9];
        bench.Device.Configure(new Tdc7200Configuration { Mode = Tdc7200MeasurementMode.Mode1, CoarseCounterOverflow = 10 });

        Tdc7200OverflowException e = await Assert.ThrowsAsync<Tdc7200OverflowException>(() => bench.Device.MeasureAsync(IntbTimeout).WaitAsync(Timeout));

        Assert.True(e.Status.HasFlag(Tdc7200InterruptStatus.CoarseCntrOvfInt));
    }

    [Fact]
    public async Task A_chip_that_never_pulls_INTB_low_is_a_typed_timeout()
    {
        using var bench = new TdcBench(Noiseless);
        bench.Simulator.NeverInterrupt = true;
        bench.Device.Configure(new Tdc7200Configuration());

        Tdc7200TimeoutException e = await Assert.ThrowsAsync<Tdc7200TimeoutException>(() => bench.Device.MeasureAsync(TimeSpan.FromMilliseconds(50)).WaitAsync(Timeout));

        Assert.Contains("INTB (GPIO 25)", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, bench.Simulator.MeasurementsStarted);
    }

    [Fact]
    public async Task A_result_bit_error_fails_the_parity_check_naming_the_register_and_bytes()
    {
        using var bench = new TdcBench(Noiseless);
        bench.Simulator.CorruptTime1 = true;
        bench.Device.Configure(new Tdc7200Configuration { ParityEnabled = true });

        Tdc7200ProtocolException e = await Assert.ThrowsAsync<Tdc7200ProtocolException>(() => bench.Device.MeasureAsync(IntbTimeout).WaitAsync(Timeout));

        Assert.Contains("Time1 failed its even-parity check", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, e.Bytes.Count);
    }

    [Fact]
    public async Task The_results_are_read_in_one_auto_increment_burst_and_INTB_is_released_after()
    {
        using var bench = new TdcBench(Noiseless);
        bench.Device.Configure(new Tdc7200Configuration());

        await bench.Device.MeasureAsync(IntbTimeout).WaitAsync(Timeout);

        byte[] burst = bench.Simulator.Transactions.Single(t => t[0] == 0x90);
        Assert.Equal(1 + (13 * 3), burst.Length);
        Assert.Equal(System.Device.Gpio.PinValue.High, bench.Simulator.InterruptLine.LevelOf(25));
        Assert.Equal(0u, bench.Simulator.Peek(0x00) & 0x01u); // START_MEAS cleared by the chip
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_measurements()
    {
        async Task<double[]> RunAsync()
        {
            using var bench = new TdcBench(new SimulatedTdc7200Options { Seed = 42 });
            bench.Simulator.StopTimesSeconds = [3.3e-6];
            bench.Device.Configure(new Tdc7200Configuration { Mode = Tdc7200MeasurementMode.Mode2 });
            var tofs = new double[5];
            for (int i = 0; i < tofs.Length; i++)
            {
                tofs[i] = (await bench.Device.MeasureAsync(IntbTimeout).WaitAsync(Timeout)).TimeOfFlightSeconds[0];
            }

            return tofs;
        }

        Assert.Equal(await RunAsync(), await RunAsync());
    }
}
