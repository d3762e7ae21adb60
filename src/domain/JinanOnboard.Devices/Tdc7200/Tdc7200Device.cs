using System.Buffers.Binary;
using System.Device.Gpio;
using System.Device.Spi;
using System.Numerics;

namespace JinanOnboard.Devices.Tdc7200;

/// <summary>
/// Binding for a TI TDC7200 time-to-digital converter (datasheet SNAS647D) on an <see cref="SpiDevice"/> (SPI mode 0,
/// up to 20 MHz; §8.5.1) with its open-drain, active-low INTB output on a GPIO input of a <see cref="GpioController"/>.
/// dotnet/iot style: the binding receives its SPI device and GPIO controller and never creates them; it opens the INTB
/// pin on the controller and disposes the buses only if <c>shouldDispose</c>. Not thread-safe: one caller drives it.
/// </summary>
public sealed class Tdc7200Device : IDisposable
{
    private const int ResultRegisterCount = 13; // TIME1 (0x10) .. CALIBRATION2 (0x1C)
    private const Tdc7200InterruptStatus AllStatusBits = (Tdc7200InterruptStatus)0x1F;

    private readonly SpiDevice spi;
    private readonly GpioController gpio;
    private readonly int intbPin;
    private readonly bool shouldDispose;
    private readonly TimeProvider timeProvider;
    private readonly byte[] tx = new byte[1 + (3 * ResultRegisterCount)];
    private readonly byte[] rx = new byte[1 + (3 * ResultRegisterCount)];
    private Tdc7200Configuration? configuration;
    private bool disposed;

    /// <summary>Binds to a TDC7200.</summary>
    /// <param name="spi">The SPI device the TDC7200 is on (chip select included), already created.</param>
    /// <param name="gpio">The GPIO controller of the INTB line.</param>
    /// <param name="intbPin">The GPIO pin INTB is wired to (the controller's numbering).</param>
    /// <param name="clockFrequencyHz">The CLOCK input frequency (1–16 MHz; 8 MHz on the TI EVM).</param>
    /// <param name="deviceName">How errors name this TDC (board and chip select).</param>
    /// <param name="shouldDispose">True to dispose <paramref name="spi"/> and <paramref name="gpio"/> with the binding.</param>
    /// <param name="timeProvider">Clock of the INTB timeout; the system clock if null.</param>
    public Tdc7200Device(SpiDevice spi, GpioController gpio, int intbPin, double clockFrequencyHz, string deviceName = "TDC7200", bool shouldDispose = true, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(spi);
        ArgumentNullException.ThrowIfNull(gpio);
        ArgumentException.ThrowIfNullOrWhiteSpace(deviceName);
        if (!(clockFrequencyHz >= 1e6 && clockFrequencyHz <= 16e6))
        {
            throw new ArgumentOutOfRangeException(nameof(clockFrequencyHz), clockFrequencyHz, "the TDC7200 CLOCK input is 1-16 MHz (SNAS647D §6.3)");
        }

        this.spi = spi;
        this.gpio = gpio;
        this.intbPin = intbPin;
        this.shouldDispose = shouldDispose;
        this.timeProvider = timeProvider ?? TimeProvider.System;
        DeviceName = deviceName;
        ClockPeriodSeconds = 1.0 / clockFrequencyHz;

        // INTB is open drain: with no external pull-up the internal one keeps it high between interrupts.
        gpio.OpenPin(intbPin, gpio.IsPinModeSupported(intbPin, PinMode.InputPullUp) ? PinMode.InputPullUp : PinMode.Input);
    }

    /// <summary>How errors name this TDC.</summary>
    public string DeviceName { get; }

    /// <summary>The CLOCK period, seconds.</summary>
    public double ClockPeriodSeconds { get; }

    /// <summary>Reads an 8-bit configuration or status register (0x00–0x09).</summary>
    public byte ReadRegister(Tdc7200Register register)
    {
        RequireWidth(register, 1);
        tx[0] = Tdc7200Spi.Command(register, write: false);
        tx[1] = 0;
        spi.TransferFullDuplex(tx.AsSpan(0, 2), rx.AsSpan(0, 2));
        return rx[1];
    }

    /// <summary>Writes an 8-bit configuration or status register (0x00–0x09).</summary>
    public void WriteRegister(Tdc7200Register register, byte value)
    {
        RequireWidth(register, 1);
        tx[0] = Tdc7200Spi.Command(register, write: true);
        tx[1] = value;
        spi.Write(tx.AsSpan(0, 2));
    }

