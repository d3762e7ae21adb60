using System.Device.Gpio;
using System.Device.Spi;
using System.Numerics;
using JinanOnboard.Primitives.Randomness;

namespace JinanOnboard.Devices.Simulated.Tdc7200;

/// <summary>
/// A TDC7200 behind an <see cref="SpiDevice"/>, decoding each transaction as the datasheet defines it (TI SNAS647D
/// §8.5.1: command byte AUTOINC[7] RW[6] ADDR[5:0], 8-bit registers 0x00–0x09, 24-bit results 0x10–0x1C MSB first,
/// auto-increment across registers) and measuring the time of flight it is given: a START, STOPs at
/// <see cref="StopTimesSeconds"/> after it, a ring oscillator of <see cref="SimulatedTdc7200Options.RingOscillatorLsbSeconds"/>
/// with Gaussian timing noise, and the CLOCK. INTB is driven on <see cref="InterruptLine"/>, a GPIO driver a real
/// <see cref="GpioController"/> runs over. Each call of Read, Write or TransferFullDuplex is one chip-select assertion.
/// </summary>
public sealed class SimulatedTdc7200 : SpiDevice
{
    private const byte StartMeas = 0x01;
    private const byte ParityEn = 0x40;
    private const byte ForceCal = 0x80;
    private const byte NewMeasInt = 0x01;
    private const byte CoarseOvfInt = 0x02;
    private const byte ClockOvfInt = 0x04;
    private const byte MeasStarted = 0x08;
    private const byte MeasComplete = 0x10;

    private readonly SimulatedTdc7200Options options;
    private readonly Lock gate = new();
    private readonly byte[] small = new byte[0x0A];
    private readonly uint[] results = new uint[13];
    private SplitMix64 random;

    /// <summary>A TDC7200 at power-on reset, with its INTB line high.</summary>
    public SimulatedTdc7200(SimulatedTdc7200Options? options = null, SpiConnectionSettings? settings = null)
    {
        this.options = options ?? new SimulatedTdc7200Options();
        ConnectionSettings = settings ?? new SpiConnectionSettings(0, 0) { Mode = SpiMode.Mode0, ClockFrequency = 20_000_000 };
        random = SeedSequence.CreateGenerator(this.options.Seed, "tdc7200.simulated");
        InterruptLine = new SimulatedInterruptLineDriver();
        Reset();
    }

    /// <inheritdoc/>
    public override SpiConnectionSettings ConnectionSettings { get; }

    /// <summary>The GPIO driver carrying INTB (pin <see cref="SimulatedTdc7200Options.IntbPin"/>).</summary>
    public SimulatedInterruptLineDriver InterruptLine { get; }

    /// <summary>The physics the model runs with.</summary>
    public SimulatedTdc7200Options Options => options;

    /// <summary>True STOP times after the START, seconds, in order: what the next measurement sees.</summary>
    public IReadOnlyList<double> StopTimesSeconds { get; set; } = [100e-9];

    /// <summary>Fault switch: measure, but never pull INTB low (a broken INTB trace, a dead GPIO).</summary>
    public bool NeverInterrupt { get; set; }

    /// <summary>Fault switch: flip bit 0 of TIME1 after the parity bit was computed (a bit error on DOUT).</summary>
    public bool CorruptTime1 { get; set; }

    /// <summary>Measurements started so far.</summary>
    public int MeasurementsStarted { get; private set; }

    /// <summary>Every SPI transaction as the MOSI bytes sent, in order.</summary>
    public IReadOnlyList<byte[]> Transactions
    {
        get
        {
            lock (gate)
            {
                return [.. transactions];
            }
        }
    }

    private readonly List<byte[]> transactions = [];

    /// <summary>The power-on reset values (SNAS647D §8.6): CONFIG2 0x40, INT_MASK 0x07, overflow registers 0xFFFF.</summary>
    public void Reset()
    {
        lock (gate)
        {
            Array.Clear(small);
            Array.Clear(results);
            small[0x01] = 0x40;
            small[0x03] = 0x07;
            small[0x04] = small[0x05] = small[0x06] = small[0x07] = 0xFF;
        }
    }

