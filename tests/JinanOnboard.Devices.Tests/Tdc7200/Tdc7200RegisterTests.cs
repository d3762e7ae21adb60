using System.Device.Gpio;
using System.Device.Spi;
using JinanOnboard.Devices.Simulated.Tdc7200;
using JinanOnboard.Devices.Tdc7200;

namespace JinanOnboard.Devices.Tests.Tdc7200;

/// <summary>Command bytes, register access and the identity check, on the simulated chip.</summary>
public sealed class Tdc7200RegisterTests
{
    [Theory]
    [InlineData(Tdc7200Register.Config1, false, false, 0x00)]
    [InlineData(Tdc7200Register.Config1, true, false, 0x40)]
    [InlineData(Tdc7200Register.IntStatus, true, false, 0x42)]
    [InlineData(Tdc7200Register.Time1, false, true, 0x90)]
    [InlineData(Tdc7200Register.Calibration2, false, false, 0x1C)]
    public void The_command_byte_is_autoinc_rw_and_the_6_bit_address(Tdc7200Register register, bool write, bool autoIncrement, byte expected)
        => Assert.Equal(expected, Tdc7200Spi.Command(register, write, autoIncrement));

    [Fact]
    public void Reset_values_read_back_as_the_datasheet_gives_them()
    {
        using var bench = new TdcBench();

        Assert.Equal(0x00, bench.Device.ReadRegister(Tdc7200Register.Config1));
        Assert.Equal(0x40, bench.Device.ReadRegister(Tdc7200Register.Config2));
        Assert.Equal(0x07, bench.Device.ReadRegister(Tdc7200Register.IntMask));
        Assert.Equal(0xFF, bench.Device.ReadRegister(Tdc7200Register.CoarseCntrOvfH));
        Assert.Equal(0xFF, bench.Device.ReadRegister(Tdc7200Register.ClockCntrOvfL));
        Assert.Equal(0u, bench.Device.ReadRegister24(Tdc7200Register.Calibration2));
    }

    [Fact]
    public void Configure_round_trips_every_configuration_register()
    {
        using var bench = new TdcBench();
        var settings = new Tdc7200Configuration
        {
            Mode = Tdc7200MeasurementMode.Mode2,
            NumberOfStops = 4,
            CalibrationPeriods = Tdc7200CalibrationPeriods.Forty,
            StopOnFallingEdge = true,
            ParityEnabled = true,
            CoarseCounterOverflow = 0x1234,
            ClockCounterOverflow = 0xABCD,
            ClockCounterStopMask = 0x0102,
        };

        bench.Device.Configure(settings);

        Assert.Equal(0x52, bench.Device.ReadRegister(Tdc7200Register.Config1)); // PARITY_EN | STOP_EDGE | MEAS_MODE=01
        Assert.Equal(0xC3, bench.Device.ReadRegister(Tdc7200Register.Config2)); // 40 periods, 1 cycle, NUM_STOP=011
        Assert.Equal(0x07, bench.Device.ReadRegister(Tdc7200Register.IntMask));
        Assert.Equal(0x12, bench.Device.ReadRegister(Tdc7200Register.CoarseCntrOvfH));
        Assert.Equal(0x34, bench.Device.ReadRegister(Tdc7200Register.CoarseCntrOvfL));
        Assert.Equal(0xAB, bench.Device.ReadRegister(Tdc7200Register.ClockCntrOvfH));
        Assert.Equal(0xCD, bench.Device.ReadRegister(Tdc7200Register.ClockCntrOvfL));
        Assert.Equal(0x01, bench.Device.ReadRegister(Tdc7200Register.ClockCntrStopMaskH));
        Assert.Equal(0x02, bench.Device.ReadRegister(Tdc7200Register.ClockCntrStopMaskL));
    }

    [Fact]
    public void A_24_bit_register_cannot_be_read_as_8_bit()
    {
        using var bench = new TdcBench();

        Assert.Throws<ArgumentException>(() => bench.Device.ReadRegister(Tdc7200Register.Time1));
        Assert.Throws<ArgumentException>(() => bench.Device.WriteRegister(Tdc7200Register.Calibration1, 1));
    }

    [Fact]
    public void The_identity_check_passes_on_the_chip_and_restores_the_registers()
    {
        using var bench = new TdcBench();
        bench.Device.WriteRegister(Tdc7200Register.ClockCntrStopMaskL, 0x07);

        bench.Device.VerifyPresent();

        Assert.Equal(0x07, bench.Device.ReadRegister(Tdc7200Register.ClockCntrStopMaskL));
        Assert.Equal(0x00, bench.Device.ReadRegister(Tdc7200Register.ClockCntrStopMaskH));
    }

    [Theory]
    [InlineData(0xFF)]
    [InlineData(0x00)]
    public void The_identity_check_fails_on_a_bus_with_no_chip_naming_the_bytes(byte floatingLevel)
    {
        var bus = new NoChipSpiDevice(floatingLevel);
        using var gpio = new GpioController(new SimulatedInterruptLineDriver());
        using var tdc = new Tdc7200Device(bus, gpio, 25, 8e6, "TDC7200 on spi0.1", shouldDispose: false);

        Tdc7200ProtocolException e = Assert.Throws<Tdc7200ProtocolException>(tdc.VerifyPresent);

        Assert.Contains("TDC7200 on spi0.1", e.Message, StringComparison.Ordinal);
        Assert.Equal([floatingLevel, floatingLevel], e.Bytes);
    }

    [Fact]
    public void A_real_GpioController_WaitForEvent_sees_the_simulated_INTB_fall()
    {
        var line = new SimulatedInterruptLineDriver();
        using var gpio = new GpioController(line);
        gpio.OpenPin(25, PinMode.InputPullUp);
        using var timer = new Timer(_ => line.Drive(25, PinValue.Low), null, 20, Timeout.Infinite);

        WaitForEventResult result = gpio.WaitForEvent(25, PinEventTypes.Falling, TimeSpan.FromSeconds(5));

        Assert.False(result.TimedOut);
        Assert.Equal(PinEventTypes.Falling, result.EventTypes);
        Assert.Equal(PinValue.Low, gpio.Read(25));
    }

    /// <summary>An SPI bus with nothing on it: MISO floats to one level whatever is sent.</summary>
    private sealed class NoChipSpiDevice(byte level) : SpiDevice
    {
        public override SpiConnectionSettings ConnectionSettings { get; } = new(0, 1);

        public override byte ReadByte() => level;

        public override void Read(Span<byte> buffer) => buffer.Fill(level);

        public override void WriteByte(byte value)
        {
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
        }

        public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) => readBuffer.Fill(level);
    }
}