    /// <summary>Reads a 24-bit measurement result register (0x10–0x1C), all 24 bits as sent (parity bit included).</summary>
    public uint ReadRegister24(Tdc7200Register register)
    {
        RequireWidth(register, 3);
        tx.AsSpan(0, 4).Clear();
        tx[0] = Tdc7200Spi.Command(register, write: false);
        spi.TransferFullDuplex(tx.AsSpan(0, 4), rx.AsSpan(0, 4));
        return Read24(rx.AsSpan(1));
    }

    /// <summary>
    /// The identity check: writes two patterns to CLOCK_CNTR_STOP_MASK_H/L, reads them back and restores the old values.
    /// A missing chip (MISO floating high or pulled low), a wrong chip select or a wrong SPI mode fails it.
    /// </summary>
    /// <exception cref="Tdc7200ProtocolException">The read-back differs from what was written.</exception>
    public void VerifyPresent()
    {
        byte oldHigh = ReadRegister(Tdc7200Register.ClockCntrStopMaskH);
        byte oldLow = ReadRegister(Tdc7200Register.ClockCntrStopMaskL);
        WriteRegister(Tdc7200Register.ClockCntrStopMaskH, 0x5A);
        WriteRegister(Tdc7200Register.ClockCntrStopMaskL, 0xA5);
        byte high = ReadRegister(Tdc7200Register.ClockCntrStopMaskH);
        byte low = ReadRegister(Tdc7200Register.ClockCntrStopMaskL);
        WriteRegister(Tdc7200Register.ClockCntrStopMaskH, oldHigh);
        WriteRegister(Tdc7200Register.ClockCntrStopMaskL, oldLow);
        if (high != 0x5A || low != 0xA5)
        {
            throw new Tdc7200ProtocolException(DeviceName, "register read-back check failed (wrote 5AA5 to CLOCK_CNTR_STOP_MASK_H/L, read back)", [high, low]);
        }
    }

    /// <summary>Writes the configuration (CONFIG1 without START_MEAS, CONFIG2, INT_MASK, overflow and STOP-mask registers).</summary>
    public void Configure(Tdc7200Configuration settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        WriteRegister(Tdc7200Register.Config1, settings.Config1);
        WriteRegister(Tdc7200Register.Config2, settings.Config2);
        WriteRegister(Tdc7200Register.IntMask, (byte)(Tdc7200InterruptMask.NewMeas | Tdc7200InterruptMask.CoarseCntrOvf | Tdc7200InterruptMask.ClockCntrOvf));
        WriteRegister(Tdc7200Register.CoarseCntrOvfH, (byte)(settings.CoarseCounterOverflow >> 8));
        WriteRegister(Tdc7200Register.CoarseCntrOvfL, (byte)settings.CoarseCounterOverflow);
        WriteRegister(Tdc7200Register.ClockCntrOvfH, (byte)(settings.ClockCounterOverflow >> 8));
        WriteRegister(Tdc7200Register.ClockCntrOvfL, (byte)settings.ClockCounterOverflow);
        WriteRegister(Tdc7200Register.ClockCntrStopMaskH, (byte)(settings.ClockCounterStopMask >> 8));
        WriteRegister(Tdc7200Register.ClockCntrStopMaskL, (byte)settings.ClockCounterStopMask);
        configuration = settings;
    }

    /// <summary>
    /// One measurement: clears INT_STATUS, sets START_MEAS, waits for INTB's falling edge (SNAS647D §8.4.6, measurement
    /// sequence), reads the results in one auto-increment burst and computes the times of flight.
    /// </summary>
    /// <exception cref="Tdc7200TimeoutException">INTB stayed high for <paramref name="timeout"/>.</exception>
    /// <exception cref="Tdc7200OverflowException">Fewer STOPs than configured arrived before the counter overflow.</exception>
    /// <exception cref="Tdc7200ProtocolException">A result register failed its parity check, or INT_STATUS is impossible.</exception>
    public async Task<Tdc7200Measurement> MeasureAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        Tdc7200Configuration settings = configuration ?? throw new InvalidOperationException($"{DeviceName}: Configure before MeasureAsync");
        WriteRegister(Tdc7200Register.IntStatus, (byte)AllStatusBits);

        // Subscribe before starting: a short measurement can pull INTB low before the SPI write has even returned.
        var interrupt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnFalling(object sender, PinValueChangedEventArgs e) => interrupt.TrySetResult();
        gpio.RegisterCallbackForPinValueChangedEvent(intbPin, PinEventTypes.Falling, OnFalling);
        try
        {
            WriteRegister(Tdc7200Register.Config1, (byte)(settings.Config1 | (byte)Tdc7200Config1.StartMeas));
            try
            {
                await interrupt.Task.WaitAsync(timeout, timeProvider, cancellationToken);
            }
            catch (TimeoutException)
            {
                // INTB is a level: if it is low, the edge came and went unseen (e.g. between two polls of a slow driver).
                if (gpio.Read(intbPin) != PinValue.Low)
                {
                    throw new Tdc7200TimeoutException($"{DeviceName}: INTB (GPIO {intbPin}) did not go low within {timeout.TotalMilliseconds} ms of START_MEAS");
                }
            }
        }
        finally
        {
            gpio.UnregisterCallbackForPinValueChangedEvent(intbPin, OnFalling);
        }