    /// <summary>The value of a register as the device holds it (24-bit results with their parity bit).</summary>
    public uint Peek(byte address)
    {
        lock (gate)
        {
            return address < small.Length ? small[address] : address is >= 0x10 and <= 0x1C ? results[address - 0x10] : 0u;
        }
    }

    /// <inheritdoc/>
    public override byte ReadByte()
    {
        Span<byte> miso = stackalloc byte[1];
        Read(miso);
        return miso[0];
    }

    /// <inheritdoc/>
    public override void Read(Span<byte> buffer)
    {
        // MOSI idles low during a pure read: the first byte clocked out is a read command for CONFIG1.
        byte[] zeros = new byte[buffer.Length];
        TransferFullDuplex(zeros, buffer);
    }

    /// <inheritdoc/>
    public override void WriteByte(byte value) => Write([value]);

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<byte> buffer) => TransferFullDuplex(buffer, Span<byte>.Empty);

    /// <inheritdoc/>
    public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        if (!readBuffer.IsEmpty && readBuffer.Length != writeBuffer.Length)
        {
            throw new ArgumentException("full-duplex buffers must be the same length");
        }

        bool interrupt;
        bool release;
        lock (gate)
        {
            transactions.Add(writeBuffer.ToArray());
            (interrupt, release) = Transaction(writeBuffer, readBuffer);
        }

        if (release)
        {
            InterruptLine.Drive(options.IntbPin, PinValue.High);
        }

        if (interrupt)
        {
            // The measurement and calibration take microseconds; INTB falls after the START_MEAS write has returned.
            ThreadPool.UnsafeQueueUserWorkItem(static self => self.RaiseInterruptIfPending(), this, preferLocal: false);
        }
    }

    private (bool Interrupt, bool Release) Transaction(ReadOnlySpan<byte> mosi, Span<byte> miso)
    {
        if (!miso.IsEmpty)
        {
            miso.Clear();
        }

        if (mosi.IsEmpty)
        {
            return (false, false);
        }

        byte command = mosi[0];
        int address = command & 0x3F;
        bool write = (command & 0x40) != 0;
        bool autoIncrement = (command & 0x80) != 0;
        bool interrupt = false;
        bool release = false;
        int i = 1;
        while (i < mosi.Length)
        {
            int width = address is >= 0x10 and <= 0x1C ? 3 : 1;
            if (write)
            {
                if (i + width > mosi.Length)
                {
                    break; // chip select released mid-register: the partial write is discarded
                }

                (bool started, bool cleared) = WriteRegister(address, mosi.Slice(i, width));
                interrupt |= started;
                release |= cleared;
            }
            else if (!miso.IsEmpty)
            {
                uint value = address < small.Length ? small[address] : address is >= 0x10 and <= 0x1C ? results[address - 0x10] : 0u;
                for (int b = 0; b < width && i + b < miso.Length; b++)
                {
                    miso[i + b] = (byte)(value >> (8 * (width - 1 - b)));
                }
            }

            i += width;
            if (!autoIncrement)
            {
                break; // without AUTOINC one register per transaction; further clocks read 0
            }

            address = (address + 1) & 0x3F;
        }

        return (interrupt, release);
    }

    private (bool Started, bool Cleared) WriteRegister(int address, ReadOnlySpan<byte> data)
    {
        if (address >= small.Length)
        {
            return (false, false); // results are read-only; unmapped addresses ignore writes
        }

        byte value = data[0];
        if (address == 0x02)
        {
            small[0x02] &= (byte)~value; // INT_STATUS: write 1 to clear
            return (false, (small[0x02] & small[0x03] & 0x07) == 0);
        }

        small[address] = value;
        if (address == 0x00 && (value & StartMeas) != 0)
        {
            Measure();
            return (!NeverInterrupt && (small[0x02] & small[0x03] & 0x07) != 0, false);
        }

        return (false, false);
    }

    private void RaiseInterruptIfPending()
    {
        bool pending;
        lock (gate)
        {
            pending = (small[0x02] & small[0x03] & 0x07) != 0;
        }

        if (pending)
        {
            InterruptLine.Drive(options.IntbPin, PinValue.Low);
        }
    }

    private void Measure()
    {
        MeasurementsStarted++;
        Array.Clear(results);
        byte config1 = small[0x00];
        byte config2 = small[0x01];
        bool mode2 = ((config1 >> 1) & 0x03) == 0x01;
        int numStop = Math.Min(5, (config2 & 0x07) + 1);
        int calPeriods = ((config2 >> 6) & 0x03) switch { 0 => 2, 1 => 10, 2 => 20, _ => 40 };
        double clock = 1.0 / options.ClockFrequencyHz;
        double lsb = options.RingOscillatorLsbSeconds;
        byte status = MeasStarted;

        byte overflow = mode2 ? MeasureMode2(numStop, clock, lsb) : MeasureMode1(numStop, lsb);
        status |= overflow;
        if (overflow == 0 || (config1 & ForceCal) != 0)
        {
            // Calibration after the measurement (SNAS647D §8.4.1): ring counts over 1 and over CALIBRATION2_PERIODS clocks.
            results[11] = Counts(clock, lsb);
            results[12] = Counts(calPeriods * clock, lsb);
        }

        if (overflow == 0)
        {
            status |= NewMeasInt;
        }

        if ((config1 & ParityEn) != 0)
        {
            for (int r = 0; r < results.Length; r++)
            {
                results[r] |= (uint)(BitOperations.PopCount(results[r]) & 1) << 23; // even parity over bits 23..0
            }
        }

        if (CorruptTime1)
        {
            results[0] ^= 1;
        }

        small[0x02] = (byte)(status | MeasComplete);
        small[0x00] = (byte)(config1 & ~StartMeas); // START_MEAS clears when the measurement completes
    }

    private byte MeasureMode1(int numStop, double lsb)
    {
        uint coarseLimit = (uint)((small[0x04] << 8) | small[0x05]);
        for (int n = 0; n < numStop; n++)
        {
            if (n >= StopTimesSeconds.Count)
            {
                return CoarseOvfInt;
            }

            uint count = Counts(StopTimesSeconds[n] + Noise(), lsb);
            if (count / (uint)options.CountsPerCoarseCount >= coarseLimit)
            {
                return CoarseOvfInt;
            }

            results[2 * n] = count; // TIMEn
        }

        return 0;
    }

    private byte MeasureMode2(int numStop, double clock, double lsb)
    {
        uint clockLimit = (uint)((small[0x06] << 8) | small[0x07]);
        uint stopMask = (uint)((small[0x08] << 8) | small[0x09]);

        // START falls at a random phase of the CLOCK; edges at k·clock. TIME1 runs from START to the next edge, TIME(n+1)
        // from STOPn to the next edge, CLOCK_COUNTn counts the periods between those two edges (SNAS647D §8.4.2.2).
        double start = random.NextDouble() * clock;
        double firstEdge = NextEdge(start, clock);
        results[0] = Counts(firstEdge - start + Noise(), lsb);
        int received = 0;
        foreach (double stopTime in StopTimesSeconds)
        {
            double stop = start + stopTime;
            double edge = NextEdge(stop, clock);
            uint periods = (uint)Math.Round((edge - firstEdge) / clock);
            if (periods < stopMask)
            {
                continue; // masked: the clock counter had not reached CLOCK_CNTR_STOP_MASK
            }

            if (periods >= clockLimit)
            {
                break;
            }

            results[2 * (received + 1)] = Counts(edge - stop + Noise(), lsb); // TIME(n+1)
            results[(2 * received) + 1] = periods;                            // CLOCK_COUNTn
            if (++received == numStop)
            {
                return 0;
            }
        }

        return ClockOvfInt;
    }

    private static double NextEdge(double t, double clock) => (Math.Floor(t / clock) + 1) * clock;

    private static uint Counts(double seconds, double lsb) => (uint)Math.Clamp(Math.Round(seconds / lsb), 0, 0x7FFFFF);

    private double Noise()
    {
        if (options.JitterSigmaSeconds <= 0)
        {
            return 0;
        }

        // Box–Muller from the seeded stream (the channel simulation's polar-method generator is internal to its assembly).
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return options.JitterSigmaSeconds * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
