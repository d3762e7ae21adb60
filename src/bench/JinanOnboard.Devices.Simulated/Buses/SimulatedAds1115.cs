using System.Buffers.Binary;
using System.Device.I2c;

namespace JinanOnboard.Devices.Simulated.Buses;

/// <summary>
/// An ADS1115 16-bit ADC on a simulated I2C bus, as the TI ADS111x datasheet (SBAS444D, section 9.6 "Register Map")
/// describes it: a write sets the address pointer (P1-P0: 00 Conversion, 01 Config, 10 Lo_thresh, 11 Hi_thresh; bits 7-2
/// must be 0) and, with two more bytes, the register it points at (MSB first); a read returns the pointed register MSB
/// first. Config: OS (15; write 1 in power-down to start one conversion, reads 0 while converting), MUX (14-12), PGA
/// (11-9), MODE (8; 1 single-shot), DR (7-5: 8..860 SPS), comparator bits (4-0); reset value 0x8583. A conversion takes
/// 1/DR and samples the inputs when it completes; the result is two's complement, FSR/2^15 per LSB, clipped at
/// 0x7FFF/0x8000. Written from the datasheet so Iot.Device.Ads1115 runs against it unmodified.
/// </summary>
public sealed class SimulatedAds1115 : I2cDevice
{
    /// <summary>Config register after reset.</summary>
    public const ushort ConfigResetValue = 0x8583;

    private static readonly double[] FullScaleVolts = [6.144, 4.096, 2.048, 1.024, 0.512, 0.256, 0.256, 0.256];
    private static readonly int[] SamplesPerSecond = [8, 16, 32, 64, 128, 250, 475, 860];

    private readonly object gate = new();
    private readonly IAnalogInputs inputs;
    private readonly TimeProvider timeProvider;
    private int pointer;
    private ushort config = ConfigResetValue & 0x7FFF; // OS is a status when read, computed in ConfigAsRead
    private ushort loThreshold = 0x8000;
    private ushort hiThreshold = 0x7FFF;
    private short conversion;
    private bool converting;
    private long conversionEnd;
    private long continuousStart;

    /// <summary>An ADC at I2C address 0x48 (ADDR to GND) reading <paramref name="inputs"/>, timed by <paramref name="timeProvider"/>.</summary>
    public SimulatedAds1115(IAnalogInputs inputs, TimeProvider? timeProvider = null, int busId = 1, int address = 0x48)
    {
        this.inputs = inputs ?? throw new ArgumentNullException(nameof(inputs));
        this.timeProvider = timeProvider ?? TimeProvider.System;
        ConnectionSettings = new I2cConnectionSettings(busId, address);
    }

    /// <inheritdoc />
    public override I2cConnectionSettings ConnectionSettings { get; }

    /// <summary>Fault switch: the part does not acknowledge its address; every transaction fails as a real NACK does.</summary>
    public bool NotAcknowledging { get; set; }

    /// <summary>Fault switch: conversions never complete (OS stays 0).</summary>
    public bool ConversionStuck { get; set; }

    /// <summary>I2C transactions addressed to the part (acknowledged or not).</summary>
    public int Transactions { get; private set; }

    /// <summary>Conversions completed.</summary>
    public int ConversionsCompleted { get; private set; }

    /// <summary>The config register as last written (OS as it reads now).</summary>
    public ushort Config
    {
        get
        {
            lock (gate)
            {
                Update(timeProvider.GetTimestamp());
                return ConfigAsRead();
            }
        }
    }

    /// <summary>Lo_thresh register.</summary>
    public ushort LoThreshold => loThreshold;

    /// <summary>Hi_thresh register.</summary>
    public ushort HiThreshold => hiThreshold;

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (gate)
        {
            Begin();
            if (buffer.Length is not (1 or 3) || (buffer[0] & 0xFC) != 0)
            {
                throw new IOException($"ADS1115 at 0x{ConnectionSettings.DeviceAddress:X2}: no ACK for a {buffer.Length}-byte write with pointer 0x{(buffer.IsEmpty ? 0 : buffer[0]):X2}");
            }

            long now = timeProvider.GetTimestamp();
            Update(now);
            pointer = buffer[0];
            if (buffer.Length == 3)
            {
                WriteRegister(BinaryPrimitives.ReadUInt16BigEndian(buffer[1..]), now);
            }
        }
    }

    /// <inheritdoc />
    public override void WriteByte(byte value) => Write([value]);

    /// <inheritdoc />
    public override void Read(Span<byte> buffer)
    {
        lock (gate)
        {
            Begin();
            Update(timeProvider.GetTimestamp());
            ushort value = pointer switch
            {
                0 => (ushort)conversion,
                1 => ConfigAsRead(),
                2 => loThreshold,
                _ => hiThreshold,
            };
            buffer.Fill(0xFF); // bytes past the register's two: the bus idles high
            if (buffer.Length >= 2)
            {
                BinaryPrimitives.WriteUInt16BigEndian(buffer, value);
            }
            else if (buffer.Length == 1)
            {
                buffer[0] = (byte)(value >> 8);
            }
        }
    }

    /// <inheritdoc />
    public override byte ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        Read(one);
        return one[0];
    }

    /// <inheritdoc />
    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    private void Begin()
    {
        Transactions++;
        if (NotAcknowledging)
        {
            throw new IOException($"ADS1115 at 0x{ConnectionSettings.DeviceAddress:X2}: address not acknowledged");
        }
    }

    private void WriteRegister(ushort value, long now)
    {
        switch (pointer)
        {
            case 0:
                break; // the conversion register is read-only
            case 1:
                bool startSingle = (value & 0x8000) != 0 && !converting && IsSingleShot(config);
                config = (ushort)(value & 0x7FFF);
                if (!IsSingleShot(config))
                {
                    converting = false;
                    continuousStart = now;
                }
                else if (startSingle)
                {
                    converting = true;
                    conversionEnd = now + ConversionTicks();
                }

                break;
            case 2:
                loThreshold = value;
                break;
            default:
                hiThreshold = value;
                break;
        }
    }

    private void Update(long now)
    {
        if (ConversionStuck)
        {
            return;
        }

        if (IsSingleShot(config))
        {
            if (converting && now >= conversionEnd)
            {
                conversion = Sample(conversionEnd);
                converting = false;
            }

            return;
        }

        long periods = (now - continuousStart) / ConversionTicks();
        if (periods >= 1)
        {
            long end = continuousStart + periods * ConversionTicks();
            conversion = Sample(end);
            continuousStart = end;
        }
    }

    private ushort ConfigAsRead()
    {
        bool busy = converting || !IsSingleShot(config); // in continuous mode the part is always converting
        return (ushort)(config | (busy ? 0 : 0x8000));
    }

    private short Sample(long timestamp)
    {
        ConversionsCompleted++;
        int mux = (config >> 12) & 0x7;
        (int positive, int negative) = mux switch
        {
            0 => (0, 1),
            1 => (0, 3),
            2 => (1, 3),
            3 => (2, 3),
            _ => (mux - 4, -1),
        };
        double volts = inputs.VoltsAt(positive, timestamp) - (negative < 0 ? 0.0 : inputs.VoltsAt(negative, timestamp));
        double fullScale = FullScaleVolts[(config >> 9) & 0x7];
        return (short)Math.Clamp(Math.Round(volts / fullScale * 32768.0), short.MinValue, short.MaxValue);
    }

    private long ConversionTicks() => timeProvider.TimestampFrequency / SamplesPerSecond[(config >> 5) & 0x7];

    private static bool IsSingleShot(ushort configuration) => (configuration & 0x0100) != 0;
}