        var status = (Tdc7200InterruptStatus)ReadRegister(Tdc7200Register.IntStatus);
        if ((status & (Tdc7200InterruptStatus.CoarseCntrOvfInt | Tdc7200InterruptStatus.ClockCntrOvfInt)) != 0)
        {
            WriteRegister(Tdc7200Register.IntStatus, (byte)AllStatusBits);
            throw new Tdc7200OverflowException($"{DeviceName}: measurement ended in a counter overflow before {settings.NumberOfStops} STOP(s) (INT_STATUS {status})", status);
        }

        if ((status & Tdc7200InterruptStatus.NewMeasInt) == 0)
        {
            throw new Tdc7200ProtocolException(DeviceName, "INTB went low but INT_STATUS shows no new measurement", [(byte)status]);
        }

        Tdc7200Measurement measurement = ReadResults(settings);
        WriteRegister(Tdc7200Register.IntStatus, (byte)AllStatusBits);
        return measurement;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (gpio.IsPinOpen(intbPin))
        {
            gpio.ClosePin(intbPin);
        }

        if (shouldDispose)
        {
            spi.Dispose();
            gpio.Dispose();
        }
    }

    private Tdc7200Measurement ReadResults(Tdc7200Configuration settings)
    {
        // One auto-increment burst: TIME1, CLOCK_COUNT1, ..., TIME6, CALIBRATION1, CALIBRATION2 (SNAS647D §8.5.1).
        Array.Clear(tx);
        tx[0] = Tdc7200Spi.Command(Tdc7200Register.Time1, write: false, autoIncrement: true);
        spi.TransferFullDuplex(tx, rx);
        Span<uint> raw = stackalloc uint[ResultRegisterCount];
        for (int i = 0; i < ResultRegisterCount; i++)
        {
            raw[i] = Read24(rx.AsSpan(1 + (3 * i), 3));
            if (settings.ParityEnabled && BitOperations.PopCount(raw[i]) % 2 != 0)
            {
                var register = (Tdc7200Register)(0x10 + i);
                throw new Tdc7200ProtocolException(DeviceName, $"{register} failed its even-parity check", rx.AsSpan(1 + (3 * i), 3));
            }
        }

        // TIMEn at 0x10 + 2(n-1), CLOCK_COUNTn at 0x11 + 2(n-1); values without the parity bit: 23 bits, 16 for counts.
        var time = new uint[6];
        var clockCount = new uint[5];
        for (int n = 0; n < 6; n++)
        {
            time[n] = raw[2 * n] & 0x7FFFFF;
            if (n < 5)
            {
                clockCount[n] = raw[(2 * n) + 1] & 0xFFFF;
            }
        }

        uint calibration1 = raw[11] & 0x7FFFFF;
        uint calibration2 = raw[12] & 0x7FFFFF;
        double calCount = Tdc7200TimeOfFlight.CalibrationCount(calibration1, calibration2, Tdc7200Config2.PeriodsOf(settings.CalibrationPeriods));
        if (!(calCount > 0))
        {
            throw new Tdc7200ProtocolException(DeviceName, "CALIBRATION2 is not above CALIBRATION1", rx.AsSpan(1 + 33, 6));
        }

        double normLsb = Tdc7200TimeOfFlight.NormalizedLsbSeconds(ClockPeriodSeconds, calCount);
        var tof = new double[settings.NumberOfStops];
        for (int n = 0; n < tof.Length; n++)
        {
            tof[n] = settings.Mode == Tdc7200MeasurementMode.Mode1
                ? Tdc7200TimeOfFlight.Mode1Seconds(time[n], normLsb)
                : Tdc7200TimeOfFlight.Mode2Seconds(time[0], time[n + 1], clockCount[n], normLsb, ClockPeriodSeconds);
        }

        return new Tdc7200Measurement(settings.Mode, time, clockCount, calibration1, calibration2, calCount, normLsb, tof);
    }

    private static uint Read24(ReadOnlySpan<byte> bytes) => ((uint)bytes[0] << 16) | BinaryPrimitives.ReadUInt16BigEndian(bytes[1..]);

    private static void RequireWidth(Tdc7200Register register, int width)
    {
        if (Tdc7200Spi.WidthBytes(register) != width)
        {
            throw new ArgumentException($"{register} is a {Tdc7200Spi.WidthBytes(register) * 8}-bit register", nameof(register));
        }
    }
}
